/**
 * The reference platform: every component of production and staging,
 * composed from the catalog, with the values that differ between them read
 * from one {@link PlatformEnvironment}. A cluster definition is its
 * environment plus `components: platform(environment)`.
 *
 * Layers (Flux Kustomizations, each after the one before):
 * 1. infra-controllers: Sealed Secrets, External Secrets, Vault,
 *    cert-manager, Traefik, authentik, kube-prometheus-stack,
 *    metrics-server, PGO, Strimzi, and the SOPS Secrets they start with;
 * 2. infra-configs: Let's Encrypt issuers, the Vault ClusterSecretStore,
 *    TLS options, dashboards' routes behind authentik, monitors and alerts,
 *    the Kafka cluster `events` with its topics and the apps' Kafka users;
 * 3. apps: podinfo, orders (with its Postgres cluster) and notifier.
 *
 * Secrets, never in plaintext: SOPS files for what the controllers need
 * before Vault runs (Cloudflare token, authentik, Grafana, Alertmanager),
 * Vault through External Secrets for the apps, a SealedSecret for podinfo.
 */
import { parseProps, sealedSecretObject, sopsSecretObject, UserError, type ComponentOutput } from "@typed-gitops/lib";
import {
  authentik,
  certManager,
  externalSecretsOperator,
  fluxMonitoring,
  install,
  kafkaCluster,
  kafkaTopic,
  kubePrometheusStack,
  metricsServer,
  postgresOperator,
  sealedSecretsController,
  strimziOperator,
  traefik,
  vault,
  vaultSecretStore,
} from "@typed-gitops/catalog";
import { notifier } from "../apps/notifier/notifier.ts";
import { orders, ORDERS_TOPIC } from "../apps/orders/orders.ts";
import { podinfo } from "../apps/podinfo/podinfo.ts";
import { imageAutomation } from "./image-automation/image-automation.ts";
import { platformEnvironmentSchema, type PlatformEnvironment } from "./platform-environment.ts";

/** The address External Secrets reads Vault at: the active pod of the in-cluster Vault. */
export const VAULT_ADDRESS = "http://vault-active.vault.svc:8200";

/** The SOPS-encrypted Secrets every cluster has in clusters/<cluster>/secrets/, by the component folder they go to. */
export const PLATFORM_SOPS_SECRETS = {
  "infrastructure/controllers/cert-manager": ["cloudflare-api-token"],
  "infrastructure/controllers/authentik": ["authentik-credentials", "authentik-postgresql"],
  "infrastructure/controllers/kube-prometheus-stack": ["grafana-admin", "alertmanager-receivers"],
} as const;

/** Adds objects to component folders that exist, so a misspelt folder fails instead of making a new one. */
function addTo(components: Record<string, ComponentOutput>, extra: Readonly<Record<string, ComponentOutput>>): Record<string, ComponentOutput> {
  const result = { ...components };
  for (const [folder, objects] of Object.entries(extra)) {
    const existing = result[folder];
    if (existing === undefined) throw new UserError({ where: `platform(): ${folder}`, what: "is no folder of an installed component", hint: `use one of ${Object.keys(result).sort().join(", ")}` });
    result[folder] = [...existing, ...objects];
  }
  return result;
}

/**
 * The components of one environment of the platform, keyed by folder, for
 * `defineCluster({ components })`.
 *
 * @throws {UserError} naming every invalid value of the environment.
 */
export function platform(input: PlatformEnvironment): Record<string, ComponentOutput> {
  const env = parseProps(platformEnvironmentSchema, input, "platform");
  const host = (name: string) => `${name}.${env.domain}`;
  const tagOf = (name: string) => {
    const image = env.images[name];
    if (image === undefined) throw new UserError({ where: `platform(): images`, what: `has no image ${JSON.stringify(name)}`, hint: `add ${name} to the cluster's images.yaml` });
    return image.tag;
  };
  const sops = (name: string) => sopsSecretObject(new URL(`secrets/${name}.sops.yaml`, env.clusterDir));
  const ha = env.controllerReplicas;

  // Certificates: Let's Encrypt through DNS-01 on Cloudflare; the environment picks the issuer.
  const certs = certManager({
    replicas: ha,
    metrics: {},
    letsEncrypt: { email: env.letsEncrypt.email, cloudflare: { apiToken: { secretName: "cloudflare-api-token", key: "api-token" } } },
  });
  const issuer = certs.issuers[env.letsEncrypt.issuer];

  // Single sign-on: authentik, whose ForwardAuth middleware guards every internal dashboard.
  const sso = authentik({
    host: host("auth"),
    issuer,
    credentialsSecret: "authentik-credentials",
    postgresql: { mode: "bundled", passwordSecret: "authentik-postgresql", storageSize: env.sso.databaseSize },
    server: { replicas: env.sso.serverReplicas },
    worker: { replicas: env.sso.workerReplicas },
    metrics: {},
  });
  const dashboardAuth = sso.forwardAuth;

  const ingress = traefik({
    replicas: env.traefik.replicas,
    service: { loadBalancerSourceRanges: env.traefik.loadBalancerSourceRanges },
    metrics: {},
    dashboard: { host: host("traefik"), issuer, auth: { middleware: dashboardAuth } },
  });

  // Secrets: Vault in the cluster, read by External Secrets; Sealed Secrets for values sealed offline.
  const secretsVault = vault({
    replicas: env.vault.replicas,
    storage: { type: "raft", size: env.vault.storageSize },
    audit: { size: env.vault.auditSize },
    metrics: {},
    ui: { ingress: { host: host("vault"), issuerRef: issuer, middlewares: [dashboardAuth] } },
  });
  const externalSecrets = externalSecretsOperator({ replicas: ha, metrics: {}, stores: [vaultSecretStore({ server: VAULT_ADDRESS })] });
  const sealedSecrets = sealedSecretsController({ metrics: {} });

  // Observability: Prometheus, Alertmanager (routes per environment), Grafana behind SSO, Flux's own alerts.
  const { prometheus, alertmanager } = env.monitoring;
  const monitoring = kubePrometheusStack({
    prometheus: {
      replicas: prometheus.replicas,
      retention: prometheus.retention,
      retentionSize: prometheus.retentionSize,
      storage: { size: prometheus.storageSize },
      externalLabels: { cluster: env.cluster },
    },
    alertmanager: {
      replicas: alertmanager.replicas,
      storage: { size: alertmanager.storageSize },
      secretName: "alertmanager-receivers",
      receivers: alertmanager.receivers,
      routes: alertmanager.routes,
      defaultReceiver: alertmanager.defaultReceiver,
    },
    grafana: {
      adminSecret: { name: "grafana-admin" },
      host: host("grafana"),
      tls: issuer,
      middleware: dashboardAuth,
      persistence: { size: env.monitoring.grafanaStorageSize },
    },
    fluxResourceMetrics: true,
  });

  // Data: PGO for the apps' Postgres clusters, Strimzi and the Kafka cluster `events`.
  const events = kafkaCluster({
    name: "events",
    namespace: "kafka",
    topology: env.kafka.topology,
    brokers: { replicas: env.kafka.brokers, storage: { size: env.kafka.brokerStorage } },
    config: { "auto.create.topics.enable": false },
    metrics: {},
  });
  const orderEvents = kafkaTopic({
    cluster: events.ref,
    name: ORDERS_TOPIC,
    partitions: env.kafka.orderEventsPartitions,
    retentionMs: env.kafka.orderEventsRetentionHours * 3_600_000,
  });
  const kafkaBootstrap = events.bootstrap.plain!;

  // Apps.
  const { apps } = env;
  const size = (app: { replicas: number; maxReplicas: number; cpu: string; memory: string }) => ({
    replicas: app.replicas,
    autoscaling: { maxReplicas: app.maxReplicas },
    resources: { cpu: app.cpu, memory: app.memory },
  });
  const web = podinfo({
    ...size(apps.podinfo),
    tag: tagOf("podinfo"),
    expose: { host: host("podinfo"), via: "traefik", tls: { issuer } },
    env: { PODINFO_UI_MESSAGE: apps.podinfo.message, PODINFO_LOG_LEVEL: apps.podinfo.logLevel },
    secretObjects: [sops("podinfo-token"), sealedSecretObject(new URL("sealed/podinfo-webhook.yaml", env.clusterDir))],
  });
  const shop = orders({
    app: { ...size(apps.orders), tag: tagOf("orders"), host: host("orders") },
    issuer,
    kafka: events.ref,
    kafkaBootstrap,
    database: apps.orders.database,
    apiServer: env.apiServer,
  });
  const worker = notifier({ app: { ...size(apps.notifier), tag: tagOf("notifier") }, kafka: events.ref, kafkaBootstrap });

  const components = install(
    sealedSecrets,
    externalSecrets,
    secretsVault,
    certs,
    ingress,
    sso,
    monitoring,
    fluxMonitoring(),
    metricsServer({ replicas: ha }),
    postgresOperator({ replicas: ha }),
    strimziOperator({ replicas: ha, watchNamespaces: ["kafka"], metrics: {} }),
    { ...events, configs: [...(events.configs ?? []), orderEvents] },
    web,
    shop,
    worker,
  );
  const secrets = Object.fromEntries(Object.entries(PLATFORM_SOPS_SECRETS).map(([folder, names]) => [folder, names.map(sops)]));
  const automation: Record<string, ComponentOutput> = env.imageAutomation === undefined ? {} : { "infrastructure/configs/image-automation": imageAutomation(env.imageAutomation) };
  return { ...addTo(components, secrets), ...automation };
}
