/**
 * metrics-server as a component: the resource metrics API
 * (`metrics.k8s.io`) that `kubectl top`, the HorizontalPodAutoscaler and
 * the VPA recommender read.
 *
 * k3s ships its own metrics-server as a packaged AddOn: start k3s with
 * `--disable metrics-server` before installing this one, or the two fight
 * over the `v1beta1.metrics.k8s.io` APIService.
 */
import { parseProps } from "@typed-gitops/lib";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { z } from "zod";
import type { Component } from "../component.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { type ValuesOverride } from "../shared/merge-values.ts";
import { resourcesProp, type ContainerResources } from "../shared/resources.ts";
import { METRICS_SERVER_CHART } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";

/** The HelmRelease (and Helm release) name; the chart's objects are named after it. */
export const METRICS_SERVER_RELEASE = "metrics-server";

/** The chart values this component sets. */
export interface MetricsServerValues {
  /** The number of metrics-server Pods. */
  readonly replicas: number;
  /** Extra flags, after the chart's `defaultArgs`. */
  readonly args: readonly string[];
  /** The container's resources. */
  readonly resources: ContainerResources;
  /** A PodDisruptionBudget for the Pods. */
  readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable?: number };
  /** Whether `/metrics` is served without authentication (for Prometheus). */
  readonly metrics: { readonly enabled: boolean };
  /** The chart's own ServiceMonitor: off, the component renders one in the configs layer. */
  readonly serviceMonitor: { readonly enabled: boolean };
}

/** The props of {@link metricsServer}. */
export const metricsServerProps = z
  .object({
    namespace: namespaceProp("kube-system", "metrics-server, its HelmRepository and HelmRelease"),
    version: chartVersionProp(METRICS_SERVER_CHART, `metrics-server ${METRICS_SERVER_CHART.appVersion}`),
    replicas: z
      .number()
      .int()
      .min(1)
      .default(2)
      .describe("The number of Pods. With more than one, a PodDisruptionBudget keeps one available through node drains, so the metrics API (and with it every HPA) never goes away. Default: 2."),
    kubeletInsecureTls: z
      .boolean()
      .default(false)
      .describe(
        "Whether the kubelets' serving certificates are not verified (--kubelet-insecure-tls). Needed where kubelets serve self-signed certificates (k3s, kind, kubeadm without serverTLSBootstrap); prefer signed kubelet certificates where you can. Default: false.",
      ),
    resources: resourcesProp({ cpu: "100m", memory: "200Mi", memoryLimit: "400Mi" }, "each metrics-server Pod"),
    metrics: metricsSchema.optional(),
    values: valuesProp("metrics-server"),
  })
  .strict();

/** The input of {@link metricsServer}, with `values` typed by the chart values this component knows. */
export type MetricsServerProps = Omit<z.input<typeof metricsServerProps>, "values"> & {
  /** Chart values merged last, over what the component sets. @default none */
  readonly values?: ValuesOverride<MetricsServerValues>;
};

/**
 * Renders metrics-server: in the controllers layer the metrics-server
 * HelmRepository and a HelmRelease (no Namespace: it runs in kube-system
 * by default); with `metrics`, a ServiceMonitor in the configs layer that
 * scrapes the Pods' own `/metrics` over HTTPS (their certificate is
 * self-signed, so it is not verified).
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function metricsServer(input: MetricsServerProps = {}): Component {
  const props = parseProps(metricsServerProps, input, "metricsServer");
  const { namespace } = props;
  const scraped = props.metrics !== undefined && props.metrics.enabled;
  const values: MetricsServerValues = {
    replicas: props.replicas,
    args: props.kubeletInsecureTls ? ["--kubelet-insecure-tls"] : [],
    resources: props.resources,
    podDisruptionBudget: props.replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
    metrics: { enabled: scraped },
    serviceMonitor: { enabled: false },
  };
  const monitors =
    props.metrics !== undefined && props.metrics.enabled
      ? [
          new ServiceMonitor({
            metadata: { name: METRICS_SERVER_RELEASE, namespace, ...(Object.keys(props.metrics.labels).length > 0 ? { labels: props.metrics.labels } : {}) },
            spec: {
              selector: { matchLabels: { "app.kubernetes.io/name": "metrics-server", "app.kubernetes.io/instance": METRICS_SERVER_RELEASE } },
              namespaceSelector: { matchNames: [namespace] },
              endpoints: [{ port: "https", path: "/metrics", scheme: "https", tlsConfig: { insecureSkipVerify: true }, interval: props.metrics.interval }],
            },
          }),
        ]
      : [];
  return {
    name: "metrics-server",
    controllers: helmChart<MetricsServerValues>({
      name: METRICS_SERVER_RELEASE,
      namespace,
      createNamespace: false,
      chart: METRICS_SERVER_CHART,
      version: props.version,
      source: "metrics-server",
      values,
      overrides: props.values,
    }),
    ...(monitors.length > 0 ? { configs: monitors } : {}),
  };
}
