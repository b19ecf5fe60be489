/**
 * CrunchyData PGO, the Postgres operator, from its OCI chart: a Namespace,
 * a Flux OCIRepository of the chart and a HelmRelease that installs the
 * operator and its CRDs (PostgresCluster, PGUpgrade, PGAdmin), watching
 * every namespace or only its own. Clusters are made with
 * {@link postgresCluster}.
 */
import { parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { optionalResourcesSchema, resourcesOf } from "../shared/resources.ts";
import { PGO_CHART } from "../versions.ts";

/** The props of {@link postgresOperator}. */
export const postgresOperatorProps = z
  .object({
    namespace: namespaceProp("postgres-operator", "the operator, its OCIRepository and HelmRelease"),
    version: chartVersionProp(PGO_CHART, `PGO v${PGO_CHART.appVersion}, whose CRDs the schema store pins`),
    scope: z
      .enum(["cluster", "namespace"])
      .default("cluster")
      .describe("cluster: the operator manages PostgresClusters in every namespace; namespace: only in its own (the chart's singleNamespace). Default: cluster."),
    replicas: z
      .number()
      .int()
      .min(1)
      .max(5)
      .default(1)
      .describe("Operator pods; more than one elect a leader through a Lease. Default: 1."),
    debug: z.boolean().default(false).describe("Debug-level operator logs. Default: false (the chart's own default is true)."),
    resources: optionalResourcesSchema.optional().describe("Resources of the operator container. Default: none."),
    values: valuesProp(PGO_CHART.chart),
  })
  .strict();

/** The input of {@link postgresOperator}; every field has a default. */
export type PostgresOperatorProps = z.input<typeof postgresOperatorProps>;

/** The chart values this component sets (a subset of the `pgo` chart's values). */
export interface PostgresOperatorValues {
  /** Whether the operator watches only its own namespace. */
  readonly singleNamespace?: boolean;
  /** Debug logging. */
  readonly debug?: boolean;
  /** The number of operator pods. */
  readonly replicas?: number;
  /** The Lease of leader election; needed for more than one replica. */
  readonly pgoControllerLeaseName?: string;
  /** Resources of the controller container. */
  readonly resources?: { readonly controller: Record<string, unknown> };
}

/** A rendered {@link postgresOperator}. */
export interface PostgresOperatorComponent extends Component {
  /** The operator's namespace: with scope namespace, PostgresClusters must live there. */
  readonly namespace: string;
  /** Which namespaces the operator manages. */
  readonly scope: "cluster" | "namespace";
}

/**
 * Renders PGO in the controllers layer: Namespace, OCIRepository (the chart
 * artifact at the exact version) and a HelmRelease that references it.
 *
 * @example
 * install(postgresOperator(), postgresCluster({ name: "app", namespace: "apps" }));
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function postgresOperator(input: PostgresOperatorProps = {}): PostgresOperatorComponent {
  const props = parseProps(postgresOperatorProps, input, "postgresOperator");
  const { namespace } = props;
  const resources = resourcesOf(props.resources);
  const values: PostgresOperatorValues = {
    singleNamespace: props.scope === "namespace",
    debug: props.debug,
    replicas: props.replicas,
    ...(props.replicas > 1 ? { pgoControllerLeaseName: "cpk-leader-election-lease" } : {}),
    ...(resources === undefined ? {} : { resources: { controller: resources } }),
  };
  return {
    name: "postgres-operator",
    controllers: helmChart<PostgresOperatorValues>({ name: "pgo", namespace, chart: PGO_CHART, version: props.version, source: "pgo", sourceKind: "OCIRepository", values, overrides: props.values }),
    namespace,
    scope: props.scope,
  };
}
