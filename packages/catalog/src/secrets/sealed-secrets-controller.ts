/**
 * The Sealed Secrets controller as a catalog component: its namespace, the
 * chart repository and a HelmRelease of the upstream chart. The controller
 * holds the private keys; the cluster's public sealing certificate is
 * committed as `clusters/<cluster>/sealed-secrets.pem`, and
 * `pnpm secrets seal` seals values against it offline.
 */
import { parseProps } from "@typed-gitops/lib";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { goDuration } from "../shared/duration.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { SEALED_SECRETS_CHART } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";

/** The name of the component, the HelmRepository and the HelmRelease (so the Helm release, and the chart's `instance` label). */
const NAME = "sealed-secrets";

/**
 * The controller's name: kubeseal's default `--controller-name`, so
 * `kubeseal --fetch-cert --controller-namespace <namespace>` finds it.
 */
export const SEALED_SECRETS_CONTROLLER_NAME = "sealed-secrets-controller";

/**
 * The sealed-secrets chart values (2.18.5) this component sets, plus the
 * ones most often overridden; any other key of the chart is accepted too.
 */
export interface SealedSecretsChartValues {
  /** The name of the controller's Deployment and Services. */
  readonly fullnameOverride?: string;
  /** How often the controller creates a new sealing key (`--key-renew-period`); `0` never. */
  readonly keyrenewperiod?: string;
  /** Resources of the controller container. */
  readonly resources?: IResourceRequirements;
  /** The chart's metrics Service (always rendered) and its own ServiceMonitor (this component renders its own in the configs layer instead). */
  readonly metrics?: {
    readonly serviceMonitor?: { readonly enabled?: boolean };
    readonly service?: { readonly port?: number; readonly [key: string]: unknown };
    readonly dashboards?: { readonly create?: boolean; readonly [key: string]: unknown };
  };
  /** Any other value of the chart. */
  readonly [key: string]: unknown;
}

/** The props of {@link sealedSecretsController}. */
export const sealedSecretsControllerProps = z
  .object({
    namespace: namespaceProp("sealed-secrets", "the controller, its HelmRepository and HelmRelease"),
    version: chartVersionProp(SEALED_SECRETS_CHART, `controller ${SEALED_SECRETS_CHART.appVersion}, the version of the pinned CRD and kubeseal`),
    keyRenewPeriod: goDuration("expected a Go duration such as 720h, or 0 to never renew the key", { zero: true })
      .default("720h")
      .describe("How often the controller creates a new sealing key (the chart's keyrenewperiod); 0 never. Old keys are kept, so sealed values stay readable. Default: 720h (30 days, the controller's own default)."),
    metrics: metricsSchema
      .optional()
      .describe("A ServiceMonitor of the controller's metrics Service (port metrics, which the chart always renders), in the configs layer. Default: off."),
    values: valuesProp(SEALED_SECRETS_CHART.chart),
  })
  .strict();

/** The input of {@link sealedSecretsController}; every field has a default. */
export type SealedSecretsControllerProps = Omit<z.input<typeof sealedSecretsControllerProps>, "values"> & {
  /** Chart values merged last (objects key by key). @default none */
  readonly values?: SealedSecretsChartValues;
};

/**
 * The Sealed Secrets controller: a Namespace, a HelmRepository of the
 * upstream chart and a HelmRelease whose controller is named
 * `sealed-secrets-controller`, as kubeseal expects (controllers layer);
 * with `metrics`, a ServiceMonitor of its metrics Service (configs layer).
 *
 * @example
 * sealedSecretsController({ metrics: {} });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function sealedSecretsController(input: SealedSecretsControllerProps = {}): Component {
  const props = parseProps(sealedSecretsControllerProps, input, "sealedSecretsController");
  const { namespace } = props;
  const values: SealedSecretsChartValues = { fullnameOverride: SEALED_SECRETS_CONTROLLER_NAME, keyrenewperiod: props.keyRenewPeriod };
  return {
    name: NAME,
    controllers: helmChart<SealedSecretsChartValues>({
      name: NAME,
      namespace,
      chart: SEALED_SECRETS_CHART,
      version: props.version,
      source: NAME,
      values,
      overrides: props.values,
    }),
    configs: monitorsFor(props.metrics, {
      name: SEALED_SECRETS_CONTROLLER_NAME,
      namespace,
      // The chart's `<fullname>-metrics` Service: its selector labels plus the metrics component.
      selector: { "app.kubernetes.io/name": NAME, "app.kubernetes.io/instance": NAME, "app.kubernetes.io/component": "metrics" },
      port: "metrics",
    }),
  };
}
