/**
 * The External Secrets Operator as a catalog component: its namespace, the
 * chart repository and a HelmRelease of the upstream chart with its CRDs,
 * webhook and cert-controller; the stores it reads from go to the configs
 * layer. The operator writes Secrets from a secrets manager, so no secret
 * value is ever committed.
 */
import { parseProps } from "@typed-gitops/lib";
import type { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import type { SecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { EXTERNAL_SECRETS_CHART } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";

/** The name of the component, the HelmRepository, the HelmRelease and so the chart's objects. */
const NAME = "external-secrets";

/** A store, as the lib's `clusterSecretStore()`/`secretStore()` and this section's helpers build them. */
export type ExternalSecretsStore = ClusterSecretStore | SecretStore;

function isStore(value: unknown): value is ExternalSecretsStore {
  if (typeof value !== "object" || value === null) return false;
  const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
  return apiVersion === "external-secrets.io/v1" && (kind === "ClusterSecretStore" || kind === "SecretStore");
}

/** The metrics Service of one of the chart's three Deployments. */
interface MetricsServiceValues {
  readonly metrics?: { readonly service?: { readonly enabled?: boolean; readonly port?: number } };
}

/** A PodDisruptionBudget switch of the chart. */
interface DisruptionBudgetValues {
  readonly podDisruptionBudget?: { readonly enabled?: boolean; readonly minAvailable?: number | string };
}

/**
 * The external-secrets chart values (v2.9.0) this component sets, plus the
 * ones most often overridden; any other key of the chart is accepted too.
 */
export interface ExternalSecretsChartValues extends MetricsServiceValues, DisruptionBudgetValues {
  /** Whether the chart installs (and upgrades) the external-secrets.io CRDs. */
  readonly installCRDs?: boolean;
  /** Replicas of the controller. */
  readonly replicaCount?: number;
  /** Leader election between controller replicas; needed with more than one. */
  readonly leaderElect?: boolean;
  /** Concurrent ExternalSecret reconciles. */
  readonly concurrent?: number;
  /** Resources of the controller container. */
  readonly resources?: IResourceRequirements;
  /** The chart's own ServiceMonitors (this component renders its own in the configs layer instead). */
  readonly serviceMonitor?: { readonly enabled?: boolean };
  /** The validating webhook Deployment. */
  readonly webhook?: MetricsServiceValues & DisruptionBudgetValues & { readonly create?: boolean; readonly replicaCount?: number; readonly resources?: IResourceRequirements };
  /** The controller that keeps the webhook's certificate and CA bundles current. */
  readonly certController?: MetricsServiceValues & DisruptionBudgetValues & { readonly create?: boolean; readonly replicaCount?: number; readonly resources?: IResourceRequirements };
  /** Any other value of the chart. */
  readonly [key: string]: unknown;
}

/** The props of {@link externalSecretsOperator}. */
export const externalSecretsOperatorProps = z
  .object({
    namespace: namespaceProp("external-secrets", "the operator, its HelmRepository and HelmRelease"),
    version: chartVersionProp(EXTERNAL_SECRETS_CHART, `External Secrets ${EXTERNAL_SECRETS_CHART.appVersion}, the version of the pinned CRDs`),
    replicas: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .default(1)
      .describe("Replicas of the controller and of the webhook; more than one turns on leader election and PodDisruptionBudgets. Default: 1."),
    metrics: metricsSchema
      .optional()
      .describe("Metrics of the controller, the webhook and the cert-controller: the chart's metrics Services, and a ServiceMonitor for each in the configs layer. Default: off."),
    stores: z
      .array(
        z.custom<ExternalSecretsStore>(isStore, {
          message: "expected a ClusterSecretStore or SecretStore object, e.g. from vaultSecretStore(), onePasswordSecretStore() or the lib's clusterSecretStore()",
        }),
      )
      .default([])
      .describe(
        "Stores placed in the configs layer, after the CRDs: vaultSecretStore(), onePasswordSecretStore(), or any provider through the lib's clusterSecretStore()/secretStore() builders. Default: none.",
      ),
    values: valuesProp(EXTERNAL_SECRETS_CHART.chart),
  })
  .strict();

/** The input of {@link externalSecretsOperator}; every field has a default. */
export type ExternalSecretsOperatorProps = Omit<z.input<typeof externalSecretsOperatorProps>, "values"> & {
  /** Chart values merged last (objects key by key). @default none */
  readonly values?: ExternalSecretsChartValues;
};

/**
 * The External Secrets Operator: a Namespace, a HelmRepository of the
 * upstream chart and a HelmRelease that installs the operator with its CRDs,
 * webhook and cert-controller (controllers layer), and the given `stores`
 * plus, with `metrics`, ServiceMonitors of the three Deployments (configs
 * layer, after the CRDs exist).
 *
 * @example
 * externalSecretsOperator({ stores: [vaultSecretStore({ server: "http://vault-active.vault.svc:8200" })] });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function externalSecretsOperator(input: ExternalSecretsOperatorProps = {}): Component {
  const props = parseProps(externalSecretsOperatorProps, input, "externalSecretsOperator");
  const { namespace, replicas, metrics } = props;
  const scraped = metrics?.enabled === true;
  const metricsService = scraped ? { metrics: { service: { enabled: true } } } : {};
  const budget = replicas > 1 ? { podDisruptionBudget: { enabled: true } } : {};
  const values: ExternalSecretsChartValues = {
    installCRDs: true,
    replicaCount: replicas,
    leaderElect: replicas > 1,
    ...budget,
    ...metricsService,
    webhook: { create: true, replicaCount: replicas, ...budget, ...metricsService },
    certController: { create: true, ...metricsService },
  };
  const monitor = (suffix: string) =>
    monitorsFor(metrics, {
      name: `${NAME}${suffix}`,
      namespace,
      selector: { "app.kubernetes.io/name": `${NAME}${suffix}`, "app.kubernetes.io/instance": NAME },
      port: "metrics",
    });
  return {
    name: NAME,
    controllers: helmChart<ExternalSecretsChartValues>({
      name: NAME,
      namespace,
      chart: EXTERNAL_SECRETS_CHART,
      version: props.version,
      source: NAME,
      values,
      overrides: props.values,
    }),
    configs: [...props.stores, ...monitor(""), ...monitor("-webhook"), ...monitor("-cert-controller")],
  };
}
