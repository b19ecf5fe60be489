/**
 * The event pipeline in one table: which topics exist and which service
 * reads and writes which. Everything else is derived from it — the
 * KafkaTopics, each service's KafkaUser and its ACLs, the environment that
 * tells a service its topics and consumer group, the ceiling of its
 * autoscaler and its consumer-lag alerts — so a new flow is one line here.
 *
 *   client ──HTTP──▶ gateway ──requests──▶ generation ──generations──▶ enrichment
 *                       ▲                                                   │
 *                       └──────────────────────── results ◀─────────────────┘
 */

/** Seven days, in milliseconds. */
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** A Kafka topic of the pipeline. */
export interface TopicSpec {
  /** Partitions: the most consumers of one group that can work in parallel. */
  readonly partitions: number;
  /** How long records are kept, in milliseconds. */
  readonly retentionMs: number;
  /** What flows through it. */
  readonly description: string;
}

/** The topics, by name (the name is also the Kafka topic's). */
export const TOPICS = {
  requests: { partitions: 12, retentionMs: WEEK_MS, description: "generation requests accepted by the gateway" },
  generations: { partitions: 12, retentionMs: WEEK_MS, description: "raw generations, to be enriched" },
  results: { partitions: 6, retentionMs: 2 * WEEK_MS, description: "enriched results the gateway serves back" },
} as const satisfies Record<string, TopicSpec>;

/** A topic name. */
export type TopicName = keyof typeof TOPICS;

/** One service of the pipeline and its place in it. */
export interface ServiceSpec {
  /** The topics it consumes, as the consumer group named like the service. */
  readonly consumes: readonly TopicName[];
  /** The topics it produces to. */
  readonly produces: readonly TopicName[];
  /** The autoscaler's floor. */
  readonly minReplicas: number;
  /** The autoscaler's ceiling: never more than the partitions of a consumed topic, or the extra consumers idle. */
  readonly maxReplicas: number;
  /** Consumer lag (records behind, over all partitions) that warrants a warning. */
  readonly lagWarning: number;
  /** Whether the service is reachable from the internet. */
  readonly public: boolean;
}

/** The services, by name (also their namespace, Kafka user and consumer group). */
export const SERVICES = {
  gateway: { consumes: ["results"], produces: ["requests"], minReplicas: 2, maxReplicas: 6, lagWarning: 500, public: true },
  generation: { consumes: ["requests"], produces: ["generations"], minReplicas: 2, maxReplicas: 12, lagWarning: 2000, public: false },
  enrichment: { consumes: ["generations"], produces: ["results"], minReplicas: 2, maxReplicas: 12, lagWarning: 2000, public: false },
} as const satisfies Record<string, ServiceSpec>;

/** A service name. */
export type ServiceName = keyof typeof SERVICES;

/** The service names, in a fixed order. */
export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];
