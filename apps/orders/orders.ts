/**
 * orders, the shop's order API: it stores orders in its own Postgres
 * cluster (CrunchyData PGO, in the orders namespace, with pgBackRest
 * backups) and publishes an event per order to the Kafka topic `orders`.
 *
 * - Database credentials: the Secret PGO writes for the user `orders`
 *   (`orders-db-pguser-orders`, key `uri`).
 * - Kafka credentials: a SCRAM user whose password is the Vault key
 *   kafka/orders (see infrastructure/kafka-credentials.ts).
 * - Exposure: orders.<domain> through Traefik, TLS from the cluster's
 *   Let's Encrypt issuer; autoscaled on CPU; scraped by Prometheus; alerts
 *   on its error rate and on its database.
 *
 * Its objects go to the apps layer (`apps/orders`), except the Kafka user,
 * which goes to the configs layer with the Kafka cluster
 * (`infrastructure/configs/orders`), so it exists before the app starts.
 */
import { parseProps, externalSecret, type ApiObject } from "@typed-gitops/lib";
import {
  defineApp,
  issuerRefSchema,
  KAFKA_PLAIN_PORT,
  kafkaClusterRefSchema,
  postgresCluster,
  prometheusRule,
  type AppOverrides,
  type Component,
  type IssuerRef,
  type KafkaClusterRef,
} from "@typed-gitops/catalog";
import { z } from "zod";
import { kafkaCredentials, KAFKA_PASSWORD_KEY } from "../../infrastructure/kafka-credentials.ts";
import { postgresNetworkPolicy } from "../../infrastructure/postgres-network-policy.ts";

/** The namespace of orders and of its database. */
export const ORDERS_NAMESPACE = "orders";

/** The PostgresCluster's name. */
export const ORDERS_DATABASE = "orders-db";

/** The Kafka topic orders publishes to. */
export const ORDERS_TOPIC = "orders";

/** How orders is reached by default; a cluster replaces the host and adds TLS from its issuer. */
const EXPOSE = { host: "orders.example.org", via: "traefik" } as const;

/** The HTTP API, defined once; `orders()` adds what depends on the cluster. */
export const ordersApp = defineApp({
  name: "orders",
  namespace: ORDERS_NAMESPACE,
  image: "ghcr.io/example-org/orders:1.4.2",
  port: 8080,
  probes: { readiness: "/readyz", liveness: "/healthz" },
  replicas: 2,
  autoscaling: { maxReplicas: 6, cpuUtilization: 70 },
  resources: { cpu: "200m", memory: "256Mi" },
  env: { KAFKA_TOPIC: ORDERS_TOPIC, KAFKA_SASL_MECHANISM: "SCRAM-SHA-512" },
  metrics: { port: 9090 },
  expose: EXPOSE,
});

const backupsSchema = z
  .discriminatedUnion("type", [
    z
      .object({
        type: z.literal("s3"),
        endpoint: z.string().min(1).describe("The S3 endpoint."),
        region: z.string().min(1).describe("The bucket's region."),
        bucket: z.string().min(3).describe("The bucket."),
        vaultKey: z.string().min(1).describe("The Vault KV path with the properties access-key-id and secret-access-key."),
      })
      .strict(),
    z.object({ type: z.literal("volume"), size: z.string().min(1).describe("The backup volume's size.") }).strict(),
  ])
  .describe("Where pgBackRest keeps backups and archived WAL.");

/** The props of {@link orders}. */
export const ordersProps = z
  .object({
    app: z.custom<AppOverrides>((value) => typeof value === "object" && value !== null).default({}).describe("The cluster's overrides of the app (replicas, resources, host, tag…). Default: none."),
    issuer: issuerRefSchema.describe("The issuer of orders.<domain>'s certificate."),
    kafka: kafkaClusterRefSchema.describe("The Kafka cluster: kafkaCluster(...).ref."),
    kafkaBootstrap: z.string().regex(/^[a-z0-9.-]+:[0-9]+$/).describe("The plain SCRAM listener's bootstrap address: kafkaCluster(...).bootstrap.plain."),
    database: z
      .object({
        replicas: z.number().int().min(1).max(5).describe("Postgres pods: a primary and streaming replicas."),
        storageSize: z.string().min(1).describe("Each pod's data volume."),
        backups: backupsSchema,
        fullBackupsKept: z.number().int().min(1).describe("How many full backups are kept."),
      })
      .strict(),
    apiServer: z.object({ cidr: z.string().min(1), port: z.number().int() }).strict().describe("The API server, for Patroni's egress."),
  })
  .strict();

/** The input of {@link orders}. */
export type OrdersInput = z.input<typeof ordersProps> & { readonly kafka: KafkaClusterRef; readonly issuer: IssuerRef };

/** The Secret with the S3 keys as a pgBackRest config file. */
function backupCredentials(vaultKey: string): ApiObject {
  return externalSecret({
    name: `${ORDERS_DATABASE}-pgbackrest-s3`,
    namespace: ORDERS_NAMESPACE,
    secretStoreRef: { name: "vault", kind: "ClusterSecretStore" },
    data: [
      { secretKey: "accessKeyId", remoteRef: { key: vaultKey, property: "access-key-id" } },
      { secretKey: "secretAccessKey", remoteRef: { key: vaultKey, property: "secret-access-key" } },
    ],
    target: { template: { data: { "s3.conf": "[global]\nrepo1-s3-key={{ .accessKeyId }}\nrepo1-s3-key-secret={{ .secretAccessKey }}\n" } } },
  });
}

/**
 * Renders orders: the app, its database and its network policy, its Kafka
 * user and its alerts.
 *
 * @throws {UserError} naming every invalid prop.
 */
export function orders(input: OrdersInput): Component {
  const props = parseProps(ordersProps, input, "orders");
  const { database } = props;
  const kafka = kafkaCredentials({
    cluster: input.kafka,
    user: "orders",
    appNamespace: ORDERS_NAMESPACE,
    vaultKey: "kafka/orders",
    acls: [{ resource: { type: "topic", name: ORDERS_TOPIC }, operations: ["Write", "Describe"] }],
  });
  const backups =
    database.backups.type === "s3"
      ? { s3: { endpoint: database.backups.endpoint, region: database.backups.region, bucket: database.backups.bucket, uriStyle: "host" as const, credentialsSecret: { name: `${ORDERS_DATABASE}-pgbackrest-s3` } } }
      : { volume: { size: database.backups.size } };
  const db = postgresCluster({
    name: ORDERS_DATABASE,
    namespace: ORDERS_NAMESPACE,
    createNamespace: false,
    instances: [{ name: "main", replicas: database.replicas, storage: { size: database.storageSize } }],
    users: [{ name: "orders", databases: ["orders"] }],
    backups: { ...backups, retention: { full: database.fullBackupsKept } },
    metrics: {},
  });
  const overrides = input.app ?? {};
  const app = ordersApp({
    ...overrides,
    env: { ...overrides.env, KAFKA_BOOTSTRAP_SERVERS: props.kafkaBootstrap, KAFKA_USERNAME: kafka.username },
    secretEnv: {
      DATABASE_URL: { secret: db.connection.userSecrets.orders!, key: "uri" },
      KAFKA_PASSWORD: { secret: kafka.appSecret, key: KAFKA_PASSWORD_KEY },
    },
    calls: [
      { namespace: ORDERS_NAMESPACE, port: db.connection.port },
      { namespace: props.kafka.namespace, app: "kafka", port: KAFKA_PLAIN_PORT },
    ],
    expose: { ...EXPOSE, ...overrides.expose, tls: { issuer: input.issuer } },
  });
  const alerts = prometheusRule({
    name: "orders",
    namespace: ORDERS_NAMESPACE,
    groups: [
      {
        name: "orders",
        rules: [
          {
            alert: "OrdersHighErrorRate",
            expr: `sum(rate(http_requests_total{namespace="${ORDERS_NAMESPACE}",code=~"5.."}[5m])) / sum(rate(http_requests_total{namespace="${ORDERS_NAMESPACE}"}[5m])) > 0.05`,
            for: "10m",
            severity: "critical",
            summary: "More than 5% of order requests fail",
            description: "The orders API has answered more than 5% of requests with a 5xx for 10 minutes; check its logs and its database.",
          },
          {
            alert: "OrdersDatabaseDown",
            expr: `max(ccp_postgresql_up{namespace="${ORDERS_NAMESPACE}"}) < 1 or absent(ccp_postgresql_up{namespace="${ORDERS_NAMESPACE}"})`,
            for: "5m",
            severity: "critical",
            summary: "The orders database is down",
            description: "No Postgres instance of orders-db answers its exporter; see `kubectl -n orders get postgrescluster orders-db` and the PGO logs.",
          },
        ],
      },
    ],
  });
  return {
    name: "orders",
    configs: kafka.configs,
    apps: [
      ...(app.apps ?? []),
      ...kafka.apps,
      ...(db.configs ?? []),
      ...(database.backups.type === "s3" ? [backupCredentials(database.backups.vaultKey)] : []),
      postgresNetworkPolicy({
        cluster: ORDERS_DATABASE,
        namespace: ORDERS_NAMESPACE,
        clients: ["orders"],
        prometheusNamespace: "monitoring",
        apiServer: props.apiServer,
        ...(database.backups.type === "s3" ? { objectStorage: { cidr: "0.0.0.0/0" } } : {}),
      }),
      alerts,
    ],
  };
}
