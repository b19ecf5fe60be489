/**
 * Argo Rollouts as a component: its namespace, the argo-helm repository and
 * a HelmRelease of the argo-rollouts chart (controller and CRDs), plus
 * (configs layer) the optional dashboard's Traefik IngressRoute with its
 * certificate and the controller's ServiceMonitor. Rollout and
 * AnalysisTemplate objects belong to the applications that use them.
 */
import { parseProps, type ApiObject } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { hostName } from "../shared/host-name.ts";
import { entryPointSchema, webUiRoute } from "../shared/web-route.ts";
import { ARGO_ROLLOUTS_CHART } from "../versions.ts";
import { issuerRefSchema, metricsSchema, middlewareRefSchema } from "../wiring.ts";

/** The name prefix of the chart's objects (`argo-rollouts-metrics`, `argo-rollouts-dashboard`). */
export const ARGO_ROLLOUTS_FULLNAME = "argo-rollouts";

/** The chart values this component sets; any other key of the chart may be set through `values`. */
export interface ArgoRolloutsValues {
  readonly fullnameOverride?: string;
  readonly controller?: {
    readonly replicas?: number;
    readonly metrics?: { readonly enabled?: boolean; readonly [key: string]: unknown };
    readonly pdb?: { readonly enabled?: boolean; readonly minAvailable?: number | string; readonly [key: string]: unknown };
    readonly [key: string]: unknown;
  };
  readonly dashboard?: { readonly enabled?: boolean; readonly readonly?: boolean; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** The props of {@link argoRollouts}. */
export const argoRolloutsProps = z
  .object({
    namespace: namespaceProp("argo-rollouts", "the controller, its HelmRepository and HelmRelease"),
    version: chartVersionProp(ARGO_ROLLOUTS_CHART, `Argo Rollouts ${ARGO_ROLLOUTS_CHART.appVersion}`),
    replicas: z
      .number()
      .int()
      .min(1)
      .default(2)
      .describe("The controller replicas (one leads, the others stand by); more than one gets a PodDisruptionBudget. Default: 2 (the chart's)."),
    dashboard: z
      .object({
        enabled: z.boolean().default(true).describe("Whether the dashboard runs. Default: true (when dashboard is given)."),
        readonly: z.boolean().default(false).describe("Whether the dashboard can only look, not promote or abort. Default: false."),
        host: hostName().optional().describe("The dashboard's host name, routed by a Traefik IngressRoute. Needs protect. Default: none (reach it with kubectl port-forward)."),
        issuer: issuerRefSchema.optional().describe("The cert-manager issuer of the host's certificate. Default: none (Traefik's default certificate)."),
        protect: middlewareRefSchema
          .optional()
          .describe("The Traefik Middleware in front of the dashboard, such as Authentik's ForwardAuth: the dashboard has no login of its own. Default: none."),
        entryPoint: entryPointSchema,
      })
      .strict()
      .superRefine((dashboard, ctx) => {
        if (dashboard.host !== undefined && dashboard.protect === undefined) {
          ctx.addIssue({ code: "custom", path: ["protect"], message: "is required with host: the dashboard has no login of its own, so publish it behind a Middleware such as Authentik's ForwardAuth" });
        }
        for (const field of ["issuer", "protect"] as const) {
          if (dashboard[field] !== undefined && dashboard.host === undefined) ctx.addIssue({ code: "custom", path: [field], message: "applies to the published dashboard: set host too" });
        }
        if (dashboard.host !== undefined && !dashboard.enabled) ctx.addIssue({ code: "custom", path: ["enabled"], message: "must be true to publish the dashboard on host" });
      })
      .optional()
      .describe("The Rollouts dashboard. Default: none."),
    metrics: metricsSchema.optional(),
    values: valuesProp("argo-rollouts"),
  })
  .strict();

/** The input of {@link argoRollouts}; every field has a default. */
export type ArgoRolloutsProps = Omit<z.input<typeof argoRolloutsProps>, "values"> & {
  /** More argo-rollouts chart values, merged last. @default none */
  readonly values?: ArgoRolloutsValues;
};

/**
 * Renders Argo Rollouts: a Namespace, the argo-helm HelmRepository and a
 * HelmRelease named `argo-rollouts` that installs the controller and its
 * CRDs; with `dashboard.host`, the dashboard's IngressRoute behind
 * `dashboard.protect` and its Certificate; with `metrics`, a ServiceMonitor
 * of the controller.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function argoRollouts(input: ArgoRolloutsProps = {}): Component {
  const props = parseProps(argoRolloutsProps, input, "argoRollouts");
  const { namespace, dashboard } = props;
  const values: ArgoRolloutsValues = {
    fullnameOverride: ARGO_ROLLOUTS_FULLNAME,
    controller: {
      replicas: props.replicas,
      ...(props.replicas > 1 ? { pdb: { enabled: true, minAvailable: 1 } } : {}),
      metrics: { enabled: props.metrics !== undefined && props.metrics.enabled },
    },
    dashboard: { enabled: dashboard?.enabled ?? false, ...(dashboard === undefined ? {} : { readonly: dashboard.readonly }) },
  };
  const configs: ApiObject[] = [];
  if (dashboard?.host !== undefined) {
    const name = `${ARGO_ROLLOUTS_FULLNAME}-dashboard`;
    configs.push(
      ...webUiRoute({
        name,
        namespace,
        host: dashboard.host,
        entryPoints: [dashboard.entryPoint],
        ...(dashboard.issuer === undefined ? {} : { certificate: { issuer: dashboard.issuer } }),
        defaultTls: true,
        ...(dashboard.protect === undefined ? {} : { middlewares: [dashboard.protect] }),
        backends: [{ name, port: 3100 }],
      }).objects,
    );
  }
  configs.push(
    ...monitorsFor(props.metrics, {
      name: ARGO_ROLLOUTS_FULLNAME,
      namespace,
      selector: { "app.kubernetes.io/component": "rollouts-controller", "app.kubernetes.io/name": ARGO_ROLLOUTS_FULLNAME, "app.kubernetes.io/instance": ARGO_ROLLOUTS_FULLNAME },
      port: "metrics",
      path: "/metrics",
      scheme: "http",
    }),
  );
  return {
    name: "argo-rollouts",
    controllers: helmChart<ArgoRolloutsValues>({
      name: ARGO_ROLLOUTS_FULLNAME,
      namespace,
      chart: ARGO_ROLLOUTS_CHART,
      version: props.version,
      source: "argo",
      values,
      overrides: props.values,
    }),
    ...(configs.length === 0 ? {} : { configs }),
  };
}
