/**
 * Catalog section: secrets.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { externalSecretsOperatorProps } from "./external-secrets-operator.ts";
import { onePasswordConnectProps } from "./onepassword-connect.ts";
import { onePasswordItemProps } from "./onepassword-item.ts";
import { onePasswordSecretStoreProps } from "./onepassword-secret-store.ts";
import { sealedSecretsControllerProps } from "./sealed-secrets-controller.ts";
import { vaultProps } from "./vault.ts";
import { vaultSecretStoreProps } from "./vault-secret-store.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "externalSecretsOperator",
    group: "secrets",
    summary:
      "The External Secrets Operator with its CRDs, webhook and cert-controller (controllers layer); the stores it reads from and, with `metrics`, ServiceMonitors of its three Deployments (configs layer).",
    props: externalSecretsOperatorProps,
    example: `externalSecretsOperator({
  metrics: {},
  stores: [vaultSecretStore({ server: "http://vault-active.vault.svc:8200" })],
})`,
    pins: ["external-secrets chart 2.9.0 (External Secrets v2.9.0)"],
  },
  {
    name: "vaultSecretStore",
    group: "secrets",
    summary: "A ClusterSecretStore for a Vault KV engine with Kubernetes auth, for `externalSecretsOperator({ stores })`; matches the role `vault()`'s bootstrap creates.",
    props: vaultSecretStoreProps,
    example: `vaultSecretStore({ server: "http://vault-active.vault.svc:8200", kubernetesAuth: { role: "external-secrets" } })`,
  },
  {
    name: "onePasswordSecretStore",
    group: "secrets",
    summary: "A ClusterSecretStore or SecretStore reading 1Password vaults through a Connect server, with the Connect token from a Secret.",
    props: onePasswordSecretStoreProps,
    example: `onePasswordSecretStore({
  connectHost: "http://onepassword-connect.onepassword.svc:8080",
  vaults: { production: 1, shared: 2 },
  tokenSecret: { name: "onepassword-token", namespace: "onepassword" },
})`,
  },
  {
    name: "vault",
    group: "secrets",
    summary:
      "HashiCorp Vault in HA mode with Raft or S3 storage, its server config rendered from props, Kubernetes auth, an audit volume and a `vault-bootstrap` ConfigMap of the one-time commands (controllers layer); with `metrics` a ServiceMonitor and alerts, with `ui.ingress` a Traefik IngressRoute and its Certificate (configs layer).",
    props: vaultProps,
    example: `vault({
  replicas: 3,
  storage: { type: "raft", size: "10Gi" },
  metrics: {},
  ui: { ingress: { host: "vault.example.org", issuerRef: { name: "letsencrypt-production" } } },
})`,
    pins: ["vault chart 0.32.0 (Vault 1.21.2)"],
  },
  {
    name: "sealedSecretsController",
    group: "secrets",
    summary:
      "The Sealed Secrets controller, named as kubeseal expects (controllers layer); with `metrics`, a ServiceMonitor of its metrics Service (configs layer).",
    props: sealedSecretsControllerProps,
    example: `sealedSecretsController({ keyRenewPeriod: "720h", metrics: {} })`,
    pins: ["sealed-secrets chart 2.18.5 (controller 0.36.6)"],
  },
  {
    name: "onePasswordConnect",
    group: "secrets",
    summary:
      "1Password Connect with its credentials from an existing Secret and optionally the 1Password operator (controllers layer); optionally an External Secrets store wired to Connect (configs layer).",
    props: onePasswordConnectProps,
    example: `onePasswordConnect({
  operator: { tokenSecret: { name: "onepassword-token" } },
  externalSecrets: { vaults: { production: 1 } },
})`,
    pins: ["connect chart 2.4.1 (Connect 1.8.2, operator v1.12.0)"],
  },
  {
    name: "onePasswordItem",
    group: "secrets",
    summary: "A OnePasswordItem: the 1Password operator writes a Secret of the same name from one item of a vault.",
    props: onePasswordItemProps,
    example: `onePasswordItem({ name: "database", namespace: "web", vault: "production", item: "web-database" })`,
  },
];
