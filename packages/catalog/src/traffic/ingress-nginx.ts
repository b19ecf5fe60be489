/**
 * ingress-nginx as a component: the namespace, the chart repository and a
 * HelmRelease of the ingress-nginx chart (controllers layer), and a
 * ServiceMonitor for its metrics (configs layer). The project was retired
 * upstream in March 2026 (no further security fixes): prefer Traefik for
 * new clusters; this component serves clusters that still run it.
 */
import { objectName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { stringMap } from "../shared/string-map.ts";
import { INGRESS_NGINX_CHART } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";

/** The chart values this component sets; other keys of the chart are accepted as they are. */
export interface IngressNginxValues {
  /** The controller. */
  readonly controller?: {
    /** Replicas of the controller; above 1 the chart adds a PodDisruptionBudget (minAvailable 1). */
    readonly replicaCount?: number;
    /** The IngressClass resource the chart creates. */
    readonly ingressClassResource?: { readonly name?: string; readonly enabled?: boolean; readonly default?: boolean; readonly controllerValue?: string; readonly [key: string]: unknown };
    /** The class name the controller answers to. */
    readonly ingressClass?: string;
    /** The nginx ConfigMap settings (string values). */
    readonly config?: Readonly<Record<string, string>>;
    /** The Service in front of the controller. */
    readonly service?: { readonly type?: string; readonly annotations?: Readonly<Record<string, string>>; readonly externalTrafficPolicy?: string; readonly [key: string]: unknown };
    /** The validating admission webhook. */
    readonly admissionWebhooks?: { readonly enabled?: boolean; readonly [key: string]: unknown };
    /** The metrics endpoint and the chart's own monitors (off: the component renders its own ServiceMonitor). */
    readonly metrics?: { readonly enabled?: boolean; readonly serviceMonitor?: { readonly enabled?: boolean; readonly [key: string]: unknown }; readonly [key: string]: unknown };
    readonly [key: string]: unknown;
  };
  /** Any other value of the chart. */
  readonly [key: string]: unknown;
}

/** The props of {@link ingressNginx}. */
export const ingressNginxProps = z
  .object({
    namespace: namespaceProp("ingress-nginx", "the controller, its HelmRepository and HelmRelease"),
    version: chartVersionProp(INGRESS_NGINX_CHART, `controller ${INGRESS_NGINX_CHART.appVersion}`),
    replicas: z.number().int().min(1).max(20).default(1).describe("Replicas of the controller; above 1 the chart adds a PodDisruptionBudget. Default: 1."),
    service: z
      .object({
        type: z.enum(["LoadBalancer", "NodePort", "ClusterIP"]).default("LoadBalancer").describe("The Service type in front of the controller. Default: LoadBalancer."),
        annotations: stringMap.default({}).describe("Annotations of the Service, e.g. for MetalLB or a cloud load balancer. Default: none."),
        externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional().describe("Local keeps client source IPs. Default: Kubernetes' Cluster."),
      })
      .strict()
      .prefault({})
      .describe("The Service that exposes ports 80 and 443. Default: a LoadBalancer without annotations."),
    ingressClass: z
      .object({
        name: objectName().default("nginx").describe("The IngressClass's name, which Ingresses give as ingressClassName. Default: nginx."),
        default: z.boolean().default(false).describe("Whether it is the cluster's default IngressClass. Default: false."),
      })
      .strict()
      .prefault({})
      .describe("The IngressClass the controller serves. Default: nginx, not the cluster default."),
    config: z
      .object({
        useForwardedHeaders: z.boolean().default(false).describe("Whether X-Forwarded-* headers of clients are trusted (only behind a proxy that sets them). Default: false."),
        hsts: z.boolean().default(true).describe("Whether HTTPS responses carry Strict-Transport-Security. Default: true."),
        hstsMaxAge: z.number().int().min(0).default(31536000).describe("HSTS max-age in seconds. Default: 31536000 (one year)."),
        hstsIncludeSubdomains: z.boolean().default(true).describe("Whether HSTS covers subdomains. Default: true."),
        hstsPreload: z.boolean().default(false).describe("Whether HSTS asks for browser preloading. Default: false."),
        sslRedirect: z.boolean().default(true).describe("Whether HTTP requests to TLS hosts are redirected to HTTPS. Default: true."),
        extra: stringMap.default({}).describe("Other nginx ConfigMap settings by their ConfigMap key, e.g. { \"proxy-body-size\": \"16m\" }; they win over the fields above. Default: none."),
      })
      .strict()
      .prefault({})
      .describe("Settings of the controller's nginx ConfigMap. Default: HSTS and SSL redirect on, forwarded headers not trusted."),
    metrics: metricsSchema.optional(),
    values: valuesProp("ingress-nginx"),
  })
  .strict();

/** The input of {@link ingressNginx}, with `values` typed by the chart. */
export type IngressNginxProps = Omit<z.input<typeof ingressNginxProps>, "values"> & {
  /** Chart values merged last, over what the component sets. @default none */
  readonly values?: IngressNginxValues;
};

/**
 * Renders ingress-nginx: a Namespace, the chart's HelmRepository and a
 * HelmRelease with the admission webhooks on (controllers layer), and a
 * ServiceMonitor with `metrics` (configs layer).
 *
 * @example
 * ingressNginx({ replicas: 2, ingressClass: { default: true }, config: { useForwardedHeaders: true }, metrics: {} });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function ingressNginx(input: IngressNginxProps = {}): Component {
  const props = parseProps(ingressNginxProps, input, "ingressNginx");
  const { namespace, config } = props;
  const metricsOn = props.metrics?.enabled === true;
  const values: IngressNginxValues = {
    controller: {
      replicaCount: props.replicas,
      ingressClass: props.ingressClass.name,
      ingressClassResource: { name: props.ingressClass.name, enabled: true, default: props.ingressClass.default, controllerValue: "k8s.io/ingress-nginx" },
      config: {
        "use-forwarded-headers": String(config.useForwardedHeaders),
        hsts: String(config.hsts),
        "hsts-max-age": String(config.hstsMaxAge),
        "hsts-include-subdomains": String(config.hstsIncludeSubdomains),
        "hsts-preload": String(config.hstsPreload),
        "ssl-redirect": String(config.sslRedirect),
        ...config.extra,
      },
      service: {
        type: props.service.type,
        annotations: props.service.annotations,
        ...(props.service.externalTrafficPolicy === undefined ? {} : { externalTrafficPolicy: props.service.externalTrafficPolicy }),
      },
      admissionWebhooks: { enabled: true },
      metrics: { enabled: metricsOn, serviceMonitor: { enabled: false } },
    },
  };
  const controllers = helmChart<IngressNginxValues>({
    name: "ingress-nginx",
    namespace,
    chart: INGRESS_NGINX_CHART,
    version: props.version,
    source: "ingress-nginx",
    values,
    overrides: input.values,
  });
  const configs = monitorsFor(props.metrics, {
    name: "ingress-nginx",
    namespace,
    selector: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/component": "controller" },
    port: "metrics",
  });
  return { name: "ingress-nginx", controllers, configs };
}
