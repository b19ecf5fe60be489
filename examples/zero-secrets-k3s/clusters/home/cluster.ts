/**
 * The home cluster: one k3s node, no open ports, and Vault as the single
 * source of truth for secrets.
 *
 * Secrets reach this cluster two ways, and only two:
 *
 * - SOPS (./secrets/*.sops.yaml, decrypted by Flux with the age key
 *   `sops-age`): the bootstrap secrets that must exist before Vault can
 *   serve anything, listed in BOOTSTRAP_SECRETS with the reason each one
 *   cannot come from Vault. They all live in one folder of the tree,
 *   `infrastructure/controllers/bootstrap-secrets`.
 * - External Secrets from Vault: everything else. Every app's Secret, and
 *   Alertmanager's receiver URL, is an ExternalSecret naming a path under
 *   Vault's KV v2 mount `secret/`.
 *
 * Traffic reaches it one way: Cloudflare's edge → the tunnel (cloudflared
 * dials out; nothing listens on the node) → ingress-nginx (a ClusterIP
 * Service) → the apps.
 */
import {
  cloudflareTunnel,
  externalSecretsOperator,
  fluxMonitoring,
  ingressNginx,
  install,
  kubePrometheusStack,
  localPathStorage,
  vaultSecretStore,
  type Component,
} from "@typed-gitops/catalog";
import { defineCluster, externalSecret, readImageTags, sopsSecretObject } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { api } from "../../apps/api/api.ts";
import { web } from "../../apps/web/web.ts";
import { externalSecretsAlerts } from "../../infrastructure/alerts/external-secrets-alerts.ts";
import { platformNetworkPolicies } from "../../infrastructure/network-policies/platform-policies.ts";
import { VAULT_STORAGE_SECRETS, vaultOnMinio } from "../../infrastructure/vault-storage/vault-storage.ts";

const images = readImageTags(new URL("./images.yaml", import.meta.url));

/** The namespaces of the platform, as the components below create them. */
const NAMESPACES = {
  vault: "vault",
  minio: "minio",
  externalSecrets: "external-secrets",
  ingressNginx: "ingress-nginx",
  cloudflared: "cloudflared",
  monitoring: "monitoring",
} as const;

/** The StorageClass (k3s's local-path provisioner, reclaimPolicy Retain) of the volumes whose data must outlive their claims: MinIO's and Vault's. */
const RETAIN = "local-path-retain";

/**
 * The SOPS-encrypted Secrets, each with why it cannot come from Vault.
 * Everything not listed here is in Vault.
 */
export const BOOTSTRAP_SECRETS = {
  // Cloudflare's edge reaches the cluster only through this tunnel. On a fresh
  // or rebooted node Vault starts sealed; if the tunnel's credentials came from
  // Vault, cloudflared could not start, the configs layer would stay unready
  // and hold back the apps, and the site would be down until someone unseals.
  "tunnel-credentials": { namespace: NAMESPACES.cloudflared, why: "the public edge must come up while Vault is still sealed" },
  // MinIO holds Vault's storage: Vault cannot start before MinIO, so it
  // cannot hand MinIO its administrator credentials.
  [VAULT_STORAGE_SECRETS.minioRoot]: { namespace: NAMESPACES.minio, why: "MinIO starts before Vault, which stores its data in MinIO" },
  // The MinIO user Vault stores its data as: created by MinIO's post-install
  // Job before Vault exists (same reason).
  [VAULT_STORAGE_SECRETS.minioVaultUser]: { namespace: NAMESPACES.minio, why: "MinIO creates Vault's storage user before Vault exists" },
  // The same user's keys, as Vault's S3 client reads them at start-up:
  // Vault needs them to read its own data, so they cannot be in that data.
  [VAULT_STORAGE_SECRETS.vaultS3]: { namespace: NAMESPACES.vault, why: "Vault needs them to open its own storage" },
} as const;

const bootstrapSecrets: Component = {
  name: "bootstrap-secrets",
  controllers: [
    // The tunnel's namespace is made here, with its Secret, so that every
    // SOPS document of the cluster is in this one folder.
    new Namespace({ metadata: { name: NAMESPACES.cloudflared, labels: { "pod-security.kubernetes.io/enforce": "restricted" } } }),
    ...Object.keys(BOOTSTRAP_SECRETS).map((name) => sopsSecretObject(new URL(`./secrets/${name}.sops.yaml`, import.meta.url))),
  ],
};

// Storage first: k3s's local-path provisioner settings and the Retain class
// are needed by the volumes of the controllers layer (MinIO, Vault,
// Prometheus), so they move from the catalog's configs layer to controllers.
const storageSettings = localPathStorage({
  nodePathMap: [{ node: "DEFAULT_PATH_FOR_NON_LISTED_NODES", paths: ["/srv/k3s-storage"] }],
  retainClass: { name: RETAIN },
});
const storage: Component = { name: storageSettings.name, controllers: [...(storageSettings.controllers ?? []), ...(storageSettings.configs ?? [])] };

const secretsPlatform = vaultOnMinio({
  storageClass: RETAIN,
  minioSize: "20Gi",
  vault: {
    namespace: NAMESPACES.vault,
    // One node: one Vault pod (HA coordination still works, with one member).
    replicas: 1,
    metrics: {},
    audit: { size: "5Gi", storageClass: RETAIN },
    kubernetesAuth: {
      // What the External Secrets Operator may read: the apps' paths and the platform's own.
      externalSecrets: { paths: ["apps/*", "platform/*"] },
    },
    values: {
      server: {
        // Kubernetes "ready" means "the process answers", sealed or not:
        // otherwise the sealed pod of a first install (or after a reboot)
        // would keep the HelmRelease, and with it every layer, unready until
        // someone unseals. Requests still reach only the unsealed leader,
        // through vault-active; VaultSealed alerts on a sealed pod.
        readinessProbe: { enabled: true, path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204" },
        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      },
    },
  },
});

const eso = externalSecretsOperator({
  namespace: NAMESPACES.externalSecrets,
  metrics: {},
  // The only store of the cluster: Vault's KV v2 mount `secret`, logged in to with
  // the controller's ServiceAccount through Vault's Kubernetes auth.
  stores: [vaultSecretStore({ name: "vault", server: `http://vault-active.${NAMESPACES.vault}.svc:8200` })],
});

const monitoring = kubePrometheusStack({
  namespace: NAMESPACES.monitoring,
  prometheus: {
    retention: "15d",
    retentionSize: "9GB",
    storage: { size: "10Gi", storageClassName: "local-path" },
    externalLabels: { cluster: "home" },
  },
  alertmanager: {
    // Written by the ExternalSecret below from Vault's platform/alertmanager.
    secretName: "alertmanager-receivers",
    receivers: [{ type: "slack", name: "phone", urlKey: "slack-url" }],
    routes: [{ receiver: "phone", severity: ["critical", "warning"] }],
  },
  fluxResourceMetrics: true,
  values: {
    // k3s runs the control plane in one process whose metrics the chart cannot reach.
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeProxy: { enabled: false },
    kubeEtcd: { enabled: false },
  },
});

const tunnel = cloudflareTunnel({
  namespace: NAMESPACES.cloudflared,
  createNamespace: false,
  tunnelId: "0b6e9c1d-5a3f-4e2a-9c7d-2f1e8a4b6c30",
  credentialsSecret: "tunnel-credentials",
  replicas: 1,
  // Every public host goes to ingress-nginx; the Ingresses pick the app.
  ingress: ["home.example.org", "api.home.example.org"].map((hostname) => ({
    hostname,
    service: `http://ingress-nginx-controller.${NAMESPACES.ingressNginx}.svc.cluster.local:80`,
  })),
  metrics: {},
});

export default defineCluster({
  name: "home",
  kubernetesVersion: "1.35",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/home-platform.git", branch: "main", secretName: "flux-system" },
    // A first install pulls every chart and image over a home connection.
    layers: { interval: "10m", timeout: "15m" },
  },
  secrets: { sops: { ageRecipients: ["age1jnxn6rp2zsg22lvjv0lnqefk3wsv4uvnz2f60tw8a4q8rna3x9sqd9ggr5"] } },
  components: {
    ...install(
      bootstrapSecrets,
      storage,
      secretsPlatform.minio,
      secretsPlatform.vault,
      { ...eso, configs: [...(eso.configs ?? []), externalSecretsAlerts(NAMESPACES.externalSecrets)] },
      {
        ...monitoring,
        configs: [
          ...(monitoring.configs ?? []),
          externalSecret({
            name: "alertmanager-receivers",
            namespace: NAMESPACES.monitoring,
            secretStoreRef: { name: "vault", kind: "ClusterSecretStore" },
            data: [{ secretKey: "slack-url", remoteRef: { key: "platform/alertmanager", property: "slack-url" } }],
          }),
        ],
      },
      fluxMonitoring(),
      ingressNginx({
        namespace: NAMESPACES.ingressNginx,
        // No LoadBalancer, no NodePort: only cloudflared reaches the controller.
        service: { type: "ClusterIP" },
        ingressClass: { name: "nginx", default: true },
        config: {
          // Only cloudflared can connect (see the network policies), and it sets X-Forwarded-For.
          useForwardedHeaders: true,
          // nginx sees plain HTTP from the tunnel; Cloudflare's edge terminates TLS and sets HSTS.
          hsts: false,
        },
        metrics: {},
      }),
      tunnel,
      web({ tag: images.podinfo!.tag }),
      api({ tag: images.podinfo!.tag }),
    ),
    "infrastructure/controllers/network-policies": platformNetworkPolicies(NAMESPACES),
  },
});
