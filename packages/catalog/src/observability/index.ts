/**
 * Catalog section: observability. Exports this section's components.
 */
export { kubePrometheusStack, kubePrometheusStackProps, KUBE_PROMETHEUS_STACK_RELEASE, GRAFANA_SERVICE } from "./kube-prometheus-stack.ts";
export type { KubePrometheusStackProps, KubePrometheusStackValues } from "./kube-prometheus-stack.ts";
export { alertmanagerProps, receiverSchema, routeSchema, ALERTMANAGER_SECRETS_DIR, NULL_RECEIVER } from "./alertmanager-config.ts";
export type { AlertmanagerConfigFile, ReceiverInput, RouteInput } from "./alertmanager-config.ts";
export { grafanaProps } from "./grafana.ts";
export { fluxMonitoring, fluxMonitoringProps, fluxResourceMetricsValues, FLUX_POD_SELECTOR, FLUX_METRICS_PORT } from "./flux-monitoring.ts";
export type { FluxMonitoringProps } from "./flux-monitoring.ts";
