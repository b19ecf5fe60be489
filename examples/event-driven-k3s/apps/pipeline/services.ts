/**
 * The three services of the pipeline, each built with `app()`: its own
 * namespace with a default deny, an autoscaler bounded by the partitions it
 * consumes, a disruption budget, egress to the Kafka brokers only, a
 * ServiceMonitor, its Kafka credentials from a Secret, and its alerts
 * (consumer lag, autoscaler at its ceiling; for the gateway, errors).
 */
import { app, prometheusRule, type Component, type IssuerRef } from "@typed-gitops/catalog";
import { UserError, type ApiObject } from "@typed-gitops/lib";
import { SERVICE_NAMES, SERVICES, TOPICS, type ServiceName, type TopicName } from "./topology.ts";

/** The port every service serves HTTP (API, probes) on. */
export const HTTP_PORT = 8080;

/** The port every service serves Prometheus metrics on. */
export const METRICS_PORT = 9090;

/** Where the services reach Kafka. */
export interface KafkaAccess {
  /** The bootstrap address of the plain (SCRAM) listener, `host:port`. */
  readonly bootstrap: string;
  /** The brokers' namespace, which egress is allowed to. */
  readonly namespace: string;
  /** The brokers' `app.kubernetes.io/name` label. */
  readonly brokerPods: string;
  /** The listener's port. */
  readonly port: number;
}

/** What the cluster gives the pipeline. */
export interface PipelineProps {
  /** Each service's image, `repository:tag`, from the cluster's images.yaml. */
  readonly images: Readonly<Record<ServiceName, string>>;
  /** The public host of the gateway. */
  readonly gatewayHost: string;
  /** The issuer of the gateway's certificate. */
  readonly issuer: IssuerRef;
  /** The Kafka cluster. */
  readonly kafka: KafkaAccess;
  /** The SOPS Secret with each service's SCRAM password, in the service's namespace, named `<service>-kafka` with the key `password`. */
  readonly passwords: Readonly<Record<ServiceName, ApiObject>>;
}

/** The Secret (in the service's namespace) its SCRAM password is read from. */
export function serviceKafkaSecret(service: ServiceName): string {
  return `${service}-kafka`;
}

/** `gateway` → `Gateway`, for alert names. */
function title(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The PrometheusRule of a service: lag of its consumer group, autoscaler at its ceiling, and the gateway's error rate. */
function serviceAlerts(service: ServiceName) {
  const spec = SERVICES[service];
  const consumes: readonly TopicName[] = spec.consumes;
  const Name = title(service);
  const hpa = `horizontalpodautoscaler="${service}", namespace="${service}"`;
  const rules = [
    ...(consumes.length === 0
      ? []
      : [
          {
            alert: `${Name}ConsumerLag`,
            expr: `sum by (consumergroup, topic) (kafka_consumergroup_lag{consumergroup="${service}"}) > ${spec.lagWarning}`,
            for: "10m",
            severity: "warning" as const,
            summary: `${service} is more than ${spec.lagWarning} records behind on {{ $labels.topic }}`,
            description: "The consumer group is not keeping up; check whether the autoscaler is at its ceiling and the pods are healthy.",
          },
          {
            // The same name as the warning: Alertmanager's inhibition mutes the warning while this fires.
            alert: `${Name}ConsumerLag`,
            expr: `sum by (consumergroup, topic) (kafka_consumergroup_lag{consumergroup="${service}"}) > ${spec.lagWarning * 10}`,
            for: "15m",
            severity: "critical" as const,
            summary: `${service} is more than ${spec.lagWarning * 10} records behind on {{ $labels.topic }}`,
          },
        ]),
    {
      alert: `${Name}AtMaxReplicas`,
      expr: `kube_horizontalpodautoscaler_status_current_replicas{${hpa}} >= kube_horizontalpodautoscaler_spec_max_replicas{${hpa}}`,
      for: "30m",
      severity: "warning" as const,
      summary: `${service} has run at its autoscaler's ceiling (${spec.maxReplicas}) for 30 minutes`,
      description: "More replicas would not help a consumer beyond the partition count; add partitions first.",
    },
    ...(service === "gateway"
      ? [
          {
            alert: "GatewayHighErrorRate",
            expr: `sum(rate(http_requests_total{namespace="gateway", code=~"5.."}[5m])) / sum(rate(http_requests_total{namespace="gateway"}[5m])) > 0.05`,
            for: "5m",
            severity: "critical" as const,
            summary: "More than 5% of the gateway's responses are server errors",
          },
        ]
      : []),
  ];
  return prometheusRule({ name: service, namespace: service, groups: [{ name: `${service}.rules`, rules }] });
}

/** One service of the pipeline. */
function service(name: ServiceName, props: PipelineProps): Component {
  const spec = SERVICES[name];
  const consumes: readonly TopicName[] = spec.consumes;
  const produces: readonly TopicName[] = spec.produces;
  const component = app({
    name,
    image: props.images[name],
    port: HTTP_PORT,
    probes: { readiness: "/readyz", liveness: "/healthz" },
    replicas: spec.minReplicas,
    autoscaling: { maxReplicas: spec.maxReplicas, cpuUtilization: 70 },
    resources: { cpu: "100m", memory: "256Mi" },
    env: {
      KAFKA_BOOTSTRAP_SERVERS: props.kafka.bootstrap,
      KAFKA_SECURITY_PROTOCOL: "SASL_PLAINTEXT",
      KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
      KAFKA_USERNAME: name,
      ...(consumes.length === 0 ? {} : { KAFKA_CONSUMER_GROUP: name, KAFKA_CONSUMES: consumes.join(",") }),
      ...(produces.length === 0 ? {} : { KAFKA_PRODUCES: produces.join(",") }),
      METRICS_PORT: String(METRICS_PORT),
    },
    secretEnv: { KAFKA_PASSWORD: { secret: serviceKafkaSecret(name), key: "password" } },
    secretObjects: [props.passwords[name]],
    calls: [{ namespace: props.kafka.namespace, app: props.kafka.brokerPods, port: props.kafka.port }],
    metrics: { port: METRICS_PORT },
    ...(spec.public ? { expose: { host: props.gatewayHost, via: "traefik" as const, tls: { issuer: props.issuer } } } : {}),
  });
  return { ...component, apps: [...(component.apps ?? []), serviceAlerts(name)] };
}

/**
 * The pipeline's services, in topology order.
 *
 * @throws {UserError} naming every service whose autoscaler could run more
 *   consumers than a topic it consumes has partitions.
 */
export function pipeline(props: PipelineProps): Component[] {
  const problems = SERVICE_NAMES.flatMap((name) =>
    (SERVICES[name].consumes as readonly TopicName[])
      .filter((topic) => SERVICES[name].maxReplicas > TOPICS[topic].partitions)
      .map((topic) => ({
        where: `SERVICES.${name}.maxReplicas`,
        what: `${SERVICES[name].maxReplicas} exceeds the ${TOPICS[topic].partitions} partitions of ${topic}: the extra consumers would idle`,
        hint: `lower maxReplicas, or raise TOPICS.${topic}.partitions`,
      })),
  );
  if (problems.length > 0) throw new UserError(problems);
  return SERVICE_NAMES.map((name) => service(name, props));
}
