/**
 * The props of the application builder: one typed description of a
 * service, from which {@link app} renders its workload, exposure,
 * scaling, network policies, metrics and secrets.
 */
import { namespaceName, objectName } from "@typed-gitops/lib";
import { z } from "zod";
import { quantity } from "../shared/quantity.ts";
import { issuerRefSchema, metricsSchema, middlewareRefSchema, secretStoreRefSchema } from "../wiring.ts";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envName = () => z.string().regex(ENV_NAME, "expected an environment variable name such as DATABASE_URL");

/** Container resources: requests for scheduling, a memory limit against leaks. */
export const resourcesSchema = z
  .object({
    cpu: quantity().default("100m").describe("CPU request. Default: 100m."),
    memory: quantity().default("128Mi").describe("Memory request and limit. Default: 128Mi."),
    cpuLimit: quantity().optional().describe("CPU limit. Default: none (no CPU throttling)."),
  })
  .strict();

/** A canary step: shift weight, then pause (for a duration, or until promoted). */
const canaryStep = z.union([
  z.object({ setWeight: z.number().int().min(0).max(100).describe("The percentage of traffic to the canary.") }).strict(),
  z.object({ pause: z.string().regex(/^[0-9]+(s|m|h)$/, "expected a duration such as 30s, 5m or 1h").optional().describe("How long to wait; omitted, until promoted by hand.") }).strict(),
  z.object({ analysis: z.literal(true).describe("Run the success-rate analysis as a blocking step.") }).strict(),
]);

/** The workload: a Deployment, or an Argo Rollouts canary with analysis. */
const workloadSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("Deployment") }).strict(),
    z
      .object({
        kind: z.literal("Rollout"),
        steps: z
          .array(canaryStep)
          .min(1)
          .default([{ setWeight: 20 }, { pause: "2m" }, { analysis: true }, { setWeight: 50 }, { pause: "2m" }, { setWeight: 100 }])
          .describe("The canary steps. Default: 20% → 2m → analysis → 50% → 2m → 100%."),
        analysis: z
          .object({
            prometheus: z.string().url().default("http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090").describe("The Prometheus that answers the analysis query. Default: kube-prometheus-stack's service in monitoring."),
            successRate: z.number().gt(0).max(1).default(0.99).describe("The minimum share of non-5xx responses. Default: 0.99."),
            query: z.string().optional().describe("A PromQL query returning the success rate (0–1), with {{args.service}} and {{args.namespace}} available. Default: the Traefik/Istio-neutral `http_requests_total` ratio of the app's own metrics."),
            interval: z.string().regex(/^[0-9]+(s|m|h)$/).default("1m").describe("How often the query runs. Default: 1m."),
            count: z.number().int().min(1).default(5).describe("How many measurements. Default: 5."),
            failureLimit: z.number().int().min(0).default(1).describe("How many failed measurements abort the rollout. Default: 1."),
          })
          .strict()
          .prefault({})
          .describe("The AnalysisTemplate on Prometheus metrics that gates the canary."),
        trafficRouting: z
          .enum(["none", "istio"])
          .default("none")
          .describe("How canary weight is applied: none (replica ratio) or istio (the VirtualService's weights; needs expose.via istio). Default: none."),
      })
      .strict(),
  ])
  .default({ kind: "Deployment" })
  .describe("The workload kind. Default: { kind: Deployment }.");

/** How the app is reached from outside the cluster. */
const exposeSchema = z
  .object({
    host: z.string().regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/, "expected a DNS host name such as app.example.org").describe("The public host name."),
    path: z.string().startsWith("/").default("/").describe("The path prefix routed to the app. Default: /."),
    via: z
      .enum(["ingress", "traefik", "gateway", "istio"])
      .default("traefik")
      .describe("ingress (networking.k8s.io Ingress), traefik (IngressRoute), gateway (Gateway API HTTPRoute) or istio (VirtualService on an Istio Gateway). Default: traefik."),
    ingressClassName: z.string().default("traefik").describe("The IngressClass, for via ingress. Default: traefik."),
    gateway: z
      .object({ name: objectName().describe("The Gateway's name."), namespace: namespaceName().describe("The Gateway's namespace.") })
      .strict()
      .optional()
      .describe("The Gateway API Gateway (via gateway) or Istio Gateway (via istio) the route attaches to. Default: for istio, istio-ingress/public-gateway; required for gateway."),
    tls: z
      .union([
        z.object({ issuer: issuerRefSchema }).strict(),
        z.object({ secretName: objectName().describe("An existing TLS Secret, e.g. a wildcard certificate's.") }).strict(),
      ])
      .optional()
      .describe("TLS: a certificate from a cert-manager issuer, or an existing TLS Secret. Default: none (plain HTTP)."),
    protect: middlewareRefSchema.optional().describe("A Traefik middleware every request passes, such as Authentik's forwardAuth (via traefik only). Default: none."),
    ingressNamespace: namespaceName().optional().describe("The namespace of the ingress controller's pods, allowed in by the NetworkPolicy. Default: traefik, ingress-nginx (via ingress with class nginx), or istio-ingress."),
  })
  .strict();

/** A Secret made by an ExternalSecret from a store. */
const externalSecretSchema = z
  .object({
    name: objectName().describe("The ExternalSecret's name, and of the Secret it writes."),
    store: secretStoreRefSchema,
    data: z
      .array(
        z
          .object({
            secretKey: z.string().min(1).describe("The key in the Secret."),
            key: z.string().min(1).describe("The secret's key (path) in the store."),
            property: z.string().optional().describe("A property of that secret. Default: the whole value."),
          })
          .strict(),
      )
      .min(1)
      .describe("The Secret's keys and where each comes from."),
    refreshInterval: z.string().default("1h").describe("How often the values are read again. Default: 1h."),
  })
  .strict();

/** The props of {@link app}. */
export const appProps = z
  .object({
    name: z
      .string()
      .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, "expected a DNS-1123 label such as web")
      .max(50)
      .describe("The app's name: of its workload, Service and other objects."),
    namespace: namespaceName().optional().describe("The namespace. Default: the app's name."),
    createNamespace: z.boolean().default(true).describe("Whether the app renders its Namespace. Default: true."),
    image: z.string().min(1).describe("The container image with an exact tag or digest, e.g. ghcr.io/acme/web:1.4.2."),
    command: z.array(z.string()).optional().describe("The container's command. Default: the image's entrypoint."),
    args: z.array(z.string()).optional().describe("The container's arguments. Default: the image's."),
    port: z.number().int().min(1).max(65535).default(8080).describe("The HTTP port the container listens on. Default: 8080."),
    servicePort: z.number().int().min(1).max(65535).default(80).describe("The Service's port. Default: 80."),
    probes: z
      .object({
        readiness: z.string().startsWith("/").default("/").describe("The readiness probe's HTTP path. Default: /."),
        liveness: z.string().startsWith("/").default("/").describe("The liveness probe's HTTP path. Default: /."),
      })
      .strict()
      .prefault({})
      .describe("HTTP probes on the app's port."),
    replicas: z.number().int().min(1).default(2).describe("Replicas (the autoscaler's floor when autoscaling is on). Default: 2."),
    resources: resourcesSchema.prefault({}).describe("Container resources."),
    runAsUser: z.number().int().min(1).default(65532).describe("The non-root user id the container runs as. Default: 65532."),
    workload: workloadSchema,
    autoscaling: z
      .object({
        maxReplicas: z.number().int().min(1).describe("The ceiling."),
        cpuUtilization: z.number().int().min(1).max(100).default(75).describe("The target average CPU utilisation, in percent of requests. Default: 75."),
      })
      .strict()
      .optional()
      .describe("A HorizontalPodAutoscaler from replicas to maxReplicas. Default: none."),
    expose: exposeSchema.optional().describe("Exposure outside the cluster. Default: none (in-cluster only)."),
    env: z.record(envName(), z.string()).default({}).describe("Plain environment variables (never secrets). Default: none."),
    config: z
      .record(z.string().regex(/^[-._a-zA-Z0-9]+$/), z.string())
      .optional()
      .describe("Files of a ConfigMap mounted at configPath; a change rolls the pods (its hash is in the name). Default: none."),
    configPath: z.string().startsWith("/").default("/etc/app").describe("Where the config files are mounted. Default: /etc/app."),
    secretEnv: z
      .record(envName(), z.object({ secret: objectName().describe("The Secret."), key: z.string().min(1).describe("Its key.") }).strict())
      .default({})
      .describe("Environment variables from Secrets in the namespace (made by SOPS, a SealedSecret or an ExternalSecret). Default: none."),
    envFromSecrets: z.array(objectName()).default([]).describe("Secrets whose every key becomes an environment variable. Default: none."),
    externalSecrets: z.array(externalSecretSchema).default([]).describe("ExternalSecrets rendered with the app, each writing a Secret it can use. Default: none."),
    secretObjects: z.array(z.custom<object>((value) => typeof value === "object" && value !== null && "kind" in value, "expected an API object")).default([]).describe("Secret objects rendered with the app: from sopsSecretObject() or sealedSecretObject(). Default: none."),
    volumes: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/).describe("The volume's (and PersistentVolumeClaim's suffix) name."),
            mountPath: z.string().startsWith("/").describe("Where it is mounted."),
            size: quantity().describe("The claim's size, e.g. 5Gi."),
            storageClassName: z.string().optional().describe("The StorageClass. Default: the cluster's default class."),
            accessMode: z.enum(["ReadWriteOnce", "ReadWriteMany", "ReadWriteOncePod"]).default("ReadWriteOnce").describe("The access mode. Default: ReadWriteOnce."),
          })
          .strict(),
      )
      .default([])
      .describe("Persistent volumes, one PersistentVolumeClaim each. With a ReadWriteOnce volume the app runs one replica with the Recreate strategy. Default: none."),
    writablePaths: z.array(z.string().startsWith("/")).default(["/tmp"]).describe("Paths backed by an emptyDir, since the root filesystem is read-only. Default: [/tmp]."),
    metrics: metricsSchema
      .extend({
        port: z.number().int().min(1).max(65535).optional().describe("The metrics port. Default: the app's port."),
        path: z.string().startsWith("/").default("/metrics").describe("The metrics path. Default: /metrics."),
        prometheusNamespace: namespaceName().default("monitoring").describe("The namespace Prometheus runs in, allowed in by the NetworkPolicy. Default: monitoring."),
      })
      .strict()
      .optional()
      .describe("A ServiceMonitor for the app's metrics. Default: none."),
    calls: z
      .array(
        z
          .object({
            namespace: namespaceName().describe("The namespace of the service called."),
            app: z.string().optional().describe("The called pods' app.kubernetes.io/name label. Default: any pod of the namespace."),
            selector: z
              .record(z.string(), z.string())
              .optional()
              .describe("The called pods' labels, for pods without app.kubernetes.io/name (e.g. { \"postgres-operator.crunchydata.com/cluster\": \"db\" }). Default: none."),
            port: z.number().int().min(1).max(65535).describe("The port called."),
          })
          .strict(),
      )
      .default([])
      .describe("In-cluster services the app calls: egress allowed by the NetworkPolicy. Default: none."),
    egressCidrs: z
      .array(z.object({ cidr: z.string().min(1).describe("e.g. 0.0.0.0/0"), port: z.number().int().min(1).max(65535).describe("The port.") }).strict())
      .default([])
      .describe("Destinations outside the cluster the app calls. Default: none."),
    allowFrom: z
      .array(z.object({ namespace: namespaceName().describe("The calling namespace."), app: z.string().optional().describe("The calling pods' app.kubernetes.io/name. Default: any.") }).strict())
      .default([])
      .describe("In-cluster callers allowed in by the NetworkPolicy (the ingress controller and Prometheus are added from expose and metrics). Default: none."),
    mesh: z.enum(["none", "istio"]).default("none").describe("istio: the namespace gets sidecar injection and the pods allow the mesh's ports. Default: none."),
    labels: z.record(z.string(), z.string()).default({}).describe("Extra labels on every object. Default: none."),
  })
  .strict();

/** The input of {@link app}. */
export type AppInput = z.input<typeof appProps>;

/** The parsed props of {@link app}. */
export type AppProps = z.output<typeof appProps>;
