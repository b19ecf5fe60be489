/**
 * notifier consumes the `orders` topic (consumer group `notifier`) and
 * posts a message per order to a webhook. It is not exposed: its only
 * inbound traffic is Prometheus scraping it.
 *
 * - Kafka credentials: a SCRAM user whose password is the Vault key
 *   kafka/notifier (see infrastructure/kafka-credentials.ts), allowed to
 *   read the topic with its own group, nothing else.
 * - The webhook URL: the Vault key notifier/webhook, through an ExternalSecret.
 * - Alerts: consumer lag (from Kafka Exporter) and no running consumer.
 */
import { parseProps } from "@typed-gitops/lib";
import { defineApp, KAFKA_PLAIN_PORT, kafkaClusterRefSchema, prometheusRule, type AppOverrides, type Component, type KafkaClusterRef } from "@typed-gitops/catalog";
import { z } from "zod";
import { kafkaCredentials, KAFKA_PASSWORD_KEY } from "../../infrastructure/kafka-credentials.ts";
import { ORDERS_TOPIC } from "../orders/orders.ts";

/** The consumer group notifier's pods share. */
export const NOTIFIER_GROUP = "notifier";

/** The worker, defined once; `notifier()` adds what depends on the cluster. */
export const notifierApp = defineApp({
  name: "notifier",
  image: "ghcr.io/example-org/notifier:0.8.3",
  port: 8080,
  probes: { readiness: "/readyz", liveness: "/healthz" },
  replicas: 2,
  autoscaling: { maxReplicas: 6, cpuUtilization: 75 },
  resources: { cpu: "100m", memory: "128Mi" },
  env: { KAFKA_TOPIC: ORDERS_TOPIC, KAFKA_GROUP_ID: NOTIFIER_GROUP, KAFKA_SASL_MECHANISM: "SCRAM-SHA-512" },
  externalSecrets: [{ name: "notifier-webhook", store: { name: "vault" }, data: [{ secretKey: "url", key: "notifier/webhook", property: "url" }] }],
  metrics: {},
  // The webhook is outside the cluster, on HTTPS.
  egressCidrs: [{ cidr: "0.0.0.0/0", port: 443 }],
});

/** The props of {@link notifier}. */
export const notifierProps = z
  .object({
    app: z.custom<AppOverrides>((value) => typeof value === "object" && value !== null).default({}).describe("The cluster's overrides of the app (replicas, resources, tag…). Default: none."),
    kafka: kafkaClusterRefSchema.describe("The Kafka cluster: kafkaCluster(...).ref."),
    kafkaBootstrap: z.string().regex(/^[a-z0-9.-]+:[0-9]+$/).describe("The plain SCRAM listener's bootstrap address: kafkaCluster(...).bootstrap.plain."),
  })
  .strict();

/** The input of {@link notifier}. */
export type NotifierInput = z.input<typeof notifierProps> & { readonly kafka: KafkaClusterRef };

/**
 * Renders notifier: the worker, its Kafka user (configs layer) and its alerts.
 *
 * @throws {UserError} naming every invalid prop.
 */
export function notifier(input: NotifierInput): Component {
  const props = parseProps(notifierProps, input, "notifier");
  const kafka = kafkaCredentials({
    cluster: input.kafka,
    user: "notifier",
    appNamespace: "notifier",
    vaultKey: "kafka/notifier",
    acls: [
      { resource: { type: "topic", name: ORDERS_TOPIC }, operations: ["Read", "Describe"] },
      { resource: { type: "group", name: NOTIFIER_GROUP }, operations: ["Read"] },
    ],
  });
  const overrides = input.app ?? {};
  const app = notifierApp({
    ...overrides,
    env: { ...overrides.env, KAFKA_BOOTSTRAP_SERVERS: props.kafkaBootstrap, KAFKA_USERNAME: kafka.username },
    secretEnv: {
      KAFKA_PASSWORD: { secret: kafka.appSecret, key: KAFKA_PASSWORD_KEY },
      WEBHOOK_URL: { secret: "notifier-webhook", key: "url" },
    },
    calls: [{ namespace: props.kafka.namespace, app: "kafka", port: KAFKA_PLAIN_PORT }],
  });
  const alerts = prometheusRule({
    name: "notifier",
    namespace: "notifier",
    groups: [
      {
        name: "notifier",
        rules: [
          {
            alert: "NotifierConsumerLag",
            expr: `sum(kafka_consumergroup_lag{consumergroup="${NOTIFIER_GROUP}",topic="${ORDERS_TOPIC}"}) > 1000`,
            for: "15m",
            severity: "warning",
            summary: "notifier is more than 1000 orders behind",
            description: "The notifier consumer group has lagged by more than 1000 records for 15 minutes; the autoscaler may be at its ceiling, or the webhook slow.",
          },
          {
            alert: "NotifierDown",
            expr: 'absent(up{namespace="notifier",job="notifier"} == 1)',
            for: "10m",
            severity: "critical",
            summary: "No notifier pod is running",
            description: "No notifier pod has been scraped for 10 minutes: orders are not being notified.",
          },
        ],
      },
    ],
  });
  return { name: "notifier", configs: kafka.configs, apps: [...(app.apps ?? []), ...kafka.apps, alerts] };
}
