/**
 * The staging cluster: the reference platform (infrastructure/platform.ts)
 * with staging's values: smaller, single replicas, Let's Encrypt's staging
 * issuer, newer image tags bumped by Flux image automation, shorter
 * retention, alerts to a Slack channel only, and one Kubernetes minor ahead
 * of production. Every difference from production is a value here.
 */
import { defineCluster, readImageTags } from "@typed-gitops/lib";
import { platform } from "../../infrastructure/platform.ts";

// Secrets reach this cluster three ways, none of them in plaintext:
// - SOPS: ./secrets/*.sops.yaml, encrypted for the age recipients below, decrypted by Flux
//   (`pnpm secrets set|edit`): what the controllers need before Vault runs.
// - Sealed Secrets: ./sealed/*.yaml, sealed offline against ./sealed-secrets.pem, the public
//   certificate of this cluster's controller (`pnpm secrets seal`). On a real cluster that file
//   is fetched once the controller has first started and created its key:
//     kubeseal --fetch-cert --controller-namespace sealed-secrets --controller-name sealed-secrets-controller > clusters/<cluster>/sealed-secrets.pem
//   (here it is a self-signed stand-in whose private key was never kept; see the README).
// - External Secrets: values stay in the cluster's Vault; ExternalSecrets name them and the operator writes the Secrets.

export default defineCluster({
  name: "staging",
  kubernetesVersion: "1.36",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/platform.git", branch: "main", secretName: "flux-system" },
    flux: { controllers: ["source-controller", "kustomize-controller", "helm-controller", "notification-controller", "image-reflector-controller", "image-automation-controller"] },
    layers: { interval: "5m", timeout: "15m" },
  },
  secrets: { sops: { ageRecipients: ["age1njnmpyv6fdgy0afge4kn9ckpn6t3ujzh5urhacveft5n3qu9gqwqpx2qty"] } },
  components: platform({
    cluster: "staging",
    domain: "staging.example.org",
    clusterDir: new URL("./", import.meta.url),
    images: readImageTags(new URL("./images.yaml", import.meta.url)),
    letsEncrypt: { email: "platform-team@example.org", issuer: "staging" },
    apiServer: { cidr: "10.1.0.0/28" },
    controllerReplicas: 1,
    // Staging is reachable from the office network only.
    traefik: { replicas: 1, loadBalancerSourceRanges: ["203.0.113.0/24"] },
    vault: { replicas: 1, storageSize: "2Gi", auditSize: "2Gi" },
    sso: { serverReplicas: 1, workerReplicas: 1, databaseSize: "2Gi" },
    monitoring: {
      prometheus: { replicas: 1, retention: "7d", retentionSize: "9GB", storageSize: "10Gi" },
      alertmanager: {
        replicas: 1,
        storageSize: "1Gi",
        receivers: [{ type: "slack", name: "slack-staging", urlKey: "slack-url", channel: "#staging-alerts" }],
        routes: [{ receiver: "slack-staging", severity: ["critical", "warning"] }],
        defaultReceiver: "null",
      },
      grafanaStorageSize: "2Gi",
    },
    kafka: { topology: "dual-role", brokers: 1, brokerStorage: "10Gi", orderEventsRetentionHours: 24, orderEventsPartitions: 3 },
    apps: {
      podinfo: { replicas: 1, maxReplicas: 2, cpu: "100m", memory: "64Mi", message: "Hello from staging", logLevel: "debug" },
      orders: {
        replicas: 1,
        maxReplicas: 2,
        cpu: "100m",
        memory: "256Mi",
        database: { replicas: 1, storageSize: "5Gi", backups: { type: "volume", size: "10Gi" }, fullBackupsKept: 1 },
      },
      notifier: { replicas: 1, maxReplicas: 2, cpu: "50m", memory: "128Mi" },
    },
    imageAutomation: {
      imagesFile: "./clusters/staging/images.yaml",
      images: {
        podinfo: { image: "ghcr.io/stefanprodan/podinfo", semver: ">=6.9.0 <7.0.0" },
        orders: { image: "ghcr.io/example-org/orders", semver: ">=1.5.0 <2.0.0" },
        notifier: { image: "ghcr.io/example-org/notifier", semver: ">=0.9.0 <1.0.0" },
      },
    },
  }),
});
