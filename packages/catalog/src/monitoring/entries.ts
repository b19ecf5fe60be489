/**
 * Catalog entries of the monitoring helpers.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { podMonitorProps, prometheusRuleProps, serviceMonitorProps } from "./monitors.ts";

/** The monitoring helpers on the catalog page. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "serviceMonitor",
    group: "observability",
    summary: "A ServiceMonitor that has the prometheus-operator scrape one named port of the selected Services. Components take a `metrics` prop and render it through this helper.",
    props: serviceMonitorProps,
    example: `serviceMonitor({ name: "vault", namespace: "vault", selector: { "app.kubernetes.io/name": "vault" }, port: "http", path: "/v1/sys/metrics" })`,
  },
  {
    name: "podMonitor",
    group: "observability",
    summary: "A PodMonitor for workloads whose metrics port has no Service.",
    props: podMonitorProps,
    example: `podMonitor({ name: "cloudflared", namespace: "cloudflared", selector: { app: "cloudflared" }, port: "metrics" })`,
  },
  {
    name: "prometheusRule",
    group: "observability",
    summary: "A PrometheusRule of alerting rules, each with a severity label that Alertmanager routes on and a summary annotation.",
    props: prometheusRuleProps,
    example: `prometheusRule({ name: "vault", namespace: "vault", groups: [{ name: "vault", rules: [{ alert: "VaultSealed", expr: "vault_core_unsealed == 0", severity: "critical", summary: "Vault is sealed" }] }] })`,
  },
];
