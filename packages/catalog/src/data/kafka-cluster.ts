/**
 * A KRaft Kafka cluster run by Strimzi (`kafka.strimzi.io/v1`): node pools
 * for controllers and brokers (or dual-role nodes) on JBOD persistent
 * volumes that also hold the KRaft metadata, the `Kafka` with internal
 * plain (9092) and TLS (9093) listeners, simple authorization, the topic
 * and user operators, replication settings derived from the broker count,
 * and metrics (JMX exporter or Strimzi Metrics Reporter, Kafka Exporter,
 * PodMonitor). Goes in the configs layer, after {@link strimziOperator}.
 */
import { parseProps, type ApiObject } from "@typed-gitops/lib";
import { Kafka, type IKafka } from "@typed-gitops/models/kafka.strimzi.io/v1/Kafka";
import { KafkaNodePool } from "@typed-gitops/models/kafka.strimzi.io/v1/KafkaNodePool";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";
import type { Component } from "../component.ts";
import { podMonitor } from "../monitoring/monitors.ts";
import { quantity } from "../shared/quantity.ts";
import { optionalResourcesSchema, resourcesOf } from "../shared/resources.ts";
import { metricsSchema } from "../wiring.ts";
import { KAFKA_METRICS_CONFIG_KEY, kafkaMetricsConfigMap } from "./kafka-metrics.ts";

/** The label that ties node pools, topics and users to their cluster. */
export const STRIMZI_CLUSTER_LABEL = "strimzi.io/cluster";

/** The port of the internal plain listener. */
export const KAFKA_PLAIN_PORT = 9092;

/** The port of the internal TLS listener. */
export const KAFKA_TLS_PORT = 9093;

/** How clients authenticate on a listener. */
export type KafkaAuthentication = "scram-sha-512" | "tls";

/**
 * Broker settings Strimzi or this builder manage: Strimzi ignores the first
 * kind, and the replication ones have their own props.
 */
const MANAGED_CONFIG: Readonly<Record<string, string>> = {
  listeners: "Strimzi configures the listeners: use the listeners prop",
  "advertised.listeners": "Strimzi configures the listeners: use the listeners prop",
  "inter.broker.listener.name": "Strimzi configures the listeners: use the listeners prop",
  "node.id": "Strimzi assigns node ids",
  "process.roles": "the node pools' roles set it",
  "log.dirs": "the node pools' storage sets it",
  "authorizer.class.name": "use the authorization prop",
  "super.users": "use authorization.superUsers",
  "default.replication.factor": "use replication.factor",
  "offsets.topic.replication.factor": "use replication.factor",
  "transaction.state.log.replication.factor": "use replication.factor",
  "min.insync.replicas": "use replication.minInsyncReplicas",
  "transaction.state.log.min.isr": "use replication.minInsyncReplicas",
};

/** A cluster name: a DNS-1123 label short enough for the names Strimzi derives from it. */
const clusterName = z
  .string()
  .max(40, "must be at most 40 characters (Strimzi derives longer names from it)")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "expected a cluster name: lower-case letters, digits and '-', starting and ending with a letter or digit");

/** A node pool: replicas, one persistent JBOD volume (with the KRaft metadata) and resources. */
function poolSchema(replicas: number, size: string, what: string) {
  return z
    .object({
      replicas: z.number().int().min(1).max(99).default(replicas).describe(`The number of ${what}. Default: ${replicas}.`),
      storage: z
        .object({
          size: quantity("100Gi").default(size).describe(`The size of each node's volume. Default: ${size}.`),
          storageClass: z.string().min(1).optional().describe("The StorageClass of the volumes. Default: the cluster's default."),
          deleteClaim: z.boolean().default(false).describe("Whether the volumes are deleted with the cluster. Default: false."),
        })
        .strict()
        .prefault({})
        .describe("Each node's persistent volume (JBOD volume 0, which also holds the KRaft metadata log)."),
      resources: optionalResourcesSchema.optional().describe("Resources of each node's Kafka container. Default: none."),
    })
    .strict();
}

/** The props of {@link kafkaCluster}. */
export const kafkaClusterProps = z
  .object({
    name: clusterName.describe("The Kafka cluster's name, the prefix of its Services (`<name>-kafka-bootstrap`) and the component's folder."),
    namespace: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "expected a namespace: a DNS-1123 label")
      .max(63)
      .default("kafka")
      .describe("The cluster's namespace, one the operator watches. Default: kafka."),
    createNamespace: z
      .boolean()
      .default(false)
      .describe("Whether this component renders the Namespace; strimziOperator already renders the namespaces it watches. Default: false."),
    version: z
      .string()
      .regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, "expected a Kafka version such as 4.2.0")
      .optional()
      .describe("The Kafka version. Default: the operator's default version for Strimzi 1.2.0."),
    metadataVersion: z
      .string()
      .regex(/^[0-9]+\.[0-9]+(-IV[0-9]+)?$/, "expected a KRaft metadata version such as 4.2-IV1")
      .optional()
      .describe("The KRaft metadata version. Default: the one of the Kafka version."),
    topology: z
      .enum(["dedicated", "dual-role"])
      .default("dedicated")
      .describe("dedicated: separate controller and broker node pools; dual-role: one pool whose nodes are both. Default: dedicated."),
    controllers: poolSchema(3, "10Gi", "KRaft controllers").optional().describe("The controller pool (dedicated topology only). Default: 3 controllers with 10Gi volumes."),
    brokers: poolSchema(3, "100Gi", "brokers (dual-role nodes in the dual-role topology)").prefault({}).describe("The broker pool, or the dual-role pool."),
    listeners: z
      .object({
        plain: z
          .object({
            enabled: z.boolean().default(true).describe("Whether the listener exists. Default: true."),
            authentication: z
              .enum(["scram-sha-512", "none"])
              .default("scram-sha-512")
              .describe("scram-sha-512 (user name and password) or none (anonymous clients). Default: scram-sha-512."),
          })
          .strict()
          .prefault({})
          .describe("The internal plain listener on 9092."),
        tls: z
          .object({
            enabled: z.boolean().default(true).describe("Whether the listener exists. Default: true."),
            authentication: z
              .enum(["tls", "scram-sha-512"])
              .default("tls")
              .describe("tls (client certificates) or scram-sha-512. Default: tls."),
          })
          .strict()
          .prefault({})
          .describe("The internal TLS listener on 9093."),
      })
      .strict()
      .prefault({})
      .describe("The internal listeners."),
    authorization: z
      .object({
        type: z.enum(["simple", "none"]).default("simple").describe("simple: Kafka's ACLs, set per KafkaUser; none: every authenticated client may do anything. Default: simple."),
        superUsers: z.array(z.string().min(1)).default([]).describe("Principals exempt from ACLs, e.g. CN=admin (TLS) or admin (SCRAM). Default: none."),
      })
      .strict()
      .prefault({})
      .describe("Who may do what."),
    replication: z
      .object({
        factor: z.number().int().min(1).optional().describe("Replicas of new topics and of the internal topics. Default: 3, or the broker count when smaller."),
        minInsyncReplicas: z.number().int().min(1).optional().describe("In-sync replicas an acks=all write needs. Default: the factor minus one (at least 1)."),
      })
      .strict()
      .prefault({})
      .describe("Replication defaults, checked against the broker count."),
    config: z
      .record(z.string().regex(/^[a-z][a-z0-9.-]*$/, "expected a Kafka setting name such as log.retention.hours"), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .describe("Other broker settings, e.g. { \"auto.create.topics.enable\": false }. Default: none."),
    metrics: metricsSchema.optional().describe("Kafka metrics on port tcp-prometheus and Kafka Exporter (consumer lag), scraped through a PodMonitor. Default: off."),
    metricsExporter: z
      .enum(["jmx-prometheus-exporter", "strimzi-metrics-reporter"])
      .default("jmx-prometheus-exporter")
      .describe(
        "How Kafka exposes metrics when metrics are on: the Prometheus JMX exporter with a rendered rule ConfigMap, or the Strimzi Metrics Reporter plugin (early access). Default: jmx-prometheus-exporter.",
      ),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.topology === "dual-role" && props.controllers !== undefined) {
      ctx.addIssue({ code: "custom", path: ["controllers"], message: 'the dual-role topology has no controller pool: size the nodes with brokers, or set topology: "dedicated"' });
    }
    const quorum = props.topology === "dual-role" ? props.brokers.replicas : (props.controllers?.replicas ?? 3);
    if (quorum % 2 === 0) {
      ctx.addIssue({
        code: "custom",
        path: props.topology === "dual-role" ? ["brokers", "replicas"] : ["controllers", "replicas"],
        message: `the KRaft controller quorum needs an odd number of controllers (1, 3 or 5), not ${quorum}`,
      });
    }
    if (!props.listeners.plain.enabled && !props.listeners.tls.enabled) {
      ctx.addIssue({ code: "custom", path: ["listeners"], message: "enable at least one listener" });
    }
    const brokers = props.brokers.replicas;
    const factor = props.replication.factor ?? Math.min(3, brokers);
    if (factor > brokers) {
      ctx.addIssue({ code: "custom", path: ["replication", "factor"], message: `cannot exceed the ${brokers} broker${brokers === 1 ? "" : "s"}` });
    }
    const minIsr = props.replication.minInsyncReplicas ?? Math.max(1, factor - 1);
    if (minIsr > factor) {
      ctx.addIssue({ code: "custom", path: ["replication", "minInsyncReplicas"], message: `cannot exceed the replication factor ${factor}` });
    }
    for (const key of Object.keys(props.config).sort()) {
      const why = MANAGED_CONFIG[key];
      if (why !== undefined) ctx.addIssue({ code: "custom", path: ["config", key], message: `is managed here: ${why}` });
    }
  });

/** The input of {@link kafkaCluster}. */
export type KafkaClusterProps = z.input<typeof kafkaClusterProps>;

/** What topics and users need to know about their cluster; `kafkaCluster(...).ref`. */
export const kafkaClusterRefSchema = z
  .object({
    name: clusterName.describe("The Kafka cluster's name."),
    namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "expected a namespace").describe("The cluster's namespace."),
    brokers: z.number().int().min(1).describe("The number of brokers, the most replicas a topic can have."),
    authorization: z.boolean().default(true).describe("Whether simple authorization is on, so users' ACLs apply. Default: true."),
    authentications: z
      .array(z.enum(["scram-sha-512", "tls"]))
      .default(["scram-sha-512", "tls"])
      .describe("The authentication types some listener accepts. Default: both."),
  }, { error: (issue) => (issue.input === undefined ? "is required" : "expected a cluster reference: pass kafkaCluster(...).ref") })
  .strict()
  .describe("The cluster: pass kafkaCluster(...).ref.");

/** The input of {@link kafkaClusterRefSchema}. */
export type KafkaClusterRef = z.input<typeof kafkaClusterRefSchema>;

/** Where clients connect. */
export interface KafkaBootstrap {
  /** `<name>-kafka-bootstrap.<namespace>.svc:9092`, when the plain listener is on. */
  readonly plain?: string;
  /** `<name>-kafka-bootstrap.<namespace>.svc:9093`, when the TLS listener is on. */
  readonly tls?: string;
  /** The Secret with the cluster CA certificate (`ca.crt`) TLS clients trust: `<name>-cluster-ca-cert`. */
  readonly caSecret: string;
}

/** A rendered {@link kafkaCluster}. */
export interface KafkaClusterComponent extends Component {
  /** The reference topics and users take. */
  readonly ref: z.output<typeof kafkaClusterRefSchema>;
  /** Where clients connect. */
  readonly bootstrap: KafkaBootstrap;
}

/** A node pool of the cluster. */
function nodePool(cluster: string, namespace: string, name: string, roles: ("controller" | "broker")[], pool: z.output<ReturnType<typeof poolSchema>>): KafkaNodePool {
  const resources = resourcesOf(pool.resources);
  return new KafkaNodePool({
    metadata: { name, namespace, labels: { [STRIMZI_CLUSTER_LABEL]: cluster } },
    spec: {
      replicas: pool.replicas,
      roles,
      storage: {
        type: "jbod",
        volumes: [
          {
            id: 0,
            type: "persistent-claim",
            size: pool.storage.size,
            ...(pool.storage.storageClass === undefined ? {} : { class: pool.storage.storageClass }),
            deleteClaim: pool.storage.deleteClaim,
            kraftMetadata: "shared",
          },
        ],
      },
      ...(resources === undefined ? {} : { resources }),
    },
  });
}

/**
 * Renders a KRaft Kafka cluster for the configs layer: the node pools, the
 * Kafka, and with metrics the exporter ConfigMap and a PodMonitor.
 *
 * @example
 * const events = kafkaCluster({ name: "events", brokers: { replicas: 3 } });
 * const orders = kafkaTopic({ cluster: events.ref, name: "orders", partitions: 12 });
 * install(strimziOperator(), { ...events, configs: [...(events.configs ?? []), orders] });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function kafkaCluster(input: KafkaClusterProps): KafkaClusterComponent {
  const props = parseProps(kafkaClusterProps, input, "kafkaCluster");
  const { name, namespace } = props;
  const brokers = props.brokers.replicas;
  const factor = props.replication.factor ?? Math.min(3, brokers);
  const minIsr = props.replication.minInsyncReplicas ?? Math.max(1, factor - 1);
  const metricsOn = props.metrics !== undefined && props.metrics.enabled;
  const jmx = metricsOn && props.metricsExporter === "jmx-prometheus-exporter";

  const listeners: IKafka["spec"]["kafka"]["listeners"] = [];
  if (props.listeners.plain.enabled) {
    listeners.push({
      name: "plain",
      port: KAFKA_PLAIN_PORT,
      type: "internal",
      tls: false,
      ...(props.listeners.plain.authentication === "none" ? {} : { authentication: { type: props.listeners.plain.authentication } }),
    });
  }
  if (props.listeners.tls.enabled) {
    listeners.push({ name: "tls", port: KAFKA_TLS_PORT, type: "internal", tls: true, authentication: { type: props.listeners.tls.authentication } });
  }
  const authentications = [
    ...new Set(
      [props.listeners.plain.enabled ? props.listeners.plain.authentication : "none", props.listeners.tls.enabled ? props.listeners.tls.authentication : "none"].filter(
        (type): type is KafkaAuthentication => type !== "none",
      ),
    ),
  ].sort();

  const metricsConfig: IKafka["spec"]["kafka"]["metricsConfig"] = jmx
    ? { type: "jmxPrometheusExporter", valueFrom: { configMapKeyRef: { name: `${name}-kafka-metrics`, key: KAFKA_METRICS_CONFIG_KEY } } }
    : { type: "strimziMetricsReporter" };
  const kafka = new Kafka({
    metadata: { name, namespace },
    spec: {
      kafka: {
        ...(props.version === undefined ? {} : { version: props.version }),
        ...(props.metadataVersion === undefined ? {} : { metadataVersion: props.metadataVersion }),
        listeners,
        ...(props.authorization.type === "simple"
          ? { authorization: { type: "simple", ...(props.authorization.superUsers.length === 0 ? {} : { superUsers: props.authorization.superUsers }) } }
          : {}),
        config: {
          "default.replication.factor": factor,
          "min.insync.replicas": minIsr,
          "offsets.topic.replication.factor": factor,
          "transaction.state.log.replication.factor": factor,
          "transaction.state.log.min.isr": minIsr,
          ...props.config,
        },
        ...(metricsOn ? { metricsConfig } : {}),
      },
      entityOperator: { topicOperator: {}, userOperator: {} },
      ...(metricsOn ? { kafkaExporter: { topicRegex: ".*", groupRegex: ".*" } } : {}),
    },
  });

  const configs: ApiObject[] = [];
  if (props.createNamespace) configs.push(new Namespace({ metadata: { name: namespace } }));
  if (props.topology === "dual-role") {
    configs.push(nodePool(name, namespace, "dual-role", ["controller", "broker"], props.brokers));
  } else {
    const controllers = props.controllers ?? poolSchema(3, "10Gi", "KRaft controllers").parse({});
    configs.push(nodePool(name, namespace, "controller", ["controller"], controllers), nodePool(name, namespace, "broker", ["broker"], props.brokers));
  }
  configs.push(kafka);
  if (jmx) configs.push(kafkaMetricsConfigMap(name, namespace));
  if (props.metrics !== undefined && props.metrics.enabled) {
    configs.push(podMonitor({ name, namespace, selector: { [STRIMZI_CLUSTER_LABEL]: name }, port: "tcp-prometheus", interval: props.metrics.interval, labels: props.metrics.labels }));
  }

  const bootstrapHost = `${name}-kafka-bootstrap.${namespace}.svc`;
  return {
    name,
    configs,
    ref: { name, namespace, brokers, authorization: props.authorization.type === "simple", authentications },
    bootstrap: {
      ...(props.listeners.plain.enabled ? { plain: `${bootstrapHost}:${KAFKA_PLAIN_PORT}` } : {}),
      ...(props.listeners.tls.enabled ? { tls: `${bootstrapHost}:${KAFKA_TLS_PORT}` } : {}),
      caSecret: `${name}-cluster-ca-cert`,
    },
  };
}
