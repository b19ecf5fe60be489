import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { kafkaCluster, type KafkaClusterProps } from "./kafka-cluster.ts";
import { strimziOperator } from "./strimzi-operator.ts";

const defaults: KafkaClusterProps = { name: "events" };

const rich: KafkaClusterProps = {
  name: "analytics",
  namespace: "analytics",
  version: "4.2.0",
  metadataVersion: "4.2-IV1",
  controllers: { replicas: 3, storage: { size: "20Gi", storageClass: "fast-ssd" }, resources: { requests: { cpu: "250m", memory: "1Gi" } } },
  brokers: {
    replicas: 5,
    storage: { size: "500Gi", storageClass: "fast-ssd", deleteClaim: false },
    resources: { requests: { cpu: "1", memory: "4Gi" }, limits: { memory: "4Gi" } },
  },
  listeners: { plain: { authentication: "scram-sha-512" }, tls: { authentication: "tls" } },
  authorization: { superUsers: ["CN=admin"] },
  replication: { factor: 3, minInsyncReplicas: 2 },
  config: { "auto.create.topics.enable": false, "log.retention.hours": 168 },
  metrics: { labels: { release: "kube-prometheus-stack" } },
};

const dualRole: KafkaClusterProps = {
  name: "dev",
  namespace: "dev-kafka",
  createNamespace: true,
  topology: "dual-role",
  brokers: { replicas: 1, storage: { size: "10Gi" } },
  listeners: { plain: { authentication: "none" }, tls: { enabled: false } },
  authorization: { type: "none" },
  metrics: {},
  metricsExporter: "strimzi-metrics-reporter",
};

const renders = [
  { file: "kafka-cluster.default", props: defaults },
  { file: "kafka-cluster.rich", props: rich },
  { file: "kafka-cluster.dual-role", props: dualRole },
] as const;

describe("kafkaCluster", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent(kafkaCluster(props)));

  it("renders every case with the operator into a tree that validates against the Strimzi 1.2.0 CRDs incl. CEL", async () => {
    await expectValidTree([strimziOperator({ watchNamespaces: ["kafka", "analytics"] }), kafkaCluster(defaults), kafkaCluster(rich), kafkaCluster(dualRole)]);
  });

  it("derives the replication settings from the broker count", () => {
    const single = kafkaCluster({ name: "one", topology: "dual-role", brokers: { replicas: 1 } });
    const kafka = single.configs!.find((object) => object.kind === "Kafka") as unknown as { spec: { kafka: { config: Record<string, unknown> } } };
    expect(kafka.spec.kafka.config).toEqual({
      "default.replication.factor": 1,
      "min.insync.replicas": 1,
      "offsets.topic.replication.factor": 1,
      "transaction.state.log.replication.factor": 1,
      "transaction.state.log.min.isr": 1,
    });
  });

  it("exports what topics, users and clients need", () => {
    const cluster = kafkaCluster(rich);
    expect(cluster.ref).toEqual({ name: "analytics", namespace: "analytics", brokers: 5, authorization: true, authentications: ["scram-sha-512", "tls"] });
    expect(cluster.bootstrap).toEqual({
      plain: "analytics-kafka-bootstrap.analytics.svc:9092",
      tls: "analytics-kafka-bootstrap.analytics.svc:9093",
      caSecret: "analytics-cluster-ca-cert",
    });
    expect(kafkaCluster(dualRole).ref).toMatchObject({ brokers: 1, authorization: false, authentications: [] });
  });
});

const invalid = [
  {
    label: "an even controller quorum and a replication factor above the broker count",
    build: () => kafkaCluster({ name: "events", controllers: { replicas: 2 }, brokers: { replicas: 2 }, replication: { factor: 3 } }),
    message: [
      "kafkaCluster: controllers.replicas: the KRaft controller quorum needs an odd number of controllers (1, 3 or 5), not 2",
      "kafkaCluster: replication.factor: cannot exceed the 2 brokers",
    ].join("\n"),
  },
  {
    label: "min.insync.replicas above the factor",
    build: () => kafkaCluster({ name: "events", replication: { factor: 2, minInsyncReplicas: 3 } }),
    message: "kafkaCluster: replication.minInsyncReplicas: cannot exceed the replication factor 2",
  },
  {
    label: "a controller pool in the dual-role topology and no listener",
    build: () => kafkaCluster({ name: "events", topology: "dual-role", controllers: {}, listeners: { plain: { enabled: false }, tls: { enabled: false } } }),
    message: [
      `kafkaCluster: controllers: the dual-role topology has no controller pool: size the nodes with brokers, or set topology: "dedicated"`,
      "kafkaCluster: listeners: enable at least one listener",
    ].join("\n"),
  },
  {
    label: "broker settings that Strimzi or the props manage",
    build: () => kafkaCluster({ name: "events", config: { listeners: "PLAINTEXT://:9092", "min.insync.replicas": 1 } }),
    message: [
      "kafkaCluster: config.listeners: is managed here: Strimzi configures the listeners: use the listeners prop",
      `kafkaCluster: config["min.insync.replicas"]: is managed here: use replication.minInsyncReplicas`,
    ].join("\n"),
  },
  {
    label: "a cluster name that is too long and a Kafka version that is no version",
    build: () => kafkaCluster({ name: "a".repeat(41), version: "4.2" }),
    message: [
      "kafkaCluster: name: must be at most 40 characters (Strimzi derives longer names from it)",
      "kafkaCluster: version: expected a Kafka version such as 4.2.0",
    ].join("\n"),
  },
] as const;

describeRejections("kafkaCluster", invalid);
