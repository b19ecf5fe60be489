/**
 * Istio as a component: the control plane from the upstream Helm charts
 * (istio-base with the CRDs, istiod after it) and an ingress gateway in its
 * own injected namespace, plus (configs layer) mesh-wide STRICT mutual TLS,
 * an optional mesh-wide default deny and the ServiceMonitor of istiod.
 */
import { helmRelease, namespaceName, parseProps, type ApiObject } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { mergeValues } from "../shared/merge-values.ts";
import { optionalResourcesSchema, type OptionalResources } from "../shared/resources.ts";
import { stringMap } from "../shared/string-map.ts";
import { ISTIO_BASE_CHART, ISTIO_CNI_CHART, ISTIO_GATEWAY_CHART, ISTIOD_CHART } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";
import { authorizationPolicy } from "./authorization-policy.ts";
import { DEFAULT_TRUST_DOMAIN, injectionLabels, ISTIO_INGRESS_GATEWAY, ISTIO_INGRESS_NAMESPACE, ISTIO_INGRESS_SELECTOR, ISTIO_NAMESPACE } from "./names.ts";
import { peerAuthentication } from "./peer-authentication.ts";
import { scalingFields } from "./scaling.ts";

/** The values of the base chart that this component sets. */
export interface IstioBaseValues {
  readonly defaultRevision?: string;
  readonly [key: string]: unknown;
}

/** The mesh configuration (istiod's `meshConfig`) that this component sets. */
export interface MeshConfigValues {
  readonly accessLogFile?: string;
  readonly accessLogEncoding?: "TEXT" | "JSON";
  readonly outboundTrafficPolicy?: { readonly mode: "ALLOW_ANY" | "REGISTRY_ONLY" };
  readonly enableTracing?: boolean;
  readonly enablePrometheusMerge?: boolean;
  readonly trustDomain?: string;
  readonly defaultConfig?: { readonly holdApplicationUntilProxyStarts?: boolean; readonly tracing?: { readonly sampling?: number }; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** The values of the istiod chart that this component sets. */
export interface IstiodValues {
  readonly revision?: string;
  readonly replicaCount?: number;
  readonly autoscaleEnabled?: boolean;
  readonly autoscaleMin?: number;
  readonly autoscaleMax?: number;
  readonly resources?: OptionalResources;
  readonly meshConfig?: MeshConfigValues;
  readonly global?: { readonly proxy?: { readonly resources?: OptionalResources; readonly [key: string]: unknown }; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** The values of the gateway chart that this component sets. */
export interface IstioGatewayValues {
  readonly revision?: string;
  readonly replicaCount?: number;
  readonly autoscaling?: { readonly enabled?: boolean; readonly minReplicas?: number; readonly maxReplicas?: number; readonly [key: string]: unknown };
  readonly resources?: OptionalResources;
  readonly service?: { readonly type?: string; readonly annotations?: Readonly<Record<string, string>>; readonly externalTrafficPolicy?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

const scaling = z
  .object({ ...scalingFields, resources: optionalResourcesSchema.optional().describe("CPU and memory. Default: the chart's.") })
  .strict()
  .superRefine((value, ctx) => {
    if (value.replicas !== undefined && value.autoscale !== undefined) ctx.addIssue({ code: "custom", path: ["autoscale"], message: "give replicas or autoscale, not both" });
  });

/** The props of {@link istio}. */
export const istioProps = z
  .object({
    namespace: namespaceProp(ISTIO_NAMESPACE, "istiod, the HelmRepository and the HelmReleases; also the mesh's root namespace, where mesh-wide policies live"),
    version: chartVersionProp(ISTIOD_CHART).describe(`The exact version of the base, istiod and gateway charts (they move together), no ranges. Default: ${ISTIOD_CHART.version}.`),
    revision: namespaceName()
      .optional()
      .describe("An istiod revision such as 1-30, for canary upgrades: names istiod-<revision>, and namespaces opt in with istio.io/rev: <revision>. Default: none (the default control plane, istio-injection: enabled)."),
    meshConfig: z
      .object({
        accessLogFile: z.string().startsWith("/").optional().describe("Where every sidecar writes access logs, e.g. /dev/stdout. Default: none (off)."),
        accessLogEncoding: z.enum(["TEXT", "JSON"]).default("TEXT").describe("The access log format. Default: TEXT."),
        outboundTrafficPolicy: z
          .enum(["ALLOW_ANY", "REGISTRY_ONLY"])
          .default("ALLOW_ANY")
          .describe("ALLOW_ANY lets workloads call any external host; REGISTRY_ONLY only hosts known to the mesh (Services and ServiceEntries). Default: ALLOW_ANY."),
        enableTracing: z.boolean().default(false).describe("Whether sidecars emit traces. Default: false."),
        tracingSampling: z.number().min(0).max(100).optional().describe("The share of requests traced, in percent (needs enableTracing). Default: Istio's (1)."),
        holdApplicationUntilProxyStarts: z
          .boolean()
          .default(true)
          .describe("Whether application containers start only once the sidecar is ready, so early requests do not fail. Default: true."),
        enablePrometheusMerge: z.boolean().default(true).describe("Whether the sidecar merges the application's Prometheus metrics with its own on one scrape endpoint. Default: true."),
        trustDomain: z.string().min(1).default(DEFAULT_TRUST_DOMAIN).describe(`The mesh's trust domain, the first part of every workload identity. Default: ${DEFAULT_TRUST_DOMAIN}.`),
      })
      .strict()
      .superRefine((mesh, ctx) => {
        if (mesh.tracingSampling !== undefined && !mesh.enableTracing) ctx.addIssue({ code: "custom", path: ["tracingSampling"], message: "needs enableTracing: true" });
      })
      .prefault({})
      .describe("The mesh configuration that istiod hands to every sidecar."),
    cni: z
      .boolean()
      .default(true)
      .describe(
        "Whether the Istio CNI node agent redirects injected pods' traffic (HelmRelease istio-cni, and istiod's pilot.cni.enabled). Without it every injected pod gets an istio-init container with NET_ADMIN and NET_RAW, which the restricted and baseline Pod Security Standards reject. Default: true.",
      ),
    pilot: scaling.prefault({}).describe("istiod's replicas (or autoscaling) and resources. Default: one replica, the chart's resources (500m CPU, 2Gi memory requested)."),
    proxy: z
      .object({ resources: optionalResourcesSchema.optional().describe("CPU and memory of each sidecar. Default: the chart's (100m/128Mi requested, 2 CPU/1Gi limit).") })
      .strict()
      .prefault({})
      .describe("The injected sidecars."),
    ingressGateway: z
      .object({
        enabled: z.boolean().default(true).describe("Whether the ingress gateway is installed. Default: true."),
        namespace: namespaceName().default(ISTIO_INGRESS_NAMESPACE).describe(`Its namespace, labelled for injection. Default: ${ISTIO_INGRESS_NAMESPACE}.`),
        service: z
          .object({
            type: z.enum(["LoadBalancer", "NodePort", "ClusterIP"]).default("LoadBalancer").describe("The Service type. Default: LoadBalancer."),
            annotations: stringMap.default({}).describe("Annotations on the Service, e.g. for a load-balancer controller. Default: none."),
            externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional().describe("Local keeps client source addresses. Default: Kubernetes' (Cluster)."),
          })
          .strict()
          .prefault({})
          .describe("The gateway's Service."),
        ...scalingFields,
        resources: optionalResourcesSchema.optional().describe("CPU and memory. Default: the chart's (100m/128Mi requested, 2 CPU/1Gi limit)."),
      })
      .strict()
      .superRefine((value, ctx) => {
        if (value.replicas !== undefined && value.autoscale !== undefined) ctx.addIssue({ code: "custom", path: ["autoscale"], message: "give replicas or autoscale, not both" });
      })
      .prefault({})
      .describe(`The ingress gateway (release ${ISTIO_INGRESS_GATEWAY}, pods labelled istio: ingressgateway), installed after istiod.`),
    mtls: z
      .enum(["STRICT", "PERMISSIVE"])
      .default("STRICT")
      .describe("The mesh-wide PeerAuthentication: STRICT accepts only mutual TLS between workloads; PERMISSIVE also plaintext, while migrating. Default: STRICT."),
    defaultDeny: z
      .boolean()
      .default(false)
      .describe("Whether a mesh-wide AuthorizationPolicy denies every request no ALLOW policy allows (the ingress gateway itself stays open). Default: false."),
    metrics: metricsSchema.optional(),
    values: z
      .object({
        base: valuesProp(ISTIO_BASE_CHART.chart),
        istiod: valuesProp(ISTIOD_CHART.chart),
        gateway: valuesProp(ISTIO_GATEWAY_CHART.chart),
      })
      .strict()
      .default({})
      .describe("More chart values, per chart, merged last. Default: none."),
  })
  .strict();

/** The input of {@link istio}; every field has a default. */
export type IstioProps = Omit<z.input<typeof istioProps>, "values"> & {
  /** More chart values, per chart, merged last. @default none */
  readonly values?: { readonly base?: IstioBaseValues; readonly istiod?: IstiodValues; readonly gateway?: IstioGatewayValues };
};

type Scaling = { readonly replicas?: number; readonly autoscale?: { readonly min: number; readonly max: number } };

/**
 * Renders Istio. Controllers: the `istio-system` Namespace, the Istio
 * HelmRepository, HelmReleases `istio-base`, `istio-cni` (the CNI node
 * agent, unless `cni: false`) and `istiod` (after both), and the `istio-ingress` Namespace (labelled for injection)
 * with the `istio-ingressgateway` HelmRelease (after istiod). Configs: the
 * mesh-wide PeerAuthentication, the optional mesh-wide default deny (with
 * an allow-all policy for the ingress gateway) and, with `metrics`, the
 * ServiceMonitor of istiod.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function istio(input: IstioProps = {}): Component {
  const props = parseProps(istioProps, input, "istio");
  const { namespace, revision, meshConfig, pilot, ingressGateway } = props;
  const fixed = (scale: Scaling) => scale.autoscale === undefined;
  const istiodValues: IstiodValues = {
    ...(revision === undefined ? {} : { revision }),
    ...(fixed(pilot) ? { autoscaleEnabled: false, replicaCount: pilot.replicas ?? 1 } : { autoscaleEnabled: true, autoscaleMin: pilot.autoscale!.min, autoscaleMax: pilot.autoscale!.max }),
    ...(pilot.resources === undefined ? {} : { resources: pilot.resources }),
    meshConfig: {
      ...(meshConfig.accessLogFile === undefined ? {} : { accessLogFile: meshConfig.accessLogFile, accessLogEncoding: meshConfig.accessLogEncoding }),
      outboundTrafficPolicy: { mode: meshConfig.outboundTrafficPolicy },
      enableTracing: meshConfig.enableTracing,
      enablePrometheusMerge: meshConfig.enablePrometheusMerge,
      trustDomain: meshConfig.trustDomain,
      defaultConfig: {
        holdApplicationUntilProxyStarts: meshConfig.holdApplicationUntilProxyStarts,
        ...(meshConfig.tracingSampling === undefined ? {} : { tracing: { sampling: meshConfig.tracingSampling } }),
      },
    },
    ...(props.proxy.resources === undefined ? {} : { global: { proxy: { resources: props.proxy.resources } } }),
    ...(props.cni ? { pilot: { cni: { enabled: true } } } : {}),
  };
  const source = { name: "istio" };
  const chart = (pinned: { chart: string }) => ({ name: pinned.chart, version: props.version, sourceRef: source });
  const controllers: ApiObject[] = [
    // The Namespace, the HelmRepository of all three charts and istio-base with the CRDs.
    ...helmChart<IstioBaseValues>({
      name: "istio-base",
      namespace,
      chart: ISTIO_BASE_CHART,
      version: props.version,
      source: source.name,
      values: { defaultRevision: revision ?? "default" },
      overrides: props.values.base,
    }),
    // The node agent that sets up each injected pod's traffic redirection, in place of istio-init.
    ...(props.cni ? [helmRelease({ name: "istio-cni", namespace, chart: chart(ISTIO_CNI_CHART), dependsOn: ["istio-base"] })] : []),
    helmRelease<IstiodValues>({
      name: "istiod",
      namespace,
      chart: chart(ISTIOD_CHART),
      dependsOn: props.cni ? ["istio-base", "istio-cni"] : ["istio-base"],
      values: mergeValues(istiodValues, props.values.istiod),
    }),
  ];
  const configs: ApiObject[] = [peerAuthentication({ namespace, mode: props.mtls })];
  if (ingressGateway.enabled) {
    const gatewayValues: IstioGatewayValues = {
      ...(revision === undefined ? {} : { revision }),
      ...(fixed(ingressGateway)
        ? { replicaCount: ingressGateway.replicas ?? 1, autoscaling: { enabled: false } }
        : { autoscaling: { enabled: true, minReplicas: ingressGateway.autoscale!.min, maxReplicas: ingressGateway.autoscale!.max } }),
      ...(ingressGateway.resources === undefined ? {} : { resources: ingressGateway.resources }),
      service: {
        type: ingressGateway.service.type,
        ...(Object.keys(ingressGateway.service.annotations).length === 0 ? {} : { annotations: ingressGateway.service.annotations }),
        ...(ingressGateway.service.externalTrafficPolicy === undefined ? {} : { externalTrafficPolicy: ingressGateway.service.externalTrafficPolicy }),
      },
    };
    controllers.push(
      new Namespace({ metadata: { name: ingressGateway.namespace, labels: injectionLabels(revision) } }),
      helmRelease<IstioGatewayValues>({
        name: ISTIO_INGRESS_GATEWAY,
        namespace,
        targetNamespace: ingressGateway.namespace,
        releaseName: ISTIO_INGRESS_GATEWAY,
        chart: chart(ISTIO_GATEWAY_CHART),
        dependsOn: ["istiod"],
        values: mergeValues(gatewayValues, props.values.gateway),
      }),
    );
  }
  if (props.defaultDeny) {
    configs.push(authorizationPolicy.defaultDeny(namespace));
    if (ingressGateway.enabled) {
      configs.push(authorizationPolicy({ name: "allow-ingress", namespace: ingressGateway.namespace, selector: { ...ISTIO_INGRESS_SELECTOR }, rules: [{}] }));
    }
  }
  const rev = revision ?? "default";
  configs.push(
    ...monitorsFor(props.metrics, {
      name: revision === undefined ? "istiod" : `istiod-${revision}`,
      namespace,
      selector: { app: "istiod", "istio.io/rev": rev },
      port: "http-monitoring",
      path: "/metrics",
      scheme: "http",
    }),
  );
  return { name: "istio", controllers, configs };
}
