/**
 * The production cluster: the reference platform (infrastructure/platform.ts)
 * with production's values. Every difference from staging is a value here.
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
  name: "production",
  kubernetesVersion: "1.35",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/platform.git", branch: "main", secretName: "flux-system" },
    layers: { interval: "10m", timeout: "15m" },
  },
  secrets: { sops: { ageRecipients: ["age1kuy922uncvk5wn0z8ftwgwzu4nrjezp486twkum7447403dn8a7qc4p0u2"] } },
  components: platform({
    cluster: "production",
    domain: "example.org",
    clusterDir: new URL("./", import.meta.url),
    images: readImageTags(new URL("./images.yaml", import.meta.url)),
    letsEncrypt: { email: "platform-team@example.org", issuer: "production" },
    apiServer: { cidr: "10.0.0.0/28" },
    controllerReplicas: 2,
    traefik: { replicas: 3 },
    vault: { replicas: 3, storageSize: "20Gi", auditSize: "20Gi" },
    sso: { serverReplicas: 2, workerReplicas: 2, databaseSize: "10Gi" },
    monitoring: {
      prometheus: { replicas: 2, retention: "30d", retentionSize: "90GB", storageSize: "100Gi" },
      alertmanager: {
        replicas: 3,
        storageSize: "1Gi",
        receivers: [
          { type: "pagerduty", name: "pagerduty-oncall", routingKeyKey: "pagerduty-routing-key" },
          { type: "slack", name: "slack-platform", urlKey: "slack-url", channel: "#platform-alerts" },
        ],
        routes: [
          // Critical alerts page the on-call engineer and are posted to Slack too.
          { receiver: "pagerduty-oncall", severity: ["critical"], continue: true },
          { receiver: "slack-platform", severity: ["critical", "warning"] },
        ],
        defaultReceiver: "slack-platform",
      },
      grafanaStorageSize: "10Gi",
    },
    kafka: { topology: "dedicated", brokers: 3, brokerStorage: "100Gi", orderEventsRetentionHours: 168, orderEventsPartitions: 12 },
    apps: {
      podinfo: { replicas: 3, maxReplicas: 10, cpu: "250m", memory: "128Mi", message: "Hello from production", logLevel: "info" },
      orders: {
        replicas: 3,
        maxReplicas: 12,
        cpu: "500m",
        memory: "512Mi",
        database: {
          replicas: 2,
          storageSize: "50Gi",
          backups: { type: "s3", endpoint: "s3.eu-central-1.amazonaws.com", region: "eu-central-1", bucket: "example-org-production-pg-backups", vaultKey: "orders/pgbackrest-s3" },
          fullBackupsKept: 4,
        },
      },
      notifier: { replicas: 2, maxReplicas: 8, cpu: "100m", memory: "128Mi" },
    },
  }),
});
