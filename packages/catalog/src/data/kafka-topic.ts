/**
 * A Kafka topic managed by Strimzi's topic operator (`KafkaTopic`,
 * `kafka.strimzi.io/v1`): partitions, replicas checked against the
 * cluster's brokers, and typed topic settings (retention, cleanup policy,
 * min.insync.replicas) plus any other.
 */
import { parseProps } from "@typed-gitops/lib";
import { KafkaTopic } from "@typed-gitops/models/kafka.strimzi.io/v1/KafkaTopic";
import { z } from "zod";
import { kafkaClusterRefSchema, STRIMZI_CLUSTER_LABEL } from "./kafka-cluster.ts";

/** A Kafka topic name: letters, digits, `.`, `_` and `-`, at most 249 characters. */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** The props of {@link kafkaTopic}. */
export const kafkaTopicProps = z
  .object({
    cluster: kafkaClusterRefSchema,
    name: z
      .string()
      .max(253)
      .regex(/^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/, "expected a KafkaTopic name: lower-case letters, digits, '-' and '.'; set topicName for other Kafka names")
      .describe("The KafkaTopic's name, and the topic's unless topicName is set."),
    topicName: z
      .string()
      .regex(TOPIC_NAME, "expected a Kafka topic name: letters, digits, '.', '_' and '-', at most 249 characters")
      .optional()
      .describe("The topic's name in Kafka when it is no valid Kubernetes name (upper case, '_'). Default: name."),
    partitions: z.number().int().min(1).max(10000).default(1).describe("The number of partitions (can grow, never shrink). Default: 1."),
    replicas: z.number().int().min(1).optional().describe("Replicas of each partition, at most the cluster's brokers. Default: 3, or the broker count when smaller."),
    retentionMs: z
      .number()
      .int()
      .min(-1)
      .optional()
      .describe("retention.ms: how long records are kept, in milliseconds; -1 forever. Default: the broker's (7 days)."),
    retentionBytes: z.number().int().min(-1).optional().describe("retention.bytes: the most a partition keeps; -1 unlimited. Default: the broker's (unlimited)."),
    cleanupPolicy: z
      .enum(["delete", "compact", "compact,delete"])
      .optional()
      .describe("cleanup.policy: delete old segments, compact to the last record per key, or both. Default: the broker's (delete)."),
    minInsyncReplicas: z.number().int().min(1).optional().describe("min.insync.replicas of the topic, at most its replicas. Default: the cluster's."),
    config: z
      .record(z.string().regex(/^[a-z][a-z0-9.-]*$/, "expected a topic setting name such as segment.ms"), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .describe("Other topic settings, e.g. { \"segment.ms\": 3600000 }. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const replicas = props.replicas ?? Math.min(3, props.cluster.brokers);
    if (replicas > props.cluster.brokers) {
      ctx.addIssue({ code: "custom", path: ["replicas"], message: `cannot exceed the ${props.cluster.brokers} broker${props.cluster.brokers === 1 ? "" : "s"} of cluster ${props.cluster.name}` });
    }
    if (props.minInsyncReplicas !== undefined && props.minInsyncReplicas > replicas) {
      ctx.addIssue({ code: "custom", path: ["minInsyncReplicas"], message: `cannot exceed the topic's ${replicas} replica${replicas === 1 ? "" : "s"}` });
    }
    const typed: Record<string, string> = { "retention.ms": "retentionMs", "retention.bytes": "retentionBytes", "cleanup.policy": "cleanupPolicy", "min.insync.replicas": "minInsyncReplicas" };
    for (const key of Object.keys(props.config).sort()) {
      if (typed[key] !== undefined) ctx.addIssue({ code: "custom", path: ["config", key], message: `has its own prop: use ${typed[key]}` });
    }
  });

/** The input of {@link kafkaTopic}. */
export type KafkaTopicProps = z.input<typeof kafkaTopicProps>;

/**
 * Renders a KafkaTopic in the cluster's namespace (where the topic operator
 * watches), labelled with its cluster; for the configs layer.
 *
 * @example
 * kafkaTopic({ cluster: events.ref, name: "orders", partitions: 12, retentionMs: 604800000 });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function kafkaTopic(input: KafkaTopicProps): KafkaTopic {
  const props = parseProps(kafkaTopicProps, input, "kafkaTopic");
  const config: Record<string, string | number | boolean> = {};
  if (props.retentionMs !== undefined) config["retention.ms"] = props.retentionMs;
  if (props.retentionBytes !== undefined) config["retention.bytes"] = props.retentionBytes;
  if (props.cleanupPolicy !== undefined) config["cleanup.policy"] = props.cleanupPolicy;
  if (props.minInsyncReplicas !== undefined) config["min.insync.replicas"] = props.minInsyncReplicas;
  for (const key of Object.keys(props.config).sort()) config[key] = props.config[key]!;
  return new KafkaTopic({
    metadata: { name: props.name, namespace: props.cluster.namespace, labels: { [STRIMZI_CLUSTER_LABEL]: props.cluster.name } },
    spec: {
      ...(props.topicName === undefined ? {} : { topicName: props.topicName }),
      partitions: props.partitions,
      replicas: props.replicas ?? Math.min(3, props.cluster.brokers),
      ...(Object.keys(config).length === 0 ? {} : { config }),
    },
  });
}
