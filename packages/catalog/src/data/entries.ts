/**
 * Catalog section: data.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { MINIO_CHART, PGO_CHART, REDIS_CHART, STRIMZI_CHART } from "../versions.ts";
import { kafkaClusterProps } from "./kafka-cluster.ts";
import { kafkaTopicProps } from "./kafka-topic.ts";
import { kafkaUserProps } from "./kafka-user.ts";
import { minioProps } from "./minio.ts";
import { postgresClusterProps } from "./postgres-cluster.ts";
import { postgresOperatorProps } from "./postgres-operator.ts";
import { redisProps } from "./redis.ts";
import { strimziOperatorProps } from "./strimzi-operator.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "minio",
    group: "data",
    summary:
      "MinIO S3-compatible object storage from the community chart (charts.min.io; frozen since MinIO's community edition went into maintenance mode, image overridable): Namespace and HelmRepository (controllers); the HelmRelease with root credentials from an existing Secret, buckets, policies and users, optional in-cluster TLS Certificate, the console behind a Traefik IngressRoute and a ServiceMonitor (configs). Returns `endpoint` and `s3` for Vault's and PGO's S3 settings.",
    props: minioProps,
    example: `const storage = minio({
  rootSecret: "minio-root", // keys rootUser and rootPassword, e.g. a SOPS Secret
  buckets: [{ name: "pg-backups", versioning: true }],
  tls: { issuerRef: { name: "cluster-ca" } },
  console: { route: { host: "s3.example.org", issuerRef: certs.issuers.production, middlewares: [sso.forwardAuth] } },
  metrics: {},
});
// storage.endpoint === "https://minio.minio.svc.cluster.local:9000"`,
    pins: [`minio chart ${MINIO_CHART.version} (MinIO ${MINIO_CHART.appVersion})`],
  },
  {
    name: "postgresOperator",
    group: "data",
    summary:
      "CrunchyData PGO: Namespace, a Flux OCIRepository of the chart at the exact version and a HelmRelease with chartRef, which installs the operator and the PostgresCluster, PGUpgrade and PGAdmin CRDs, cluster-wide or for its own namespace (controllers).",
    props: postgresOperatorProps,
    example: `postgresOperator({ scope: "cluster", replicas: 2 })`,
    pins: [`pgo chart ${PGO_CHART.version} (PGO v6.0.3, CRDs as pinned)`],
  },
  {
    name: "postgresCluster",
    group: "data",
    summary:
      "A PGO PostgresCluster (v1beta1) with its Namespace (configs): instance sets and volumes, users and databases (connection Secrets `<cluster>-pguser-<user>` returned in `connection`), settings checked against the ones PGO manages, pgBackRest backups to S3/MinIO (credentials from an existing Secret) or a volume with schedules and retention, and the pgMonitor exporter with a PodMonitor.",
    props: postgresClusterProps,
    example: `const db = postgresCluster({
  name: "app", namespace: "apps", createNamespace: false,
  instances: [{ replicas: 2, storage: { size: "20Gi" } }],
  users: [{ name: "app", databases: ["app"] }],
  backups: { s3: { endpoint: storage.endpoint, bucket: "pg-backups", credentialsSecret: { name: "app-pgbackrest-s3" }, caSecret: { name: "minio-ca" } } },
  metrics: {},
});
// db.connection.userSecrets.app === "app-pguser-app"`,
    pins: ["PostgresCluster postgres-operator.crunchydata.com/v1beta1 (PGO v6.0.3 CRD)"],
  },
  {
    name: "strimziOperator",
    group: "data",
    summary:
      "The Strimzi cluster operator: its Namespace and the namespaces it watches, a Flux OCIRepository of the chart and a HelmRelease that installs the kafka.strimzi.io/v1 CRDs (controllers); a PodMonitor on the operator (configs).",
    props: strimziOperatorProps,
    example: `strimziOperator({ watchNamespaces: ["kafka"], metrics: {} })`,
    pins: [`strimzi-kafka-operator chart ${STRIMZI_CHART.version} (CRDs as pinned)`],
  },
  {
    name: "kafkaCluster",
    group: "data",
    summary:
      "A KRaft Kafka cluster (configs): KafkaNodePools for controllers and brokers or dual-role nodes on JBOD volumes holding the KRaft metadata, the Kafka with internal plain (9092) and TLS (9093) listeners, simple authorization, topic and user operators, replication settings derived from and checked against the broker count, and metrics (JMX exporter rules or Strimzi Metrics Reporter, Kafka Exporter, PodMonitor). Returns `ref` for topics and users and `bootstrap` for clients.",
    props: kafkaClusterProps,
    example: `const events = kafkaCluster({
  name: "events",
  brokers: { replicas: 3, storage: { size: "200Gi" } },
  listeners: { plain: { authentication: "scram-sha-512" }, tls: { authentication: "tls" } },
  metrics: {},
});
install(strimziOperator(), { ...events, configs: [...events.configs!, orders, shop.user] });`,
    pins: ["Kafka and KafkaNodePool kafka.strimzi.io/v1 (Strimzi 1.2.0 CRDs)"],
  },
  {
    name: "kafkaTopic",
    group: "data",
    summary: "A KafkaTopic in its cluster's namespace, labelled strimzi.io/cluster: partitions, replicas checked against the brokers, typed retention, cleanup policy and min.insync.replicas, and other settings.",
    props: kafkaTopicProps,
    example: `const orders = kafkaTopic({ cluster: events.ref, name: "orders", partitions: 12, retentionMs: 7 * 24 * 3600 * 1000 });`,
  },
  {
    name: "kafkaUser",
    group: "data",
    summary:
      "A KafkaUser with SCRAM-SHA-512 or TLS authentication (checked against the cluster's listeners), simple ACLs typed by resource (only the operations Kafka defines for topics, groups, the cluster and transactional ids) and quotas. Returns `user` and `secretName`, the Secret with the credentials for apps.",
    props: kafkaUserProps,
    example: `const shop = kafkaUser({
  cluster: events.ref, name: "shop",
  acls: [{ resource: { type: "topic", name: "orders" }, operations: ["Read", "Write", "Describe"] },
         { resource: { type: "group", name: "shop-", patternType: "prefix" }, operations: ["Read"] }],
});
// shop.secretName === "shop" (keys password, sasl.jaas.config)`,
  },
  {
    name: "redis",
    group: "data",
    summary:
      "Redis from the CloudPirates chart (official redis image; Bitnami's free images ended in 2025): Namespace, OCIRepository and HelmRelease (controllers), standalone or replication with Sentinel, the password from an existing Secret, persistence, the chart's NetworkPolicy and the exporter with a ServiceMonitor (configs). Returns `endpoint` (host, port, Sentinel, password Secret).",
    props: redisProps,
    example: `const cache = redis({ architecture: "replication", passwordSecret: { name: "redis-auth" }, metrics: {} });
// cache.endpoint.sentinel => { host: "redis-sentinel.redis.svc", port: 26379, masterName: "mymaster" }`,
    pins: [`redis chart ${REDIS_CHART.version} (redis ${REDIS_CHART.appVersion})`],
  },
];
