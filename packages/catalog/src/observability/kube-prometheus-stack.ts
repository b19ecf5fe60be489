/**
 * kube-prometheus-stack as a component: the prometheus-operator and its
 * CRDs, Prometheus, Alertmanager, kube-state-metrics, node-exporter and,
 * optionally, Grafana behind a Traefik route.
 *
 * Prometheus is set to select every ServiceMonitor, PodMonitor, Probe,
 * ScrapeConfig and PrometheusRule in every namespace
 * (`*SelectorNilUsesHelmValues: false` with empty selectors). The chart's
 * default selects only objects labelled `release: <release name>`, which
 * silently ignores the monitors that other components render through
 * `metrics`; here a monitor anywhere in the cluster is scraped.
 */
import { parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { prometheusDuration } from "../shared/duration.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { type ValuesOverride } from "../shared/merge-values.ts";
import { resourcesProp, type ContainerResources } from "../shared/resources.ts";
import { stringMap } from "../shared/string-map.ts";
import { KUBE_PROMETHEUS_STACK_CHART } from "../versions.ts";
import { alertmanagerConfig, alertmanagerProps, type AlertmanagerConfigFile } from "./alertmanager-config.ts";
import { fluxResourceMetricsValues, type FluxResourceMetricsValues } from "./flux-monitoring.ts";
import { grafanaProps, grafanaRouteObjects, grafanaValues, type GrafanaValues } from "./grafana.ts";
import { volumeClaimTemplate, volumeProps, type VolumeClaimTemplate } from "./volume-claim.ts";

/** The HelmRelease (and Helm release) name; the chart names its objects after it. */
export const KUBE_PROMETHEUS_STACK_RELEASE = "kube-prometheus-stack";

/** The Grafana Service the chart renders: `<release>-grafana` on port 80. */
export const GRAFANA_SERVICE = { name: `${KUBE_PROMETHEUS_STACK_RELEASE}-grafana`, port: 80 } as const;

/** Prometheus' `retentionSize` as the Prometheus CRD accepts it: `50GB`, `512MiB`, or `0`. */
const RETENTION_SIZE = /^(0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)$/;

/** The chart values this component sets (a typed subset of kube-prometheus-stack's values). */
export interface KubePrometheusStackValues {
  /** The prometheus-operator CRDs, a subchart whose crds/ folder Flux installs and upgrades. */
  readonly crds: { readonly enabled: boolean };
  /** Prometheus. */
  readonly prometheus: {
    readonly prometheusSpec: {
      readonly replicas: number;
      readonly retention: string;
      readonly retentionSize?: string;
      readonly scrapeInterval: string;
      readonly evaluationInterval: string;
      readonly externalLabels: Readonly<Record<string, string>>;
      readonly resources: ContainerResources;
      readonly storageSpec?: { readonly volumeClaimTemplate: VolumeClaimTemplate };
      readonly serviceMonitorSelectorNilUsesHelmValues: boolean;
      readonly serviceMonitorSelector: Readonly<Record<string, unknown>>;
      readonly serviceMonitorNamespaceSelector: Readonly<Record<string, unknown>>;
      readonly podMonitorSelectorNilUsesHelmValues: boolean;
      readonly podMonitorSelector: Readonly<Record<string, unknown>>;
      readonly podMonitorNamespaceSelector: Readonly<Record<string, unknown>>;
      readonly ruleSelectorNilUsesHelmValues: boolean;
      readonly ruleSelector: Readonly<Record<string, unknown>>;
      readonly ruleNamespaceSelector: Readonly<Record<string, unknown>>;
      readonly probeSelectorNilUsesHelmValues: boolean;
      readonly probeSelector: Readonly<Record<string, unknown>>;
      readonly probeNamespaceSelector: Readonly<Record<string, unknown>>;
      readonly scrapeConfigSelectorNilUsesHelmValues: boolean;
      readonly scrapeConfigSelector: Readonly<Record<string, unknown>>;
      readonly scrapeConfigNamespaceSelector: Readonly<Record<string, unknown>>;
    };
  };
  /** Alertmanager and its configuration file. */
  readonly alertmanager: {
    readonly enabled: boolean;
    readonly config?: AlertmanagerConfigFile;
    readonly alertmanagerSpec?: {
      readonly replicas: number;
      readonly retention: string;
      readonly secrets: readonly string[];
      readonly resources: ContainerResources;
      readonly storage?: { readonly volumeClaimTemplate: VolumeClaimTemplate };
    };
  };
  /** Grafana (a subchart). */
  readonly grafana: GrafanaValues;
  /** kube-state-metrics (a subchart); set to export Flux object metrics. */
  readonly "kube-state-metrics"?: FluxResourceMetricsValues;
}

/** The props of {@link kubePrometheusStack}. */
export const kubePrometheusStackProps = z
  .object({
    namespace: namespaceProp("monitoring", "the stack, its HelmRepository and HelmRelease"),
    version: chartVersionProp(KUBE_PROMETHEUS_STACK_CHART, `prometheus-operator ${KUBE_PROMETHEUS_STACK_CHART.appVersion}, the pinned CRDs`),
    crds: z
      .enum(["CreateReplace", "Create", "Skip"])
      .default("CreateReplace")
      .describe("What Flux does with the prometheus-operator CRDs on install and upgrade (install.crds, upgrade.crds). CreateReplace keeps them in step with the chart. Default: CreateReplace."),
    prometheus: z
      .object({
        retention: prometheusDuration().default("15d").describe("How long samples are kept. Default: 15d."),
        retentionSize: z.string().regex(RETENTION_SIZE, "expected a size such as 50GB or 512MiB").optional().describe("The most disk the samples may use, e.g. 45GB; the oldest go first. Default: no limit."),
        storage: volumeProps("each Pod's volume", "50Gi").optional().describe("A PersistentVolumeClaim per Prometheus Pod. Default: none (an emptyDir: data is lost with the Pod)."),
        replicas: z.number().int().min(1).default(1).describe("The number of Prometheus Pods (each scrapes everything). Default: 1."),
        scrapeInterval: prometheusDuration().default("30s").describe("The default scrape interval. Default: 30s."),
        evaluationInterval: prometheusDuration().default("30s").describe("How often rules are evaluated. Default: 30s."),
        externalLabels: stringMap.default({}).describe("Labels added to every series and alert leaving Prometheus, e.g. { cluster: production }. Default: none."),
        resources: resourcesProp({ cpu: "200m", memory: "1Gi", memoryLimit: "2Gi" }, "each Prometheus Pod"),
      })
      .strict()
      .prefault({})
      .describe("Prometheus: retention, storage and resources."),
    alertmanager: alertmanagerProps,
    grafana: grafanaProps.optional(),
    fluxResourceMetrics: z
      .boolean()
      .default(false)
      .describe("Whether kube-state-metrics also exports gotk_resource_info for the Flux objects, which fluxMonitoring()'s FluxReconciliationFailure alert reads. Default: false."),
    values: valuesProp("kube-prometheus-stack"),
  })
  .strict();

/** The input of {@link kubePrometheusStack}, with `values` typed by the chart values this component knows. */
export type KubePrometheusStackProps = Omit<z.input<typeof kubePrometheusStackProps>, "values"> & {
  /** Chart values merged last, over what the component sets. @default none */
  readonly values?: ValuesOverride<KubePrometheusStackValues>;
};

/**
 * Renders kube-prometheus-stack: in the controllers layer a Namespace, the
 * prometheus-community HelmRepository and a HelmRelease whose CRDs Flux
 * creates and replaces; in the configs layer, with `grafana.host`, a
 * Traefik IngressRoute (and, with `grafana.tls`, a cert-manager
 * Certificate).
 *
 * - Prometheus selects every ServiceMonitor, PodMonitor, Probe,
 *   ScrapeConfig and PrometheusRule of the cluster.
 * - Alertmanager routes by severity, namespace and alert name to Slack,
 *   webhook, PagerDuty or email receivers whose credentials are read from
 *   the files of `alertmanager.secretName`; Watchdog goes to `null`.
 * - Grafana, when `grafana` is given, logs its admin in from
 *   `grafana.adminSecret`; without it Grafana is not deployed.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function kubePrometheusStack(input: KubePrometheusStackProps = {}): Component {
  const props = parseProps(kubePrometheusStackProps, input, "kubePrometheusStack");
  const { namespace, prometheus, alertmanager } = props;
  const allNamespaces = {};
  const values: KubePrometheusStackValues = {
    crds: { enabled: true },
    prometheus: {
      prometheusSpec: {
        replicas: prometheus.replicas,
        retention: prometheus.retention,
        ...(prometheus.retentionSize === undefined ? {} : { retentionSize: prometheus.retentionSize }),
        scrapeInterval: prometheus.scrapeInterval,
        evaluationInterval: prometheus.evaluationInterval,
        externalLabels: prometheus.externalLabels,
        resources: prometheus.resources,
        ...(prometheus.storage === undefined ? {} : { storageSpec: { volumeClaimTemplate: volumeClaimTemplate(prometheus.storage) } }),
        serviceMonitorSelectorNilUsesHelmValues: false,
        serviceMonitorSelector: {},
        serviceMonitorNamespaceSelector: allNamespaces,
        podMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelector: {},
        podMonitorNamespaceSelector: allNamespaces,
        ruleSelectorNilUsesHelmValues: false,
        ruleSelector: {},
        ruleNamespaceSelector: allNamespaces,
        probeSelectorNilUsesHelmValues: false,
        probeSelector: {},
        probeNamespaceSelector: allNamespaces,
        scrapeConfigSelectorNilUsesHelmValues: false,
        scrapeConfigSelector: {},
        scrapeConfigNamespaceSelector: allNamespaces,
      },
    },
    alertmanager: alertmanager.enabled
      ? {
          enabled: true,
          config: alertmanagerConfig(alertmanager),
          alertmanagerSpec: {
            replicas: alertmanager.replicas,
            retention: alertmanager.retention,
            secrets: alertmanager.secretName === undefined ? [] : [alertmanager.secretName],
            resources: alertmanager.resources,
            ...(alertmanager.storage === undefined ? {} : { storage: { volumeClaimTemplate: volumeClaimTemplate(alertmanager.storage) } }),
          },
        }
      : { enabled: false },
    grafana: grafanaValues(props.grafana),
    ...(props.fluxResourceMetrics ? { "kube-state-metrics": fluxResourceMetricsValues() } : {}),
  };
  return {
    name: "kube-prometheus-stack",
    controllers: helmChart<KubePrometheusStackValues>({
      name: KUBE_PROMETHEUS_STACK_RELEASE,
      namespace,
      chart: KUBE_PROMETHEUS_STACK_CHART,
      version: props.version,
      source: "prometheus-community",
      timeout: "10m",
      install: { crds: props.crds },
      upgrade: { crds: props.crds },
      values,
      overrides: props.values,
    }),
    configs: grafanaRouteObjects(props.grafana, { ...GRAFANA_SERVICE, namespace }),
  };
}
