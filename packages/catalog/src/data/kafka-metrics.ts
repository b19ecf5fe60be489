/**
 * The Prometheus JMX exporter configuration a Kafka cluster's
 * `metricsConfig` points at: a small, generic rule set that turns Kafka's
 * `…PerSec` meters into counters and its `Value` gauges into gauges, with
 * the MBean's extra keys (topic, partition, listener, …) as labels.
 */
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";

/** The ConfigMap key holding the exporter configuration. */
export const KAFKA_METRICS_CONFIG_KEY = "kafka-metrics-config.yml";

/** One JMX exporter rule. */
interface JmxRule {
  readonly pattern: string;
  readonly name: string;
  readonly type: "COUNTER" | "GAUGE";
  readonly labels?: Readonly<Record<string, string>>;
}

/** Rules for MBeans `kafka.<domain><type=…, name=…[, k=v][, k=v]>` and the attribute `attribute`. */
function rulesFor(attribute: "Count" | "Value", suffix: string, type: JmxRule["type"]): JmxRule[] {
  const head = String.raw`kafka\.(\w+)<type=(.+), name=(.+?)(?:PerSec)?`;
  return [
    { pattern: String.raw`${head}, (.+)=(.+), (.+)=(.+)><>${attribute}`, name: `kafka_$1_$2_$3${suffix}`, type, labels: { $4: "$5", $6: "$7" } },
    { pattern: String.raw`${head}, (.+)=(.+)><>${attribute}`, name: `kafka_$1_$2_$3${suffix}`, type, labels: { $4: "$5" } },
    { pattern: String.raw`${head}><>${attribute}`, name: `kafka_$1_$2_$3${suffix}`, type },
  ];
}

/** The exporter configuration, as YAML text (deterministic: fixed order). */
export function kafkaMetricsConfig(): string {
  const rules = [...rulesFor("Count", "_total", "COUNTER"), ...rulesFor("Value", "", "GAUGE")];
  const lines = ["lowercaseOutputName: true", "lowercaseOutputLabelNames: true", "rules:"];
  for (const rule of rules) {
    lines.push(`  - pattern: ${JSON.stringify(rule.pattern)}`, `    name: ${JSON.stringify(rule.name)}`, `    type: ${rule.type}`);
    if (rule.labels !== undefined) {
      lines.push("    labels:");
      for (const [key, value] of Object.entries(rule.labels)) lines.push(`      ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The ConfigMap `<cluster>-kafka-metrics` with {@link kafkaMetricsConfig}. */
export function kafkaMetricsConfigMap(cluster: string, namespace: string): ConfigMap {
  return new ConfigMap({
    metadata: { name: `${cluster}-kafka-metrics`, namespace, labels: { "strimzi.io/cluster": cluster } },
    data: { [KAFKA_METRICS_CONFIG_KEY]: kafkaMetricsConfig() },
  });
}
