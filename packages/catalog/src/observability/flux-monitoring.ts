/**
 * Monitoring of Flux itself: a PodMonitor that scrapes every Flux
 * controller and a PrometheusRule that alerts on failing reconciliations.
 *
 * Flux 2.x controllers export their own metrics on the `http-prom` port
 * (`gotk_reconcile_duration_seconds`, `controller_runtime_reconcile_*`).
 * The per-object state metrics of the controllers (`gotk_reconcile_condition`,
 * `gotk_suspend_status`) are deprecated since Flux 2.1: the state of each
 * Flux object comes from kube-state-metrics' custom-resource-state metrics as
 * `gotk_resource_info{customresource_kind, exported_namespace, name,
 * ready, suspended}`, which {@link fluxResourceMetricsValues} configures
 * and `kubePrometheusStack({ fluxResourceMetrics: true })` applies.
 */
import { FLUX_NAMESPACE, namespaceName, parseProps, type ApiObject } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { podMonitor, prometheusRule } from "../monitoring/monitors.ts";
import { prometheusDuration } from "../shared/duration.ts";
import { stringMap } from "../shared/string-map.ts";

/** The label every Flux controller Pod carries (set by the Flux install manifests and the Flux Operator). */
export const FLUX_POD_SELECTOR = { "app.kubernetes.io/part-of": "flux" } as const;

/** The container port of the Flux controllers that serves `/metrics`. */
export const FLUX_METRICS_PORT = "http-prom";

/** The props of {@link fluxMonitoring}. */
export const fluxMonitoringProps = z
  .object({
    namespace: namespaceName().default(FLUX_NAMESPACE).describe(`The namespace Flux runs in; the PodMonitor and PrometheusRule go there. Default: ${FLUX_NAMESPACE}.`),
    interval: prometheusDuration().default("30s").describe("How often Prometheus scrapes the controllers. Default: 30s."),
    labels: stringMap.default({}).describe("Extra labels on the PodMonitor and PrometheusRule, for a Prometheus whose selectors need them. Default: none."),
    alerts: z
      .object({
        enabled: z.boolean().default(true).describe("Whether the PrometheusRule is rendered. Default: true."),
        resourceState: z
          .boolean()
          .default(true)
          .describe("Whether the rules on gotk_resource_info (an object not Ready) are included; they need kube-state-metrics configured for Flux, e.g. kubePrometheusStack({ fluxResourceMetrics: true }). Default: true."),
        failingFor: prometheusDuration().default("15m").describe("How long an object must stay not Ready, or a controller keep erroring, before the alert fires. Default: 15m."),
        severity: z.enum(["critical", "warning", "info"]).default("warning").describe("The severity of the reconciliation alerts. Default: warning."),
      })
      .strict()
      .prefault({})
      .describe("The alerting rules. Default: on, with the resource-state rules."),
  })
  .strict();

/** The input of {@link fluxMonitoring}; every field has a default. */
export type FluxMonitoringProps = z.input<typeof fluxMonitoringProps>;

/**
 * Renders Flux monitoring in the configs layer (it needs the
 * prometheus-operator CRDs): a PodMonitor `flux-controllers` selecting every
 * Flux controller Pod by `app.kubernetes.io/part-of: flux` on port
 * `http-prom`, and a PrometheusRule `flux` with
 *
 * - `FluxReconciliationFailure`: a Flux object (Kustomization, HelmRelease,
 *   source, …) not Ready and not suspended for `failingFor`, from
 *   `gotk_resource_info` (kube-state-metrics);
 * - `FluxControllerReconcileErrors`: a controller whose reconciles keep
 *   returning errors (`controller_runtime_reconcile_errors_total`);
 * - `FluxControllerDown`: a scraped controller that is down.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function fluxMonitoring(input: FluxMonitoringProps = {}): Component {
  const props = parseProps(fluxMonitoringProps, input, "fluxMonitoring");
  const { namespace } = props;
  const monitorName = "flux-controllers";
  const objects: ApiObject[] = [podMonitor({ name: monitorName, namespace, selector: { ...FLUX_POD_SELECTOR }, port: FLUX_METRICS_PORT, interval: props.interval, labels: props.labels })];
  if (props.alerts.enabled) {
    const { failingFor, severity } = props.alerts;
    const job = `${namespace}/${monitorName}`;
    const resourceRules = props.alerts.resourceState
      ? [
          {
            alert: "FluxReconciliationFailure",
            expr: 'max by (customresource_kind, exported_namespace, name) (gotk_resource_info{ready="False", suspended!="true"}) > 0',
            for: failingFor,
            severity,
            summary: "{{ $labels.customresource_kind }} {{ $labels.exported_namespace }}/{{ $labels.name }} is not ready",
            description: `The Flux object has not been Ready for ${failingFor}; see \`flux get all -A\` and its events.`,
          },
        ]
      : [];
    objects.push(
      prometheusRule({
        name: "flux",
        namespace,
        labels: props.labels,
        groups: [
          {
            name: "flux",
            rules: [
              ...resourceRules,
              {
                alert: "FluxControllerReconcileErrors",
                expr: `sum by (namespace, pod, controller) (rate(controller_runtime_reconcile_errors_total{job="${job}"}[5m])) > 0`,
                for: failingFor,
                severity,
                summary: "{{ $labels.pod }} keeps failing to reconcile {{ $labels.controller }} objects",
                description: `The Flux controller has returned reconcile errors for ${failingFor}; check its logs.`,
              },
              {
                alert: "FluxControllerDown",
                expr: `up{job="${job}"} == 0`,
                for: "5m",
                severity: "critical",
                summary: "Flux controller {{ $labels.pod }} is down",
                description: "Prometheus cannot scrape the Flux controller: it is not running or not ready, so nothing it manages is reconciled.",
              },
            ],
          },
        ],
      }),
    );
  }
  return { name: "flux-monitoring", configs: objects };
}

/** A kube-state-metrics custom-resource-state entry for one Flux kind. */
interface FluxResourceMetric {
  readonly groupVersionKind: { readonly group: string; readonly version: string; readonly kind: string };
  readonly metricNamePrefix: "gotk";
  readonly metrics: readonly {
    readonly name: "resource_info";
    readonly help: string;
    readonly each: { readonly type: "Info"; readonly info: { readonly labelsFromPath: Readonly<Record<string, readonly string[]>> } };
    readonly labelsFromPath: Readonly<Record<string, readonly string[]>>;
  }[];
}

/** The kube-state-metrics subchart values that export `gotk_resource_info`. */
export interface FluxResourceMetricsValues {
  readonly rbac: { readonly extraRules: readonly { readonly apiGroups: readonly string[]; readonly resources: readonly string[]; readonly verbs: readonly string[] }[] };
  readonly customResourceState: { readonly enabled: true; readonly config: { readonly spec: { readonly resources: readonly FluxResourceMetric[] } } };
}

/** The Flux kinds and API versions of Flux 2.9, with the extra labels each one exports. */
const FLUX_KINDS: readonly { group: string; version: string; kind: string; plural: string; revision?: readonly string[]; extra?: Readonly<Record<string, readonly string[]>> }[] = [
  { group: "kustomize.toolkit.fluxcd.io", version: "v1", kind: "Kustomization", plural: "kustomizations", revision: ["status", "lastAppliedRevision"], extra: { source_name: ["spec", "sourceRef", "name"] } },
  { group: "helm.toolkit.fluxcd.io", version: "v2", kind: "HelmRelease", plural: "helmreleases", revision: ["status", "lastAttemptedRevision"], extra: { chart_name: ["spec", "chart", "spec", "chart"] } },
  { group: "source.toolkit.fluxcd.io", version: "v1", kind: "GitRepository", plural: "gitrepositories", revision: ["status", "artifact", "revision"], extra: { url: ["spec", "url"] } },
  { group: "source.toolkit.fluxcd.io", version: "v1", kind: "OCIRepository", plural: "ocirepositories", revision: ["status", "artifact", "revision"], extra: { url: ["spec", "url"] } },
  { group: "source.toolkit.fluxcd.io", version: "v1", kind: "HelmRepository", plural: "helmrepositories", revision: ["status", "artifact", "revision"], extra: { url: ["spec", "url"] } },
  { group: "source.toolkit.fluxcd.io", version: "v1", kind: "HelmChart", plural: "helmcharts", revision: ["status", "artifact", "revision"], extra: { chart_name: ["spec", "chart"] } },
  { group: "source.toolkit.fluxcd.io", version: "v1", kind: "Bucket", plural: "buckets", revision: ["status", "artifact", "revision"] },
  { group: "notification.toolkit.fluxcd.io", version: "v1", kind: "Receiver", plural: "receivers" },
  { group: "image.toolkit.fluxcd.io", version: "v1", kind: "ImageRepository", plural: "imagerepositories", extra: { image: ["spec", "image"] } },
  { group: "image.toolkit.fluxcd.io", version: "v1", kind: "ImagePolicy", plural: "imagepolicies" },
  { group: "image.toolkit.fluxcd.io", version: "v1", kind: "ImageUpdateAutomation", plural: "imageupdateautomations" },
];

/**
 * The kube-state-metrics values (a subchart of kube-prometheus-stack) that
 * export `gotk_resource_info` for every Flux kind: RBAC to list and watch
 * the Flux objects, and a custom-resource-state config with the labels
 * `exported_namespace`, `name`, `ready`, `suspended` and `revision`.
 * Kinds whose CRD is not installed are skipped by kube-state-metrics.
 */
export function fluxResourceMetricsValues(): FluxResourceMetricsValues {
  const groups = [...new Set(FLUX_KINDS.map((kind) => kind.group))];
  return {
    rbac: { extraRules: [{ apiGroups: groups, resources: FLUX_KINDS.map((kind) => kind.plural), verbs: ["list", "watch"] }] },
    customResourceState: {
      enabled: true,
      config: {
        spec: {
          resources: FLUX_KINDS.map((kind) => ({
            groupVersionKind: { group: kind.group, version: kind.version, kind: kind.kind },
            metricNamePrefix: "gotk",
            metrics: [
              {
                name: "resource_info",
                help: "The current state of a Flux object.",
                each: { type: "Info", info: { labelsFromPath: { name: ["metadata", "name"] } } },
                labelsFromPath: {
                  exported_namespace: ["metadata", "namespace"],
                  ready: ["status", "conditions", "[type=Ready]", "status"],
                  suspended: ["spec", "suspend"],
                  ...(kind.revision === undefined ? {} : { revision: kind.revision }),
                  ...kind.extra,
                },
              },
            ],
          })),
        },
      },
    },
  };
}
