import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { kafkaCluster } from "./kafka-cluster.ts";
import { kafkaTopic, type KafkaTopicProps } from "./kafka-topic.ts";
import { strimziOperator } from "./strimzi-operator.ts";

const events = kafkaCluster({ name: "events" });

const defaults: KafkaTopicProps = { cluster: events.ref, name: "orders" };

const rich: KafkaTopicProps = {
  cluster: events.ref,
  name: "orders-dlq",
  topicName: "Orders_DLQ",
  partitions: 12,
  replicas: 3,
  retentionMs: 1_209_600_000,
  retentionBytes: 10_737_418_240,
  cleanupPolicy: "compact,delete",
  minInsyncReplicas: 2,
  config: { "segment.ms": 3_600_000, "compression.type": "zstd" },
};

const renders = [
  { file: "kafka-topic.default", props: defaults },
  { file: "kafka-topic.rich", props: rich },
] as const;

describe("kafkaTopic", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent({ name: "events", configs: [kafkaTopic(props)] }));

  it("renders both cases with their cluster into a tree that validates against the Strimzi 1.2.0 CRDs", async () => {
    await expectValidTree([strimziOperator(), { ...events, configs: [...events.configs!, kafkaTopic(defaults), kafkaTopic(rich)] }]);
  });

  it("labels the topic with its cluster and puts it in the cluster's namespace", () => {
    expect(kafkaTopic(defaults).metadata).toEqual({ name: "orders", namespace: "kafka", labels: { "strimzi.io/cluster": "events" } });
    expect(kafkaTopic(defaults).spec).toEqual({ partitions: 1, replicas: 3 });
  });
});

const small = kafkaCluster({ name: "small", topology: "dual-role", brokers: { replicas: 1 } });

const invalid = [
  {
    label: "more replicas than brokers and min.insync.replicas above the replicas",
    build: () => kafkaTopic({ cluster: small.ref, name: "orders", replicas: 3, minInsyncReplicas: 4 }),
    message: ["kafkaTopic: replicas: cannot exceed the 1 broker of cluster small", "kafkaTopic: minInsyncReplicas: cannot exceed the topic's 3 replicas"].join("\n"),
  },
  {
    label: "a setting that has its own prop, and a name that is no Kubernetes name",
    build: () => kafkaTopic({ cluster: events.ref, name: "Orders_DLQ", config: { "retention.ms": 1000 } }),
    message: [
      "kafkaTopic: name: expected a KafkaTopic name: lower-case letters, digits, '-' and '.'; set topicName for other Kafka names",
      `kafkaTopic: config["retention.ms"]: has its own prop: use retentionMs`,
    ].join("\n"),
  },
  {
    label: "a cluster given by name only",
    build: () => kafkaTopic({ cluster: "events", name: "orders" } as never),
    message: "kafkaTopic: cluster: expected a cluster reference: pass kafkaCluster(...).ref",
  },
] as const;

describeRejections("kafkaTopic", invalid);
