/**
 * The Strimzi cluster operator from its OCI chart: a Namespace, the
 * namespaces it watches, a Flux OCIRepository of the chart and a
 * HelmRelease that installs the operator and the `kafka.strimzi.io/v1`
 * CRDs. Kafka clusters, topics and users are made with
 * {@link kafkaCluster}, {@link kafkaTopic} and {@link kafkaUser}.
 */
import { namespaceName, parseProps, type ApiObject } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";
import type { Component } from "../component.ts";
import { podMonitor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { optionalResourcesSchema, resourcesOf } from "../shared/resources.ts";
import { STRIMZI_CHART } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";

/** The labels of the cluster operator's pods. */
export const STRIMZI_OPERATOR_POD_LABELS = { name: "strimzi-cluster-operator", "strimzi.io/kind": "cluster-operator" } as const;

/** The props of {@link strimziOperator}. */
export const strimziOperatorProps = z
  .object({
    namespace: namespaceProp("strimzi", "the operator, its OCIRepository and HelmRelease"),
    version: chartVersionProp(STRIMZI_CHART, `Strimzi ${STRIMZI_CHART.appVersion}, whose CRDs the schema store pins`),
    watchNamespaces: z
      .array(namespaceName())
      .default(["kafka"])
      .describe(
        "Namespaces, besides its own, where the operator manages Kafka resources; this component renders them, since the chart's RoleBindings need them first. Default: [kafka].",
      ),
    watchAnyNamespace: z.boolean().default(false).describe("Manage Kafka resources in every namespace (cluster-wide RBAC) instead of watchNamespaces. Default: false."),
    replicas: z.number().int().min(1).max(5).default(1).describe("Operator pods; more than one elect a leader. Default: 1."),
    resources: optionalResourcesSchema.optional().describe("Resources of the operator. Default: the chart's (requests 200m CPU and 384Mi, limits 1 CPU and 384Mi)."),
    networkPolicies: z.boolean().default(true).describe("Whether the operator generates NetworkPolicies for the Kafka clusters it runs. Default: true."),
    metrics: metricsSchema.optional().describe("A PodMonitor on the operator's /metrics (port http). Default: off."),
    values: valuesProp(STRIMZI_CHART.chart),
  })
  .strict()
  .superRefine((props, ctx) => {
    const seen = new Set<string>();
    props.watchNamespaces.forEach((namespace, i) => {
      if (namespace === props.namespace) {
        ctx.addIssue({ code: "custom", path: ["watchNamespaces", i], message: `${JSON.stringify(namespace)} is the operator's own namespace, which it always watches: remove it (the chart would fail on duplicate RoleBindings)` });
      } else if (seen.has(namespace)) {
        ctx.addIssue({ code: "custom", path: ["watchNamespaces", i], message: `${JSON.stringify(namespace)} is listed twice` });
      }
      seen.add(namespace);
    });
    if (props.watchAnyNamespace && props.watchNamespaces.length > 0) {
      ctx.addIssue({ code: "custom", path: ["watchNamespaces"], message: "watchAnyNamespace already covers every namespace: set watchNamespaces: []" });
    }
  });

/** The input of {@link strimziOperator}; every field has a default. */
export type StrimziOperatorProps = z.input<typeof strimziOperatorProps>;

/** The chart values this component sets (a subset of the `strimzi-kafka-operator` chart's values). */
export interface StrimziOperatorValues {
  /** Namespaces watched besides the release's. */
  readonly watchNamespaces?: readonly string[];
  /** Watch every namespace. */
  readonly watchAnyNamespace?: boolean;
  /** Operator pods. */
  readonly replicas?: number;
  /** Resources of the operator. */
  readonly resources?: Record<string, unknown>;
  /** Whether the operator generates NetworkPolicies for its operands. */
  readonly generateNetworkPolicy?: boolean;
}

/** A rendered {@link strimziOperator}. */
export interface StrimziOperatorComponent extends Component {
  /** The operator's namespace. */
  readonly namespace: string;
  /** Every namespace where Kafka resources are managed, the operator's first; empty when it watches any namespace. */
  readonly watchedNamespaces: readonly string[];
}

/**
 * Renders the Strimzi operator in the controllers layer: its Namespace and
 * the watched ones, the OCIRepository of the chart and the HelmRelease; and
 * a PodMonitor (configs layer) when metrics are on.
 *
 * @example
 * install(strimziOperator({ watchNamespaces: ["kafka"] }), kafkaCluster({ name: "events" }));
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function strimziOperator(input: StrimziOperatorProps = {}): StrimziOperatorComponent {
  const props = parseProps(strimziOperatorProps, input, "strimziOperator");
  const { namespace } = props;
  const resources = resourcesOf(props.resources);
  const values: StrimziOperatorValues = {
    watchNamespaces: props.watchNamespaces,
    watchAnyNamespace: props.watchAnyNamespace,
    replicas: props.replicas,
    ...(resources === undefined ? {} : { resources }),
    generateNetworkPolicy: props.networkPolicies,
  };
  const configs: ApiObject[] = [];
  if (props.metrics !== undefined && props.metrics.enabled) {
    configs.push(
      podMonitor({ name: "strimzi-cluster-operator", namespace, selector: { ...STRIMZI_OPERATOR_POD_LABELS }, port: "http", interval: props.metrics.interval, labels: props.metrics.labels }),
    );
  }
  return {
    name: "strimzi",
    controllers: [
      new Namespace({ metadata: { name: namespace } }),
      ...props.watchNamespaces.map((watched) => new Namespace({ metadata: { name: watched } })),
      ...helmChart<StrimziOperatorValues>({
        name: "strimzi-kafka-operator",
        namespace,
        createNamespace: false,
        chart: STRIMZI_CHART,
        version: props.version,
        source: "strimzi-kafka-operator",
        sourceKind: "OCIRepository",
        values,
        overrides: props.values,
      }),
    ],
    ...(configs.length === 0 ? {} : { configs }),
    namespace,
    watchedNamespaces: props.watchAnyNamespace ? [] : [namespace, ...props.watchNamespaces],
  };
}
