/**
 * Catalog entries of the observability section: kube-prometheus-stack and
 * the monitoring of Flux itself.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { KUBE_PROMETHEUS_STACK_CHART } from "../versions.ts";
import { fluxMonitoringProps } from "./flux-monitoring.ts";
import { kubePrometheusStackProps } from "./kube-prometheus-stack.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "kubePrometheusStack",
    group: "observability",
    summary:
      "The prometheus-operator (CRDs created and replaced by Flux), Prometheus, Alertmanager, kube-state-metrics and node-exporter from the kube-prometheus-stack chart (controllers layer). Prometheus selects every ServiceMonitor, PodMonitor, Probe, ScrapeConfig and PrometheusRule of the cluster (`*SelectorNilUsesHelmValues: false`), so components' `metrics` are scraped without a `release` label. Alertmanager routes by severity, namespace and alert name to Slack, webhook, PagerDuty or email receivers whose credentials are files of a Secret you name (never values); Watchdog goes to a `null` receiver. With `grafana`, Grafana logs its admin in from an existing Secret and, with a host, is served by a Traefik IngressRoute (configs layer) with a cert-manager Certificate and an optional Middleware.",
    props: kubePrometheusStackProps,
    example: `kubePrometheusStack({ prometheus: { retention: "30d", storage: { size: "50Gi" } }, alertmanager: { secretName: "alertmanager-receivers", receivers: [{ type: "slack", name: "platform", urlKey: "slack-url" }, { type: "pagerduty", name: "on-call", routingKeyKey: "pagerduty-key" }], routes: [{ receiver: "on-call", severity: ["critical"] }], defaultReceiver: "platform" }, grafana: { adminSecret: { name: "grafana-admin" }, host: "grafana.example.com", tls: { name: "letsencrypt-production" }, middleware: { name: "authentik", namespace: "authentik" } }, fluxResourceMetrics: true })`,
    pins: [`kube-prometheus-stack chart ${KUBE_PROMETHEUS_STACK_CHART.version} (prometheus-operator ${KUBE_PROMETHEUS_STACK_CHART.appVersion})`],
  },
  {
    name: "fluxMonitoring",
    group: "observability",
    summary:
      "Monitoring of Flux itself (configs layer): a PodMonitor scraping every Flux controller (`app.kubernetes.io/part-of: flux`, port `http-prom`) and a PrometheusRule alerting when a Flux object stays not Ready (`gotk_resource_info` from kube-state-metrics: enable `kubePrometheusStack({ fluxResourceMetrics: true })`), when a controller keeps returning reconcile errors, and when a controller is down.",
    props: fluxMonitoringProps,
    example: `fluxMonitoring({ alerts: { failingFor: "10m", severity: "critical" } })`,
  },
];
