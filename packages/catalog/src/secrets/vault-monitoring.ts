/**
 * Vault's metrics for the prometheus-operator: a ServiceMonitor that
 * scrapes every pod's `/v1/sys/metrics?format=prometheus` through the
 * headless `vault-internal` Service (so standby and sealed pods are seen
 * too, not only the active one), and a PrometheusRule of the alerts an
 * operator must act on.
 */
import type { ApiObject } from "@typed-gitops/lib";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { prometheusRule } from "../monitoring/monitors.ts";
import type { VaultSettings } from "./vault.ts";
import { VAULT_RELEASE } from "./vault-config.ts";

/** The headless Service of every Vault pod, which the ServiceMonitor selects (and so Prometheus' `job` label). */
const INTERNAL_SERVICE = `${VAULT_RELEASE}-internal`;

/** The ServiceMonitor of the parsed props, or none when metrics are off. */
function vaultServiceMonitor(props: VaultSettings): ServiceMonitor[] {
  const { metrics, namespace, tls } = props;
  if (metrics === undefined || !metrics.enabled) return [];
  return [
    new ServiceMonitor({
      metadata: { name: VAULT_RELEASE, namespace, ...(Object.keys(metrics.labels).length > 0 ? { labels: metrics.labels } : {}) },
      spec: {
        selector: { matchLabels: { "app.kubernetes.io/name": "vault", "app.kubernetes.io/instance": VAULT_RELEASE, "vault-internal": "true" } },
        namespaceSelector: { matchNames: [namespace] },
        endpoints: [
          {
            // The chart names the API port of vault-internal after the scheme.
            port: tls === undefined ? "http" : "https",
            scheme: tls === undefined ? "HTTP" : "HTTPS",
            path: "/v1/sys/metrics",
            params: { format: ["prometheus"] },
            interval: metrics.interval,
            ...(tls === undefined ? {} : { tlsConfig: { ca: { secret: { name: tls.secretName, key: "ca.crt" } }, serverName: `${VAULT_RELEASE}.${namespace}.svc` } }),
          },
        ],
      },
    }),
  ];
}

/** The alerts of the parsed props, or none when metrics or alerts are off. */
function vaultAlerts(props: VaultSettings): ApiObject[] {
  const { metrics, namespace } = props;
  if (metrics === undefined || !metrics.enabled || !props.alerts) return [];
  const selector = `namespace="${namespace}"`;
  const rules = [
    {
      alert: "VaultSealed",
      expr: `vault_core_unsealed{${selector}} == 0`,
      for: "5m",
      severity: "critical" as const,
      summary: "A Vault pod is sealed.",
      description: `{{ $labels.pod }} in ${namespace} is sealed and serves no secrets; unseal it (vault operator unseal) or check its auto-unseal.`,
    },
    {
      alert: "VaultDown",
      expr: `up{${selector}, job="${INTERNAL_SERVICE}"} == 0`,
      for: "5m",
      severity: "critical" as const,
      summary: "Prometheus cannot scrape a Vault pod.",
      description: `{{ $labels.pod }} in ${namespace} does not answer /v1/sys/metrics: it is down, not ready or its listener is unreachable.`,
    },
    {
      alert: "VaultNoActiveNode",
      expr: `(sum(vault_core_active{${selector}}) or vector(0)) < 1`,
      for: "5m",
      severity: "critical" as const,
      summary: "The Vault cluster has no active node.",
      description: `No Vault pod in ${namespace} reports itself active: the HA cluster has no leader, so every request fails.`,
    },
    {
      alert: "VaultAuditLogFailures",
      expr: `sum(increase(vault_audit_log_request_failure{${selector}}[5m])) > 0`,
      for: "0m",
      severity: "critical" as const,
      summary: "Vault fails to write its audit log.",
      description: `Vault in ${namespace} refuses requests it cannot audit; check the audit volume's free space.`,
    },
  ];
  if (props.storage.type === "raft") {
    rules.push({
      alert: "VaultRaftUnhealthy",
      expr: `min(vault_autopilot_healthy{${selector}}) == 0`,
      for: "10m",
      severity: "critical" as const,
      summary: "Vault's Raft autopilot reports an unhealthy cluster.",
      description: `A Raft peer of Vault in ${namespace} is unhealthy or lagging; one more failure may lose the quorum.`,
    });
  }
  return [prometheusRule({ name: VAULT_RELEASE, namespace, labels: metrics.labels, groups: [{ name: "vault", rules }] })];
}

/** The ServiceMonitor and PrometheusRule of the parsed props (configs layer). */
export function vaultMonitoring(props: VaultSettings): ApiObject[] {
  return [...vaultServiceMonitor(props), ...vaultAlerts(props)];
}
