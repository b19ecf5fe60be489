/**
 * Vault's server configuration (HCL) rendered from the component's props:
 * the same props always give the same text, stanza by stanza in a fixed
 * order. The chart appends `disable_mlock = true` and fills in
 * `cluster_addr`/`api_addr` from the pod's environment.
 */
import type { VaultSettings } from "./vault.ts";

/** The HelmRelease's (and so the Helm release's) name: the chart's objects are `vault`, `vault-active`, `vault-internal`, pods `vault-0`…. */
export const VAULT_RELEASE = "vault";

/** Where the chart mounts an `extraVolumes` Secret. */
export function userConfigPath(secretName: string): string {
  return `/vault/userconfig/${secretName}`;
}

/** Where each pod's data (or HA-coordination) volume is mounted. */
export const VAULT_DATA_PATH = "/vault/data";

/** Where each pod's audit volume is mounted, and the file the bootstrap's audit device writes. */
export const VAULT_AUDIT_FILE = "/vault/audit/vault_audit.log";

/** An HCL string literal. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

/** `key = value` lines with the `=` aligned, indented by `indent`. */
function attributes(entries: readonly (readonly [string, string])[], indent: string): string[] {
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`);
}

/** The `scheme://host:8200` of pod `index` through the headless Service. */
function podAddress(props: VaultSettings, index: number): string {
  return `${props.tls === undefined ? "http" : "https"}://${VAULT_RELEASE}-${index}.${VAULT_RELEASE}-internal:8200`;
}

/** A raft stanza (`storage` or `ha_storage`) whose pods find each other through `retry_join`. */
function raftStanza(props: VaultSettings, block: "storage" | "ha_storage"): string[] {
  const lines = [`${block} "raft" {`, `  path = ${quoted(VAULT_DATA_PATH)}`];
  for (let index = 0; index < props.replicas; index++) {
    const join: [string, string][] = [["leader_api_addr", quoted(podAddress(props, index))]];
    if (props.tls !== undefined) join.push(["leader_ca_cert_file", quoted(`${userConfigPath(props.tls.secretName)}/ca.crt`)]);
    lines.push("", "  retry_join {", ...attributes(join, "    "), "  }");
  }
  lines.push("}");
  return lines;
}

/** The listener on 8200 (API) and 8201 (cluster), with or without TLS. */
function listenerStanza(props: VaultSettings): string[] {
  const entries: [string, string][] = [
    ["address", quoted("[::]:8200")],
    ["cluster_address", quoted("[::]:8201")],
  ];
  if (props.tls === undefined) entries.push(["tls_disable", "1"]);
  else {
    const dir = userConfigPath(props.tls.secretName);
    entries.push(["tls_cert_file", quoted(`${dir}/tls.crt`)], ["tls_key_file", quoted(`${dir}/tls.key`)]);
  }
  const lines = ['listener "tcp" {', ...attributes(entries, "  ")];
  if (props.metrics?.enabled === true) {
    // Prometheus scrapes /v1/sys/metrics without a Vault token.
    lines.push("", "  telemetry {", "    unauthenticated_metrics_access = true", "  }");
  }
  lines.push("}");
  return lines;
}

/** The storage stanzas: raft, or S3 with raft as `ha_storage`. */
function storageStanzas(props: VaultSettings): string[] {
  const { storage } = props;
  if (storage.type === "raft") return raftStanza(props, "storage");
  // Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (extraSecretEnvironmentVars), never from here.
  const s3: [string, string][] = [
    ["endpoint", quoted(storage.endpoint)],
    ["bucket", quoted(storage.bucket)],
    ["region", quoted(storage.region)],
    ["s3_force_path_style", quoted(String(storage.s3ForcePathStyle))],
  ];
  if (storage.endpoint.startsWith("http://")) s3.push(["disable_ssl", quoted("true")]);
  return ['storage "s3" {', ...attributes(s3, "  "), "}", "", ...raftStanza(props, "ha_storage")];
}

/**
 * The server configuration for the parsed props: `ui`, the `tcp`
 * listener, storage, `service_registration "kubernetes"` (which labels the
 * active pod for the `vault-active` Service), telemetry and `extraConfig`.
 */
export function vaultServerConfig(props: VaultSettings): string {
  const telemetry = attributes(
    [
      ["prometheus_retention_time", quoted(props.telemetry.prometheusRetentionTime)],
      ["disable_hostname", String(props.telemetry.disableHostname)],
    ],
    "  ",
  );
  const sections = [
    [`ui = ${String(props.ui.enabled)}`],
    listenerStanza(props),
    storageStanzas(props),
    ['service_registration "kubernetes" {}'],
    ["telemetry {", ...telemetry, "}"],
  ];
  if (props.extraConfig !== undefined) sections.push([props.extraConfig.trimEnd()]);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
