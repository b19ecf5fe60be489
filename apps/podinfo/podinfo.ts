/**
 * podinfo, a small web service, defined once with the catalog's application
 * builder. Each cluster passes what differs (replicas, resources, host,
 * issuer, tag, greeting) through the platform environment.
 *
 * It reads one Secret from each of the platform's three secret mechanisms,
 * every key of each becoming an environment variable:
 * - `podinfo-token`: SOPS-encrypted in clusters/<cluster>/secrets/, decrypted by Flux;
 * - `podinfo-webhook`: a SealedSecret in clusters/<cluster>/sealed/, unsealed by the controller;
 * - `podinfo-database`: an ExternalSecret of the Vault key podinfo/database.
 */
import { defineApp } from "@typed-gitops/catalog";

/** The Secrets podinfo reads, in the order their keys are loaded. */
export const PODINFO_SECRETS = ["podinfo-token", "podinfo-webhook", "podinfo-database"] as const;

/** podinfo, for `install(podinfo({ … overrides }))`. */
export const podinfo = defineApp({
  name: "podinfo",
  image: "ghcr.io/stefanprodan/podinfo:6.9.2",
  command: ["./podinfo", "--port=9898", "--port-metrics=9797"],
  port: 9898,
  servicePort: 9898,
  runAsUser: 10001,
  probes: { readiness: "/readyz", liveness: "/healthz" },
  replicas: 2,
  autoscaling: { maxReplicas: 4 },
  resources: { cpu: "100m", memory: "64Mi" },
  env: { PODINFO_UI_MESSAGE: "Hello from typed GitOps", PODINFO_LOG_LEVEL: "info" },
  envFromSecrets: [...PODINFO_SECRETS],
  externalSecrets: [{ name: "podinfo-database", store: { name: "vault" }, data: [{ secretKey: "DATABASE_PASSWORD", key: "podinfo/database", property: "password" }] }],
  metrics: { port: 9797 },
  expose: { host: "podinfo.example.org", via: "traefik" },
});
