/**
 * What the two services share: both run podinfo (a small Go web service that
 * stands in for your own images), listen on 9898, serve Prometheus metrics on
 * 9797 and answer /readyz and /healthz. Each app file keeps only what is its
 * own: who may call it, what it calls and which Vault paths feed its Secrets.
 */

/** podinfo's HTTP port. */
export const PODINFO_PORT = 9898;

/** podinfo's metrics port (`--port-metrics`). */
export const PODINFO_METRICS_PORT = 9797;

/** The command line every podinfo instance starts with; each app appends its own flags. */
export function podinfoCommand(...flags: string[]): string[] {
  return ["./podinfo", `--port=${PODINFO_PORT}`, `--port-metrics=${PODINFO_METRICS_PORT}`, "--level=info", ...flags];
}

/** The probes, metrics and port settings of `app()` for podinfo. */
export const podinfoDefaults = {
  port: PODINFO_PORT,
  probes: { readiness: "/readyz", liveness: "/healthz" },
  metrics: { port: PODINFO_METRICS_PORT },
} as const;

/** The ClusterSecretStore every app reads from: Vault, the only store of this cluster. */
export const VAULT_STORE = { name: "vault", kind: "ClusterSecretStore" } as const;
