/**
 * The event bus: the Strimzi operator (controllers layer) and one KRaft
 * Kafka cluster (configs layer) with the pipeline's topics, one SCRAM user
 * per service whose ACLs allow exactly the flows of the topology, and the
 * alerting rules of the brokers themselves.
 */
import { kafkaCluster, kafkaTopic, kafkaUser, prometheusRule, strimziOperator, type Component, type KafkaBootstrap, type KafkaUserResult } from "@typed-gitops/catalog";
import type { ApiObject } from "@typed-gitops/lib";
import { SERVICE_NAMES, SERVICES, TOPICS, type ServiceName, type TopicName } from "../../apps/pipeline/topology.ts";

/** The namespace of the Kafka cluster, watched by the operator. */
export const KAFKA_NAMESPACE = "kafka";

/** The Kafka cluster's name: its Services are `events-kafka-bootstrap`, its pods `events-dual-role-<n>`. */
export const KAFKA_CLUSTER = "events";

/** The label Strimzi puts on every broker pod, which the services' egress policies select. */
export const KAFKA_BROKER_POD_NAME = "kafka";

/** What {@link eventBus} needs from the cluster. */
export interface EventBusProps {
  /** Brokers, each also a KRaft controller (an odd number: 1 or 3). */
  readonly nodes: number;
  /** The size of each node's volume. */
  readonly volumeSize: string;
  /** The StorageClass of the volumes (local-path on k3s). */
  readonly storageClass: string;
  /**
   * The SOPS Secret with each service's SCRAM password, in the Kafka
   * namespace, named `kafka-user-<service>` with the key `password`.
   */
  readonly passwords: Readonly<Record<ServiceName, ApiObject>>;
}

/** What {@link eventBus} returns. */
export interface EventBus {
  /** The components, for `install(...)`. */
  readonly components: readonly Component[];
  /** Where clients connect. */
  readonly bootstrap: KafkaBootstrap;
  /** Each service's user: its principal and the Secret the operator reads its password from. */
  readonly users: Readonly<Record<ServiceName, KafkaUserResult>>;
}

/** The Secret (in the Kafka namespace) that holds a service's SCRAM password. */
export function kafkaPasswordSecret(service: ServiceName): string {
  return `kafka-user-${service}`;
}

/** The ACLs of a service: read its topics as its own group, write its output topics. */
function aclsOf(service: ServiceName) {
  const spec = SERVICES[service];
  const consumes: readonly TopicName[] = spec.consumes;
  const produces: readonly TopicName[] = spec.produces;
  return [
    ...consumes.map((topic) => ({ resource: { type: "topic" as const, name: topic }, operations: ["Read" as const, "Describe" as const] })),
    ...produces.map((topic) => ({ resource: { type: "topic" as const, name: topic }, operations: ["Write" as const, "Describe" as const] })),
    ...(consumes.length === 0 ? [] : [{ resource: { type: "group" as const, name: service }, operations: ["Read" as const] }]),
  ];
}

/**
 * The Strimzi operator watching the Kafka namespace, and the `events`
 * cluster: dual-role nodes (brokers that are also the KRaft quorum, as a
 * three-node k3s cluster affords), SCRAM on the plain listener, simple
 * authorization, no automatic topic creation, metrics with Kafka Exporter
 * (consumer lag) scraped through a PodMonitor; the topics of the topology;
 * a user per service; and a PrometheusRule for the brokers.
 */
export function eventBus(props: EventBusProps): EventBus {
  const operator = strimziOperator({ watchNamespaces: [KAFKA_NAMESPACE], metrics: {} });
  const cluster = kafkaCluster({
    name: KAFKA_CLUSTER,
    namespace: KAFKA_NAMESPACE,
    topology: "dual-role",
    brokers: { replicas: props.nodes, storage: { size: props.volumeSize, storageClass: props.storageClass } },
    listeners: { plain: { authentication: "scram-sha-512" }, tls: { enabled: false } },
    authorization: { type: "simple" },
    config: { "auto.create.topics.enable": false },
    metrics: {},
  });
  const topics = (Object.keys(TOPICS) as TopicName[]).map((name) =>
    kafkaTopic({ cluster: cluster.ref, name, partitions: TOPICS[name].partitions, retentionMs: TOPICS[name].retentionMs }),
  );
  const users = Object.fromEntries(
    SERVICE_NAMES.map((service) => [
      service,
      kafkaUser({ cluster: cluster.ref, name: service, authentication: "scram-sha-512", password: { secret: kafkaPasswordSecret(service), key: "password" }, acls: aclsOf(service) }),
    ]),
  ) as Record<ServiceName, KafkaUserResult>;
  const brokerAlerts = prometheusRule({
    name: `${KAFKA_CLUSTER}-brokers`,
    namespace: KAFKA_NAMESPACE,
    groups: [
      {
        name: "kafka-brokers",
        rules: [
          {
            alert: "KafkaUnderReplicatedPartitions",
            expr: `sum by (pod) (kafka_server_replicamanager_underreplicatedpartitions{namespace="${KAFKA_NAMESPACE}"}) > 0`,
            for: "10m",
            severity: "warning",
            summary: "Broker {{ $labels.pod }} has under-replicated partitions",
            description: "A follower is not keeping up or a broker is down; one more failure may make partitions unavailable.",
          },
          {
            alert: "KafkaOfflinePartitions",
            expr: `sum(kafka_controller_kafkacontroller_offlinepartitionscount{namespace="${KAFKA_NAMESPACE}"}) > 0`,
            for: "1m",
            severity: "critical",
            summary: "Kafka has offline partitions: producers and consumers of them are stuck",
          },
          {
            alert: "KafkaBrokersMissing",
            expr: `count(up{namespace="${KAFKA_NAMESPACE}", pod=~"${KAFKA_CLUSTER}-dual-role-.*"} == 1) < ${props.nodes}`,
            for: "5m",
            severity: "critical",
            summary: `Fewer than ${props.nodes} Kafka nodes are up and scraped`,
          },
        ],
      },
    ],
  });
  const passwords = SERVICE_NAMES.map((service) => props.passwords[service]);
  const bus: Component = {
    name: "kafka",
    configs: [...(cluster.configs ?? []), ...topics, ...SERVICE_NAMES.map((service) => users[service].user), ...passwords, brokerAlerts],
  };
  return { components: [operator, bus], bootstrap: cluster.bootstrap, users };
}
