/**
 * Alerts on the External Secrets Operator's own metrics. The catalog's
 * externalSecretsOperator() renders the ServiceMonitors; what a failed sync
 * means for this platform (an app starting without its Secret, a rotated
 * value in Vault that never reaches the pods) is the platform's call, so
 * the rules live here.
 */
import { prometheusRule } from "@typed-gitops/catalog";

/** The PrometheusRule `external-secrets` in the operator's namespace. */
export function externalSecretsAlerts(namespace: string): ReturnType<typeof prometheusRule> {
  return prometheusRule({
    name: "external-secrets",
    namespace,
    groups: [
      {
        name: "external-secrets",
        rules: [
          {
            alert: "ExternalSecretNotSynced",
            expr: 'externalsecret_status_condition{condition="Ready", status="False"} == 1',
            for: "15m",
            severity: "critical",
            summary: "An ExternalSecret cannot be synced from Vault.",
            description:
              "{{ $labels.namespace }}/{{ $labels.name }} is not Ready: the Secret keeps its last value (or does not exist yet). Check that Vault is unsealed, that the key exists under secret/ and that the external-secrets policy may read it.",
          },
          {
            alert: "ExternalSecretSyncErrors",
            expr: "sum by (namespace, name) (increase(externalsecret_sync_calls_error[15m])) > 0",
            for: "15m",
            severity: "warning",
            summary: "An ExternalSecret keeps failing to sync.",
            description: "{{ $labels.namespace }}/{{ $labels.name }} failed syncs for 15 minutes; see `kubectl describe externalsecret`.",
          },
          {
            alert: "ExternalSecretsOperatorDown",
            expr: `absent(up{namespace="${namespace}", job="external-secrets-metrics"} == 1)`,
            for: "10m",
            severity: "critical",
            summary: "The External Secrets controller is not scraped.",
            description: "No Secret is refreshed from Vault while the controller is down; rotated values do not reach the apps.",
          },
        ],
      },
    ],
  });
}
