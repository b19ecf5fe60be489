/**
 * Traefik as a component: the controllers (namespace, chart repository and
 * a HelmRelease of the Traefik chart with its CRDs) and, as configs, the
 * default TLSOption, the dashboard behind authentication with its
 * certificate, and a ServiceMonitor for its metrics.
 */
import { GatewayClass } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GatewayClass";
import { objectName, parseProps, type ApiObject } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { hostName } from "../shared/host-name.ts";
import { stringMap } from "../shared/string-map.ts";
import { TRAEFIK_CHART } from "../versions.ts";
import { issuerRefSchema, metricsSchema, middlewareRefSchema } from "../wiring.ts";
import { ingressRoute } from "./ingress-route.ts";
import { middleware } from "./middleware.ts";
import { tlsOption, tlsOptionProps } from "./tls-option.ts";

/** The GatewayClass controller name of Traefik's Gateway API provider. */
export const TRAEFIK_GATEWAY_CONTROLLER = "traefik.io/gateway-controller";

/** The container ports of Traefik's entrypoints, which Gateway listeners must use. */
export const TRAEFIK_ENTRYPOINT_PORTS = { web: 8000, websecure: 8443 } as const;

/** One entrypoint's port values this component sets. */
interface TraefikPortValues {
  readonly http?: { readonly redirections?: { readonly entryPoint?: { readonly to: string; readonly scheme: string; readonly permanent: boolean } }; readonly [key: string]: unknown };
  readonly forwardedHeaders?: { readonly trustedIPs?: readonly string[]; readonly insecure?: boolean };
  readonly [key: string]: unknown;
}

/** The chart values this component sets (chart 41.x syntax); other keys of the chart are accepted as they are. */
export interface TraefikValues {
  /** Replicas of the Deployment. */
  readonly deployment?: { readonly replicas?: number; readonly [key: string]: unknown };
  /** The PodDisruptionBudget. */
  readonly podDisruptionBudget?: { readonly enabled?: boolean; readonly maxUnavailable?: number | string; readonly minAvailable?: number | string };
  /** The IngressClass the chart creates. */
  readonly ingressClass?: { readonly enabled?: boolean; readonly isDefaultClass?: boolean; readonly name?: string };
  /** The providers: IngressRoute CRDs, Ingress, Gateway API. */
  readonly providers?: {
    readonly kubernetesCRD?: { readonly enabled?: boolean; readonly allowCrossNamespace?: boolean; readonly [key: string]: unknown };
    readonly kubernetesIngress?: { readonly enabled?: boolean; readonly [key: string]: unknown };
    readonly kubernetesGateway?: { readonly enabled?: boolean; readonly [key: string]: unknown };
    readonly [key: string]: unknown;
  };
  /** The chart's own Gateway (off: Gateways come from `gateway()`). */
  readonly gateway?: { readonly enabled?: boolean; readonly [key: string]: unknown };
  /** The chart's own GatewayClass (off: the component renders it). */
  readonly gatewayClass?: { readonly enabled?: boolean; readonly [key: string]: unknown };
  /** The entrypoints. */
  readonly ports?: { readonly web?: TraefikPortValues; readonly websecure?: TraefikPortValues; readonly [key: string]: unknown };
  /** The Service in front of Traefik. */
  readonly service?: { readonly annotations?: Readonly<Record<string, string>>; readonly spec?: { readonly type?: string; readonly externalTrafficPolicy?: string; readonly loadBalancerSourceRanges?: readonly string[]; readonly [key: string]: unknown }; readonly [key: string]: unknown };
  /** Traefik's log. */
  readonly log?: { readonly level?: string; readonly format?: string; readonly [key: string]: unknown };
  /** Access logs. */
  readonly accessLog?: { readonly enabled?: boolean; readonly format?: string; readonly [key: string]: unknown };
  /** Metrics: the Prometheus endpoint and its Service. */
  readonly metrics?: { readonly prometheus?: { readonly service?: { readonly enabled?: boolean }; readonly serviceMonitor?: { readonly enabled?: boolean }; readonly [key: string]: unknown }; readonly [key: string]: unknown };
  /** Any other value of the chart. */
  readonly [key: string]: unknown;
}

/** An IPv4 or IPv6 CIDR range. */
const CIDR = /^([0-9]{1,3}\.){3}[0-9]{1,3}\/([0-9]|[12][0-9]|3[0-2])$|^[0-9a-fA-F:]+\/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$/;
const cidrs = (what: string) => z.array(z.string().regex(CIDR, "expected a CIDR range such as 10.0.0.0/8")).default([]).describe(what);

const dashboardSchema = z
  .object({
    host: hostName().describe("The dashboard's host name, e.g. traefik.example.org."),
    issuer: issuerRefSchema.describe("The cert-manager issuer of the dashboard's certificate, e.g. certManagerIssuers.production."),
    auth: z
      .object({
        middleware: middlewareRefSchema.optional().describe("A Middleware that authenticates, e.g. Authentik's forwardAuth { name, namespace }. Default: none (give it or basicAuthSecret)."),
        basicAuthSecret: objectName().optional().describe("A Secret in Traefik's namespace with htpasswd lines under `users` (created by you): renders a basicAuth Middleware. Default: none (give it or middleware)."),
      })
      .strict()
      .superRefine((value, ctx) => {
        const given = [value.middleware, value.basicAuthSecret].filter((part) => part !== undefined).length;
        if (given !== 1) ctx.addIssue({ code: "custom", message: given === 0 ? "give one of middleware or basicAuthSecret: the dashboard is never exposed without authentication" : "middleware and basicAuthSecret cannot be given together: give one of them" });
      })
      .describe("How dashboard users authenticate: one of middleware or basicAuthSecret."),
  })
  .strict()
  .describe("The dashboard on its own host over HTTPS, behind authentication, with a cert-manager certificate. Default: not exposed.");

/** The props of {@link traefik}. */
export const traefikProps = z
  .object({
    namespace: namespaceProp("traefik", "Traefik, its HelmRepository, HelmRelease and configs"),
    version: chartVersionProp(TRAEFIK_CHART, `Traefik ${TRAEFIK_CHART.appVersion}`),
    replicas: z.number().int().min(1).max(20).default(1).describe("Replicas of the Traefik Deployment. Default: 1."),
    podDisruptionBudget: z.boolean().optional().describe("Whether a PodDisruptionBudget (maxUnavailable 1) protects Traefik from drains. Default: on when replicas > 1."),
    service: z
      .object({
        type: z.enum(["LoadBalancer", "NodePort", "ClusterIP"]).default("LoadBalancer").describe("The Service type in front of Traefik. Default: LoadBalancer."),
        annotations: stringMap.default({}).describe("Annotations of the Service, e.g. for MetalLB or a cloud load balancer. Default: none."),
        externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional().describe("Local keeps client source IPs (LoadBalancer, NodePort). Default: Kubernetes' Cluster."),
        loadBalancerSourceRanges: cidrs("The client CIDR ranges the load balancer admits. Default: all."),
      })
      .strict()
      .prefault({})
      .describe("The Service that exposes the web (80) and websecure (443) entrypoints. Default: a LoadBalancer without annotations."),
    redirectToHttps: z.boolean().default(true).describe("Whether the web entrypoint (80) permanently redirects every request to websecure (443). Default: true."),
    forwardedHeadersTrustedIPs: cidrs("Proxies (CIDR ranges) whose X-Forwarded-* headers Traefik trusts, e.g. a CDN or an external load balancer. Default: none."),
    ingressClass: z
      .object({
        name: objectName().default("traefik").describe("The IngressClass's name. Default: traefik."),
        default: z.boolean().default(true).describe("Whether it is the cluster's default IngressClass. Default: true."),
      })
      .strict()
      .prefault({})
      .describe("The IngressClass of the Kubernetes Ingress provider. Default: traefik, the cluster default."),
    providers: z
      .object({
        kubernetesIngress: z.boolean().default(true).describe("Whether Traefik serves Kubernetes Ingress objects (and creates its IngressClass). Default: true."),
        allowCrossNamespace: z.boolean().default(true).describe("Whether IngressRoutes may use Middlewares and Services of other namespaces, as shared middlewares such as Authentik's forwardAuth need. Default: true."),
        gatewayApi: z.boolean().default(false).describe("Whether Traefik serves Gateway API routes; renders the GatewayClass `traefik` (the Gateway API CRDs must be installed). Default: false."),
      })
      .strict()
      .prefault({})
      .describe("What Traefik routes: IngressRoute CRDs (always), Ingress, Gateway API. Default: IngressRoutes across namespaces and Ingresses."),
    logLevel: z.enum(["TRACE", "DEBUG", "INFO", "WARN", "ERROR"]).default("INFO").describe("Traefik's log level. Default: INFO."),
    accessLogs: z
      .object({
        enabled: z.boolean().default(true).describe("Whether every request is logged. Default: true."),
        format: z.enum(["json", "common"]).default("json").describe("json (for log pipelines) or common (CLF). Default: json."),
      })
      .strict()
      .prefault({})
      .describe("Access logs on standard output. Default: on, as JSON."),
    tls: tlsOptionProps
      .omit({ name: true, namespace: true })
      .prefault({})
      .describe("The default TLSOption of every route. Default: TLS 1.2+ with forward-secret AEAD ciphers, SNI not enforced."),
    metrics: metricsSchema.optional(),
    dashboard: dashboardSchema.optional(),
    values: valuesProp("traefik"),
  })
  .strict()
  .superRefine((props, ctx) => {
    const auth = props.dashboard?.auth.middleware;
    if (auth !== undefined && auth.namespace !== props.namespace && !props.providers.allowCrossNamespace) {
      ctx.addIssue({ code: "custom", path: ["dashboard", "auth", "middleware"], message: `is in namespace ${auth.namespace}, which the dashboard (in ${props.namespace}) may use only with providers.allowCrossNamespace` });
    }
  });

/** The input of {@link traefik}, with `values` typed by the chart. */
export type TraefikProps = Omit<z.input<typeof traefikProps>, "values"> & {
  /** Chart values merged last, over what the component sets. @default none */
  readonly values?: TraefikValues;
};

/**
 * Renders Traefik: a Namespace, the Traefik HelmRepository and a
 * HelmRelease with its CRDs (controllers layer); the default TLSOption,
 * the GatewayClass with `providers.gatewayApi`, the dashboard with
 * `dashboard` and a ServiceMonitor with `metrics` (configs layer).
 *
 * @example
 * traefik({ replicas: 2, dashboard: { host: "traefik.example.org", issuer: certManagerIssuers.production, auth: { middleware: { name: "authentik", namespace: "authentik" } } }, metrics: {} });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function traefik(input: TraefikProps = {}): Component {
  const props = parseProps(traefikProps, input, "traefik");
  const { namespace } = props;
  const pdb = props.podDisruptionBudget ?? props.replicas > 1;
  const trusted = props.forwardedHeadersTrustedIPs.length > 0 ? { forwardedHeaders: { trustedIPs: props.forwardedHeadersTrustedIPs } } : {};
  const metricsOn = props.metrics?.enabled === true;
  const values: TraefikValues = {
    deployment: { replicas: props.replicas },
    podDisruptionBudget: pdb ? { enabled: true, maxUnavailable: 1 } : { enabled: false },
    ingressClass: { enabled: props.providers.kubernetesIngress, isDefaultClass: props.ingressClass.default, name: props.ingressClass.name },
    providers: {
      kubernetesCRD: { enabled: true, allowCrossNamespace: props.providers.allowCrossNamespace },
      kubernetesIngress: { enabled: props.providers.kubernetesIngress },
      kubernetesGateway: { enabled: props.providers.gatewayApi },
    },
    gateway: { enabled: false },
    gatewayClass: { enabled: false },
    ports: {
      web: { ...(props.redirectToHttps ? { http: { redirections: { entryPoint: { to: "websecure", scheme: "https", permanent: true } } } } : {}), ...trusted },
      ...(props.forwardedHeadersTrustedIPs.length > 0 ? { websecure: trusted } : {}),
    },
    service: {
      annotations: props.service.annotations,
      spec: {
        type: props.service.type,
        ...(props.service.externalTrafficPolicy === undefined ? {} : { externalTrafficPolicy: props.service.externalTrafficPolicy }),
        ...(props.service.loadBalancerSourceRanges.length > 0 ? { loadBalancerSourceRanges: props.service.loadBalancerSourceRanges } : {}),
      },
    },
    log: { level: props.logLevel },
    accessLog: { enabled: props.accessLogs.enabled, format: props.accessLogs.format },
    metrics: { prometheus: { service: { enabled: metricsOn }, serviceMonitor: { enabled: false } } },
  };
  const controllers = helmChart<TraefikValues>({
    name: "traefik",
    namespace,
    chart: TRAEFIK_CHART,
    version: props.version,
    source: "traefik",
    values,
    overrides: input.values,
  });
  const configs: ApiObject[] = [tlsOption({ name: "default", namespace, ...props.tls })];
  if (props.providers.gatewayApi) configs.push(new GatewayClass({ metadata: { name: "traefik" }, spec: { controllerName: TRAEFIK_GATEWAY_CONTROLLER } }));
  if (props.dashboard !== undefined && input.dashboard !== undefined) configs.push(...dashboardObjects(namespace, props.dashboard, input.dashboard.issuer));
  configs.push(
    ...monitorsFor(props.metrics, {
      name: "traefik",
      namespace,
      selector: { "app.kubernetes.io/name": "traefik", "app.kubernetes.io/instance": `traefik-${namespace}`, "app.kubernetes.io/component": "metrics" },
      port: "metrics",
    }),
  );
  return { name: "traefik", controllers, configs };
}

/** The dashboard's IngressRoute, Certificate and, for basic auth, its Middleware. */
function dashboardObjects(namespace: string, dashboard: z.output<typeof dashboardSchema>, issuer: unknown): ApiObject[] {
  const objects: ApiObject[] = [];
  let auth = dashboard.auth.middleware;
  if (dashboard.auth.basicAuthSecret !== undefined) {
    auth = { name: "traefik-dashboard-auth", namespace };
    objects.push(middleware({ name: auth.name, namespace, basicAuth: { secretName: dashboard.auth.basicAuthSecret, realm: "traefik-dashboard" } }));
  }
  objects.push(
    ...ingressRoute({
      name: "traefik-dashboard",
      namespace,
      hosts: [dashboard.host],
      routes: [{ match: `Host(\`${dashboard.host}\`) && (PathPrefix(\`/dashboard\`) || PathPrefix(\`/api\`))`, services: [{ name: "api@internal", kind: "TraefikService" }] }],
      middlewares: auth === undefined ? [] : [auth],
      // The input's issuer ref, not the parsed copy: it may know its solvers.
      tls: { issuer: issuer as z.input<typeof issuerRefSchema> },
    }),
  );
  return objects;
}
