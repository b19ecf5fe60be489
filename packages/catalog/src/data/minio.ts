/**
 * MinIO, S3-compatible object storage, from the community `minio` chart
 * (https://charts.min.io): standalone or distributed, root credentials from
 * an existing Secret, buckets, policies and users created by the chart's
 * post-install job, the console optionally behind Traefik, in-cluster TLS
 * from cert-manager and a ServiceMonitor.
 *
 * Why this chart: it is the one with MinIO's own Helm values (no operator,
 * no extra CRDs without a pinned schema), covering everything here natively.
 * MinIO's community edition is in maintenance mode since late 2025, so the
 * chart (5.4.0) and server are frozen; `image` can point at a maintained
 * build. The operator/tenant charts add a controller and a Tenant CRD the
 * schema store does not pin, and Bitnami's images are no longer free.
 */
import { helmRelease, helmRepository, objectName, parseProps, type ApiObject } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { hostName } from "../shared/host-name.ts";
import { mergeValues } from "../shared/merge-values.ts";
import { optionalResourcesSchema, resourcesOf } from "../shared/resources.ts";
import { existingSecretProp } from "../shared/secret-ref.ts";
import { tlsCertificate } from "../shared/tls-certificate.ts";
import { entryPointSchema, webUiRoute } from "../shared/web-route.ts";
import { MINIO_CHART } from "../versions.ts";
import { issuerRefSchema, metricsSchema, middlewareRefSchema } from "../wiring.ts";
import { storageSchema } from "./storage.ts";

/** MinIO's built-in policies, which users can be given without defining them. */
export const MINIO_BUILTIN_POLICIES = ["readonly", "readwrite", "writeonly", "consoleAdmin", "diagnostics"] as const;

/** The S3 API port of the MinIO Service. */
export const MINIO_API_PORT = 9000;

/** The console port of the `<name>-console` Service. */
export const MINIO_CONSOLE_PORT = 9001;

/** The region MinIO answers for unless configured otherwise. */
export const MINIO_REGION = "us-east-1";

/** An S3 bucket name: 3–63 lower-case letters, digits, `.` and `-`, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** A bucket the chart's post-install job creates. */
const bucketSchema = z
  .object({
    name: z
      .string()
      .regex(BUCKET_NAME, "expected an S3 bucket name: 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit")
      .describe("The bucket's name."),
    policy: z
      .enum(["none", "download", "upload", "public"])
      .default("none")
      .describe("Anonymous access: none, download (public read), upload (public write) or public (both). Default: none."),
    versioning: z.boolean().optional().describe("true enables object versioning, false suspends it. Default: unchanged (off for a new bucket)."),
    objectLocking: z.boolean().default(false).describe("Whether the bucket is created with object locking (needs versioning; set at creation only). Default: false."),
  })
  .strict();

/** One statement of a policy. */
const statementSchema = z
  .object({
    effect: z.enum(["Allow", "Deny"]).default("Allow").describe("Allow or Deny. Default: Allow."),
    actions: z
      .array(z.string().regex(/^(s3|admin|kms):[A-Za-z*]+$/, "expected an action such as s3:GetObject or s3:*"))
      .min(1)
      .describe("The actions, e.g. s3:GetObject, s3:PutObject, s3:ListBucket."),
    resources: z
      .array(z.string().startsWith("arn:aws:s3:::", "expected an S3 ARN such as arn:aws:s3:::backups/*"))
      .min(1)
      .describe("The resources, e.g. arn:aws:s3:::backups and arn:aws:s3:::backups/*."),
  })
  .strict();

/** A policy the chart's post-install job creates. */
const policySchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "expected a policy name: letters, digits, '-' and '_'").describe("The policy's name."),
    statements: z.array(statementSchema).min(1).describe("The policy's statements."),
  })
  .strict();

/** A user the chart's post-install job creates, whose secret key comes from an existing Secret. */
const userSchema = z
  .object({
    accessKey: z.string().regex(/^[A-Za-z0-9._@-]{3,128}$/, "expected an access key of 3-128 letters, digits, '.', '_', '@' and '-'").describe("The user's access key (user name)."),
    secret: existingSecretProp({ key: "secretKey", holds: "the user's secret key" }),
    policy: z.string().min(1).describe(`The policy attached to the user: a built-in one (${MINIO_BUILTIN_POLICIES.join(", ")}) or one of \`policies\`.`),
  })
  .strict();

/** The console's route through Traefik. */
const consoleRouteSchema = z
  .object({
    host: hostName({ fullyQualified: true }).describe("The public host name, e.g. minio.example.com."),
    entryPoint: entryPointSchema,
    issuerRef: issuerRefSchema
      .optional()
      .describe("The cert-manager issuer of the host's certificate (a Certificate `<name>-console-route`, Secret `<name>-console-route-tls`, is rendered). Default: none, Traefik's default certificate."),
    middlewares: z
      .array(middlewareRefSchema)
      .default([])
      .describe("Traefik Middlewares every request passes through, in order, e.g. authentik's ForwardAuth. Default: none."),
  })
  .strict();

/** The props of {@link minio}. */
export const minioProps = z
  .object({
    name: objectName()
      .default("minio")
      .describe("The release name, the name of the S3 Service (`<name>`, console `<name>-console`) and the component's folder. Default: minio."),
    namespace: namespaceProp("minio", "MinIO, its HelmRepository and HelmRelease"),
    version: chartVersionProp(MINIO_CHART, `MinIO ${MINIO_CHART.appVersion}`),
    image: z
      .object({
        repository: z.string().min(1).describe("The image repository, e.g. quay.io/minio/minio."),
        tag: z.string().min(1).describe("The exact tag (not latest)."),
      })
      .strict()
      .optional()
      .describe("Another MinIO server image, e.g. a maintained build. Default: the chart's (quay.io/minio/minio:RELEASE.2024-12-18T13-15-44Z)."),
    mode: z
      .enum(["standalone", "distributed"])
      .default("standalone")
      .describe("standalone: one pod (a Deployment); distributed: erasure-coded over `replicas` pods (a StatefulSet). Default: standalone."),
    replicas: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("The number of MinIO pods: 1 in standalone mode; in distributed mode at least 2, with at least 4 drives in all. Default: 1 standalone, 4 distributed."),
    drivesPerNode: z.number().int().min(1).max(16).default(1).describe("The number of volumes (drives) per pod in distributed mode. Default: 1."),
    persistence: storageSchema("50Gi", "each drive").prefault({}).describe("The persistent volume of each drive."),
    rootSecret: objectName().describe(
      "The existing Secret (in MinIO's namespace) with the root credentials under the keys `rootUser` and `rootPassword`; create it with SOPS, a SealedSecret or an ExternalSecret. Never inline.",
    ),
    buckets: z.array(bucketSchema).default([]).describe("Buckets to create (existing ones are kept). Default: none."),
    policies: z.array(policySchema).default([]).describe("Policies to create. Default: none."),
    users: z.array(userSchema).default([]).describe("Users to create, each with a policy. Default: none (the chart's example user is removed)."),
    console: z
      .object({
        enabled: z.boolean().default(true).describe("Whether the web console is served (MINIO_BROWSER). Default: true."),
        route: consoleRouteSchema.optional().describe("Publish the console through a Traefik IngressRoute. Default: not published."),
      })
      .strict()
      .prefault({})
      .describe("The web console on port 9001 of the `<name>-console` Service."),
    tls: z
      .object({
        issuerRef: issuerRefSchema.describe(
          "The cert-manager issuer of MinIO's own certificate (Secret `<name>-tls`, for the Service names); use a CA issuer so the Secret carries ca.crt for clients.",
        ),
      })
      .strict()
      .optional()
      .describe("Serve S3 and the console over HTTPS with a certificate from cert-manager (pgBackRest before 2.58 needs HTTPS). Default: plain HTTP."),
    clusterDomain: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "expected a DNS domain such as cluster.local")
      .default("cluster.local")
      .describe("The cluster's DNS domain, for the endpoint and certificate names. Default: cluster.local."),
    resources: optionalResourcesSchema
      .default({ requests: { memory: "1Gi" } })
      .describe("Resources of each MinIO pod. Default: requests memory 1Gi (the chart's own default asks for 16Gi)."),
    networkPolicy: z.boolean().default(false).describe("Whether the chart renders its NetworkPolicy (S3 and console open to all, other ports closed). Default: false."),
    metrics: metricsSchema.optional().describe("Prometheus scraping of /minio/v2/metrics/cluster through a ServiceMonitor (the endpoint is made public). Default: off."),
    values: valuesProp(MINIO_CHART.chart),
  })
  .strict()
  .superRefine((props, ctx) => {
    const replicas = props.replicas ?? (props.mode === "standalone" ? 1 : 4);
    if (props.mode === "standalone" && replicas !== 1) {
      ctx.addIssue({ code: "custom", path: ["replicas"], message: `standalone mode runs one pod, not ${replicas}: set mode: "distributed" for more` });
    }
    if (props.mode === "standalone" && props.drivesPerNode !== 1) {
      ctx.addIssue({ code: "custom", path: ["drivesPerNode"], message: 'standalone mode has one drive: set mode: "distributed" for more' });
    }
    if (props.mode === "distributed" && (replicas < 2 || replicas * props.drivesPerNode < 4)) {
      ctx.addIssue({
        code: "custom",
        path: ["replicas"],
        message: `distributed mode needs at least 2 pods and 4 drives in all for erasure coding, not ${replicas} × ${props.drivesPerNode}`,
      });
    }
    const seenBuckets = new Set<string>();
    props.buckets.forEach((bucket, i) => {
      if (seenBuckets.has(bucket.name)) ctx.addIssue({ code: "custom", path: ["buckets", i, "name"], message: `bucket ${JSON.stringify(bucket.name)} is listed twice` });
      seenBuckets.add(bucket.name);
      if (bucket.objectLocking && bucket.versioning === false) {
        ctx.addIssue({ code: "custom", path: ["buckets", i, "versioning"], message: "object locking needs versioning: remove versioning: false" });
      }
    });
    const policies = new Set<string>([...MINIO_BUILTIN_POLICIES, ...props.policies.map((policy) => policy.name)]);
    props.users.forEach((user, i) => {
      if (!policies.has(user.policy)) {
        ctx.addIssue({
          code: "custom",
          path: ["users", i, "policy"],
          message: `policy ${JSON.stringify(user.policy)} is neither built in (${MINIO_BUILTIN_POLICIES.join(", ")}) nor defined in policies`,
        });
      }
    });
    if (props.console.route !== undefined && !props.console.enabled) {
      ctx.addIssue({ code: "custom", path: ["console", "route"], message: "the console is disabled: remove the route or set console.enabled: true" });
    }
  });

/** The input of {@link minio}. */
export type MinioProps = z.input<typeof minioProps>;

/** The chart values this component sets (a subset of the `minio` chart's values). */
export interface MinioValues {
  /** The name of the Services, Deployment/StatefulSet and Secrets. */
  readonly fullnameOverride?: string;
  /** The cluster's DNS domain. */
  readonly clusterDomain?: string;
  /** The server image. */
  readonly image?: { readonly repository: string; readonly tag: string };
  /** `standalone` or `distributed`. */
  readonly mode?: "standalone" | "distributed";
  /** Pods per pool (distributed). */
  readonly replicas?: number;
  /** Drives per pod (distributed). */
  readonly drivesPerNode?: number;
  /** The existing Secret with `rootUser` and `rootPassword`. */
  readonly existingSecret?: string;
  /** Server TLS from a Secret with `tls.crt`/`tls.key`. */
  readonly tls?: { readonly enabled: boolean; readonly certSecret?: string; readonly publicCrt?: string; readonly privateKey?: string };
  /** The data volumes. */
  readonly persistence?: { readonly enabled: boolean; readonly size: string; readonly storageClass?: string };
  /** Resources of the MinIO pods. */
  readonly resources?: Record<string, unknown>;
  /** Buckets made by the post-install job. */
  readonly buckets?: readonly { name: string; policy: string; purge: boolean; versioning?: boolean; objectlocking: boolean }[];
  /** Policies made by the post-install job. */
  readonly policies?: readonly { name: string; statements: readonly { effect: string; actions: readonly string[]; resources: readonly string[] }[] }[];
  /** Users made by the post-install job. */
  readonly users?: readonly { accessKey: string; existingSecret: string; existingSecretKey: string; policy: string }[];
  /** Environment variables of the MinIO server. */
  readonly environment?: Record<string, string>;
  /** The chart's NetworkPolicy. */
  readonly networkPolicy?: { readonly enabled: boolean };
  /** The chart's PodDisruptionBudget. */
  readonly podDisruptionBudget?: { readonly enabled: boolean; readonly maxUnavailable?: number };
  /** The chart's own ServiceMonitor (off: this component renders its own) and whether metrics need no token. */
  readonly metrics?: { readonly serviceMonitor: { readonly enabled: boolean; readonly public: boolean } };
}

/**
 * The resources as chart values. The chart's own default requests 16Gi of
 * memory; Helm merges maps, so an unset memory request is sent as null to
 * drop it.
 */
function chartResources(resources: z.output<typeof optionalResourcesSchema>): Record<string, unknown> {
  const given = resourcesOf(resources) ?? {};
  return { ...given, requests: { ...given.requests, memory: given.requests?.memory ?? null } };
}

/** Where apps find the S3 API of a {@link minio} instance. */
export interface MinioS3Endpoint {
  /** The endpoint URL, e.g. `http://minio.minio.svc.cluster.local:9000`. */
  readonly endpoint: string;
  /** The host, e.g. `minio.minio.svc.cluster.local`. */
  readonly host: string;
  /** The port: 9000. */
  readonly port: number;
  /** Whether the endpoint is HTTPS. */
  readonly tls: boolean;
  /** The region to sign requests for: `us-east-1`. */
  readonly region: string;
  /** MinIO needs path-style URLs (`<endpoint>/<bucket>`), not virtual hosts. */
  readonly uriStyle: "path";
  /** The Secret with MinIO's CA (`ca.crt`) when `tls` is on. @default none */
  readonly caSecret?: string;
}

/** A rendered {@link minio} instance: its objects and where to reach it. */
export interface MinioComponent extends Component {
  /** The S3 endpoint URL, e.g. `http://minio.minio.svc.cluster.local:9000`: pass it to Vault's or PGO's S3 settings. */
  readonly endpoint: string;
  /** The endpoint with its parts (host, port, region, URI style). */
  readonly s3: MinioS3Endpoint;
  /** The buckets this instance creates. */
  readonly buckets: readonly string[];
}

/**
 * Renders MinIO: the Namespace and HelmRepository (controllers layer), and
 * the HelmRelease with its Certificate, console IngressRoute and
 * ServiceMonitor (configs layer). The HelmRelease sits with the configs so
 * its cert-manager Certificate exists when MinIO starts and nothing in the
 * controllers layer waits on it.
 *
 * @example
 * const storage = minio({ rootSecret: "minio-root", buckets: [{ name: "pg-backups" }] });
 * postgresCluster({ name: "app", backups: { s3: { endpoint: storage.endpoint, bucket: "pg-backups", credentialsSecret: { name: "pg-s3" } } } });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function minio(input: MinioProps): MinioComponent {
  const props = parseProps(minioProps, input, "minio");
  const { name, namespace, clusterDomain } = props;
  const replicas = props.replicas ?? (props.mode === "standalone" ? 1 : 4);
  const tlsSecret = props.tls === undefined ? undefined : `${name}-tls`;
  const scheme = tlsSecret === undefined ? "http" : "https";
  const host = `${name}.${namespace}.svc.${clusterDomain}`;
  const endpoint = `${scheme}://${host}:${MINIO_API_PORT}`;
  const metricsOn = props.metrics !== undefined && props.metrics.enabled;

  const environment: Record<string, string> = {};
  if (!props.console.enabled) environment.MINIO_BROWSER = "off";
  if (props.console.route !== undefined) environment.MINIO_BROWSER_REDIRECT_URL = `https://${props.console.route.host}`;

  const values = mergeValues<MinioValues>(
    {
      fullnameOverride: name,
      clusterDomain,
      ...(props.image === undefined ? {} : { image: { repository: props.image.repository, tag: props.image.tag } }),
      mode: props.mode,
      ...(props.mode === "distributed" ? { replicas, drivesPerNode: props.drivesPerNode } : {}),
      existingSecret: props.rootSecret,
      tls: tlsSecret === undefined ? { enabled: false } : { enabled: true, certSecret: tlsSecret, publicCrt: "tls.crt", privateKey: "tls.key" },
      persistence: { enabled: true, size: props.persistence.size, ...(props.persistence.storageClass === undefined ? {} : { storageClass: props.persistence.storageClass }) },
      resources: chartResources(props.resources),
      buckets: props.buckets.map((bucket) => ({
        name: bucket.name,
        policy: bucket.policy,
        purge: false,
        ...(bucket.versioning === undefined ? {} : { versioning: bucket.versioning }),
        objectlocking: bucket.objectLocking,
      })),
      policies: props.policies.map((policy) => ({
        name: policy.name,
        statements: policy.statements.map((statement) => ({ effect: statement.effect, actions: statement.actions, resources: statement.resources })),
      })),
      users: props.users.map((user) => ({ accessKey: user.accessKey, existingSecret: user.secret.name, existingSecretKey: user.secret.key, policy: user.policy })),
      ...(Object.keys(environment).length === 0 ? {} : { environment }),
      networkPolicy: { enabled: props.networkPolicy },
      podDisruptionBudget: props.mode === "distributed" ? { enabled: true, maxUnavailable: 1 } : { enabled: false },
      metrics: { serviceMonitor: { enabled: false, public: metricsOn } },
    },
    props.values,
  );

  const configs: ApiObject[] = [];
  if (props.tls !== undefined && tlsSecret !== undefined) {
    const serviceNames = (service: string) => [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.${clusterDomain}`];
    const dnsNames = [
      ...serviceNames(name),
      ...serviceNames(`${name}-console`),
      ...(props.mode === "distributed" ? [`*.${name}-svc.${namespace}.svc`, `*.${name}-svc.${namespace}.svc.${clusterDomain}`] : []),
    ];
    configs.push(
      tlsCertificate({ name: tlsSecret, namespace, commonName: host, dnsNames, usages: ["server auth", "digital signature", "key encipherment"], issuer: props.tls.issuerRef }),
    );
  }
  configs.push(
    helmRelease<MinioValues>({
      name,
      namespace,
      chart: { name: MINIO_CHART.chart, version: props.version, sourceRef: { name: "minio" } },
      values,
    }),
  );
  const route = props.console.route;
  if (route !== undefined) {
    const consoleName = `${name}-console`;
    const { certificate, serversTransport, route: ingressRoute } = webUiRoute({
      name: consoleName,
      namespace,
      host: route.host,
      entryPoints: [route.entryPoint],
      middlewares: route.middlewares,
      ...(route.issuerRef === undefined ? {} : { certificate: { issuer: route.issuerRef, name: `${consoleName}-route`, secretName: `${consoleName}-route-tls` } }),
      backends: [{ kind: "Service", name: consoleName, port: MINIO_CONSOLE_PORT }],
      ...(tlsSecret === undefined ? {} : { backendTls: { name: consoleName, serverName: `${consoleName}.${namespace}.svc`, caSecret: tlsSecret } }),
    });
    configs.push(...(certificate === undefined ? [] : [certificate]), ...(serversTransport === undefined ? [] : [serversTransport]), ingressRoute);
  }
  for (const monitor of monitorsFor(props.metrics, {
    name,
    namespace,
    selector: { app: "minio", release: name, monitoring: "true" },
    port: scheme,
    path: "/minio/v2/metrics/cluster",
    scheme,
  })) {
    if (tlsSecret !== undefined) {
      for (const endpointSpec of monitor.spec.endpoints ?? []) {
        endpointSpec.tlsConfig = { ca: { secret: { name: tlsSecret, key: "ca.crt" } }, serverName: `${name}.${namespace}.svc` };
      }
    }
    configs.push(monitor);
  }

  return {
    name,
    controllers: [new Namespace({ metadata: { name: namespace } }), helmRepository({ name: "minio", namespace, url: MINIO_CHART.repository })],
    configs,
    endpoint,
    s3: { endpoint, host, port: MINIO_API_PORT, tls: tlsSecret !== undefined, region: MINIO_REGION, uriStyle: "path", ...(tlsSecret === undefined ? {} : { caSecret: tlsSecret }) },
    buckets: props.buckets.map((bucket) => bucket.name),
  };
}
