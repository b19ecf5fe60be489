/**
 * Metrics and alerting: kube-prometheus-stack (Prometheus selecting every
 * ServiceMonitor, PodMonitor and PrometheusRule of the cluster, Alertmanager
 * routing by severity and team, Grafana) and Flux's own monitoring. The
 * receivers' webhook URLs and keys, and Grafana's admin login, are
 * SOPS-encrypted Secrets in the stack's namespace, placed beside its
 * HelmRelease: Flux decrypts them in the same layer, before the release
 * starts the pods that mount them.
 */
import { fluxMonitoring, kubePrometheusStack, type Component, type IssuerRef } from "@typed-gitops/catalog";
import type { ApiObject } from "@typed-gitops/lib";

/** The namespace of the stack. */
export const MONITORING_NAMESPACE = "monitoring";

/** The Secret with the receivers' credentials, and its keys. */
export const ALERTMANAGER_SECRET = {
  name: "alertmanager-receivers",
  keys: { platformSlack: "slack-platform-url", eventsSlack: "slack-events-url", pagerduty: "pagerduty-routing-key" },
} as const;

/** The Secret with Grafana's admin login (keys `admin-user`, `admin-password`). */
export const GRAFANA_ADMIN_SECRET = "grafana-admin";

/** What {@link observability} needs from the cluster. */
export interface ObservabilityProps {
  /** The label every series and alert leaving Prometheus carries. */
  readonly clusterLabel: string;
  /** The StorageClass of Prometheus' and Alertmanager's volumes. */
  readonly storageClass: string;
  /** The namespaces of the event pipeline's team (its services and Kafka). */
  readonly eventNamespaces: readonly string[];
  /** Grafana's public host, and the issuer of its certificate. */
  readonly grafana: { readonly host: string; readonly issuer: IssuerRef };
  /** The SOPS Secrets {@link ALERTMANAGER_SECRET} and {@link GRAFANA_ADMIN_SECRET}. */
  readonly secrets: { readonly alertmanager: ApiObject; readonly grafanaAdmin: ApiObject };
}

/**
 * kube-prometheus-stack and Flux monitoring. Alertmanager routes:
 *
 * 1. every critical alert pages the on-call (PagerDuty), and goes on to the
 *    routes below;
 * 2. alerts of the event pipeline's namespaces go to the team's Slack channel;
 * 3. everything else goes to the platform channel.
 */
export function observability(props: ObservabilityProps): Component[] {
  const stack = kubePrometheusStack({
    prometheus: {
      retention: "15d",
      retentionSize: "18GB",
      storage: { size: "20Gi", storageClassName: props.storageClass },
      externalLabels: { cluster: props.clusterLabel },
    },
    alertmanager: {
      secretName: ALERTMANAGER_SECRET.name,
      receivers: [
        { type: "pagerduty", name: "on-call", routingKeyKey: ALERTMANAGER_SECRET.keys.pagerduty },
        { type: "slack", name: "events-team", urlKey: ALERTMANAGER_SECRET.keys.eventsSlack, channel: "#events-alerts" },
        { type: "slack", name: "platform", urlKey: ALERTMANAGER_SECRET.keys.platformSlack, channel: "#platform-alerts" },
      ],
      routes: [
        { receiver: "on-call", severity: ["critical"], continue: true, repeatInterval: "1h" },
        { receiver: "events-team", namespaces: [...props.eventNamespaces], groupBy: ["namespace", "alertname"] },
        { receiver: "platform", severity: ["critical", "warning"] },
      ],
      defaultReceiver: "platform",
      storage: { size: "1Gi", storageClassName: props.storageClass },
    },
    grafana: {
      adminSecret: { name: GRAFANA_ADMIN_SECRET },
      host: props.grafana.host,
      tls: props.grafana.issuer,
      persistence: { size: "2Gi", storageClassName: props.storageClass },
    },
    fluxResourceMetrics: true,
  });
  const flux = fluxMonitoring({ alerts: { failingFor: "15m", severity: "warning" } });
  return [{ ...stack, controllers: [...(stack.controllers ?? []), props.secrets.alertmanager, props.secrets.grafanaAdmin] }, flux];
}
