/**
 * ServiceMonitor, PodMonitor and PrometheusRule helpers: how a component
 * asks the prometheus-operator (kube-prometheus-stack) to scrape its
 * metrics and evaluate its alerts.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { z } from "zod";
import { prometheusDuration } from "../shared/duration.ts";
import { stringMap } from "../shared/string-map.ts";
import type { Metrics } from "../wiring.ts";

/** The props of {@link serviceMonitor}. */
export const serviceMonitorProps = z
  .object({
    name: objectName().describe("The ServiceMonitor's name."),
    namespace: namespaceName().describe("The namespace of the ServiceMonitor and of the Services it selects."),
    selector: stringMap.describe("The labels of the Services to scrape."),
    port: z.string().min(1).describe("The name of the Service port that serves metrics."),
    path: z.string().startsWith("/").default("/metrics").describe("The HTTP path of the metrics. Default: /metrics."),
    scheme: z.enum(["http", "https"]).default("http").describe("The scheme of the metrics endpoint. Default: http."),
    interval: prometheusDuration().default("30s").describe("How often Prometheus scrapes. Default: 30s."),
    labels: stringMap.default({}).describe("Labels on the ServiceMonitor itself. Default: none."),
  })
  .strict();

/** The input of {@link serviceMonitor}. */
export type ServiceMonitorInput = z.input<typeof serviceMonitorProps>;

/**
 * A ServiceMonitor that scrapes one named port of the selected Services.
 *
 * @throws {UserError} naming every invalid prop.
 */
export function serviceMonitor(input: ServiceMonitorInput): ServiceMonitor {
  const props = parseProps(serviceMonitorProps, input, "serviceMonitor");
  return new ServiceMonitor({
    metadata: { name: props.name, namespace: props.namespace, ...(Object.keys(props.labels).length > 0 ? { labels: props.labels } : {}) },
    spec: {
      selector: { matchLabels: props.selector },
      namespaceSelector: { matchNames: [props.namespace] },
      endpoints: [{ port: props.port, path: props.path, scheme: props.scheme === "https" ? "HTTPS" : "HTTP", interval: props.interval }],
    },
  });
}

/** The props of {@link podMonitor}. */
export const podMonitorProps = serviceMonitorProps
  .omit({ selector: true, scheme: true })
  .extend({ selector: stringMap.describe("The labels of the Pods to scrape.") })
  .strict();

/** The input of {@link podMonitor}. */
export type PodMonitorInput = z.input<typeof podMonitorProps>;

/**
 * A PodMonitor that scrapes one named container port of the selected Pods,
 * for workloads that have no metrics Service.
 *
 * @throws {UserError} naming every invalid prop.
 */
export function podMonitor(input: PodMonitorInput): PodMonitor {
  const props = parseProps(podMonitorProps, input, "podMonitor");
  return new PodMonitor({
    metadata: { name: props.name, namespace: props.namespace, ...(Object.keys(props.labels).length > 0 ? { labels: props.labels } : {}) },
    spec: {
      selector: { matchLabels: props.selector },
      namespaceSelector: { matchNames: [props.namespace] },
      podMetricsEndpoints: [{ port: props.port, path: props.path, interval: props.interval }],
    },
  });
}

/** One alerting rule. */
const alertRule = z
  .object({
    alert: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "expected an alert name such as VaultSealed").describe("The alert's name."),
    expr: z.string().min(1).describe("The PromQL expression; the alert fires while it returns series."),
    for: prometheusDuration().default("5m").describe("How long the expression must hold before the alert fires. Default: 5m."),
    severity: z.enum(["critical", "warning", "info"]).default("warning").describe("The severity label Alertmanager routes on. Default: warning."),
    summary: z.string().min(1).describe("A one-line summary (annotation `summary`)."),
    description: z.string().optional().describe("A longer description (annotation `description`). Default: none."),
  })
  .strict();

/** The props of {@link prometheusRule}. */
export const prometheusRuleProps = z
  .object({
    name: objectName().describe("The PrometheusRule's name."),
    namespace: namespaceName().describe("The PrometheusRule's namespace."),
    groups: z
      .array(z.object({ name: z.string().min(1).describe("The rule group's name."), rules: z.array(alertRule).min(1).describe("The group's alerting rules.") }).strict())
      .min(1)
      .describe("The rule groups."),
    labels: stringMap.default({}).describe("Labels on the PrometheusRule itself. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const seen = new Set<string>();
    props.groups.forEach((group, index) => {
      // Prometheus refuses a rule file with two groups of one name, and the operator with it.
      if (seen.has(group.name)) ctx.addIssue({ code: "custom", path: ["groups", index, "name"], message: `group "${group.name}" is defined twice; group names must be unique` });
      seen.add(group.name);
    });
  });

/** The input of {@link prometheusRule}. */
export type PrometheusRuleInput = z.input<typeof prometheusRuleProps>;

/**
 * A PrometheusRule of alerting rules, each with a severity label and a
 * summary annotation.
 *
 * @throws {UserError} naming every invalid prop.
 */
export function prometheusRule(input: PrometheusRuleInput): PrometheusRule {
  const props = parseProps(prometheusRuleProps, input, "prometheusRule");
  return new PrometheusRule({
    metadata: { name: props.name, namespace: props.namespace, ...(Object.keys(props.labels).length > 0 ? { labels: props.labels } : {}) },
    spec: {
      groups: props.groups.map((group) => ({
        name: group.name,
        rules: group.rules.map((rule) => ({
          alert: rule.alert,
          expr: rule.expr,
          for: rule.for,
          labels: { severity: rule.severity },
          annotations: { summary: rule.summary, ...(rule.description === undefined ? {} : { description: rule.description }) },
        })),
      })),
    },
  });
}

/**
 * The ServiceMonitor of a component's metrics prop, or none when metrics
 * are off: the one-line way for a component to honour `metrics`.
 */
export function monitorsFor(metrics: Metrics | undefined, target: Omit<ServiceMonitorInput, "interval" | "labels">): ServiceMonitor[] {
  if (metrics === undefined || !metrics.enabled) return [];
  return [serviceMonitor({ ...target, interval: metrics.interval, labels: metrics.labels })];
}
