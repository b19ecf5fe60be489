/**
 * authentik, the identity provider, as a component: the upstream chart
 * (server, worker and optionally its bundled PostgreSQL), its own UI behind
 * Traefik with a cert-manager certificate, and a ForwardAuth Middleware
 * other components and apps put in front of their routes with one prop.
 *
 * authentik needs no Redis since 2025.10 (tasks, cache and sessions live in
 * PostgreSQL), and the pinned chart no longer bundles one: there is no Redis
 * prop.
 */
import { objectName, parseProps, requiredString, type ApiObject } from "@typed-gitops/lib";
import type { IRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/Route";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { hostName } from "../shared/host-name.ts";
import { type ValuesOverride } from "../shared/merge-values.ts";
import { quantity } from "../shared/quantity.ts";
import { resourceRequirements, resourcesProp } from "../shared/resources.ts";
import { secretKey } from "../shared/secret-ref.ts";
import { entryPointsProp, webUiRoute } from "../shared/web-route.ts";
import { restrictedContainerSecurityContext } from "../shared/workload-security.ts";
import { AUTHENTIK_CHART } from "../versions.ts";
import { issuerRefSchema, metricsSchema, type MiddlewareRef } from "../wiring.ts";
import { authentikForwardAuthMiddleware } from "./forward-auth-middleware.ts";
import { AUTHENTIK_OUTPOST_PATH_PREFIX, authentikOutpostRoute } from "./outpost-route.ts";

/** The Helm release name; the chart names its objects after it (`authentik-server`, `authentik-worker`, `authentik-postgresql`). */
export const AUTHENTIK_RELEASE = "authentik";

/** The Service of the authentik server, which also serves the embedded outpost. */
export const AUTHENTIK_SERVER_SERVICE = `${AUTHENTIK_RELEASE}-server`;

/** The Secret keys authentik reads its secret key and first-start credentials from, each the name of the variable it sets. */
export const AUTHENTIK_CREDENTIAL_KEYS = {
  secretKey: "AUTHENTIK_SECRET_KEY",
  bootstrapPassword: "AUTHENTIK_BOOTSTRAP_PASSWORD",
  bootstrapToken: "AUTHENTIK_BOOTSTRAP_TOKEN",
  bootstrapEmail: "AUTHENTIK_BOOTSTRAP_EMAIL",
} as const;

/** One authentik process: the server (web UI, API, embedded outpost) or the worker (background tasks). */
function processProp(what: string, resources: { cpu: string; memory: string; memoryLimit: string }) {
  return z
    .object({
      replicas: z
        .number()
        .int()
        .min(1, "must be at least 1")
        .max(20)
        .default(1)
        .describe(`How many ${what} pods run; with more than one, the chart's PodDisruptionBudget keeps all but one through drains. Default: 1.`),
      resources: resourcesProp(resources, `the ${what} container`),
    })
    .strict()
    .prefault({})
    .describe(`The authentik ${what}. Default: 1 replica.`);
}

const bundledPostgresql = z
  .object({
    mode: z.literal("bundled").describe("The chart's own PostgreSQL (the Bitnami chart with the official postgres image), in authentik's namespace."),
    passwordSecret: objectName().describe(
      "The Secret in authentik's namespace with the database passwords, under the keys the Bitnami chart reads: `password` (the authentik user's) and `postgres-password` (the admin's). You create it (SOPS, SealedSecret or ExternalSecret); it is never inlined.",
    ),
    storageSize: quantity("8Gi").default("8Gi").describe("The size of the database volume. Default: 8Gi."),
    storageClass: z.string().min(1).optional().describe("The StorageClass of the volume. Default: none (the cluster's default class)."),
  })
  .strict();

const externalPostgresql = z
  .object({
    mode: z.literal("external").describe("A PostgreSQL server you run elsewhere (e.g. a CloudNativePG or Crunchy cluster)."),
    host: requiredString().describe("The server's host name, e.g. authentik-rw.databases.svc.cluster.local."),
    port: z.number().int().min(1).max(65535).default(5432).describe("The server's port. Default: 5432."),
    database: z.string().min(1).default("authentik").describe("The database. Default: authentik."),
    user: z.string().min(1).default("authentik").describe("The user authentik connects as. Default: authentik."),
    passwordSecret: objectName().describe("The Secret in authentik's namespace with the user's password. You create it; it is never inlined."),
    passwordKey: secretKey().default("password").describe("The key of the password in passwordSecret. Default: password."),
  })
  .strict();

const email = z
  .object({
    host: requiredString().describe("The SMTP server, e.g. smtp.example.org."),
    port: z.number().int().min(1).max(65535).default(587).describe("The SMTP port. Default: 587."),
    security: z
      .enum(["starttls", "tls", "none"])
      .default("starttls")
      .describe("starttls (upgrade a plain connection, usually port 587), tls (TLS from the start, usually 465) or none. Default: starttls."),
    from: requiredString().describe('The sender, "auth@example.org" or "authentik <auth@example.org>".'),
    timeout: z.number().int().min(1).default(30).describe("The connection timeout in seconds. Default: 30."),
    credentialsSecret: objectName()
      .optional()
      .describe("The Secret in authentik's namespace with the SMTP login under the keys `username` and `password`. Default: none (no SMTP authentication)."),
  })
  .strict();

/** The props of {@link authentik}. */
export const authentikProps = z
  .object({
    namespace: namespaceProp("authentik", "authentik, its chart source, routes and Middleware"),
    version: chartVersionProp(AUTHENTIK_CHART, "also the authentik version"),
    host: hostName({ fullyQualified: true }).describe("The host authentik's UI and API are served on, e.g. auth.example.org."),
    issuer: issuerRefSchema.describe("The cert-manager issuer that signs the host's certificate."),
    entryPoints: entryPointsProp(),
    credentialsSecret: objectName().describe(
      "The Secret in authentik's namespace with AUTHENTIK_SECRET_KEY (required; never change it after the first start) and, read on the first start only and optional, AUTHENTIK_BOOTSTRAP_PASSWORD, AUTHENTIK_BOOTSTRAP_TOKEN and AUTHENTIK_BOOTSTRAP_EMAIL for the akadmin user. You create it (SOPS, SealedSecret or ExternalSecret); its values are never inlined.",
    ),
    postgresql: z
      .discriminatedUnion("mode", [bundledPostgresql, externalPostgresql], {
        error: (issue) => (issue.input === undefined ? "is required" : 'expected mode "bundled" or "external"'),
      })
      .describe('The database: { mode: "bundled", passwordSecret, storageSize } for the chart\'s own PostgreSQL, or { mode: "external", host, port, database, user, passwordSecret } for yours.'),
    server: processProp("server", { cpu: "100m", memory: "512Mi", memoryLimit: "1Gi" }),
    worker: processProp("worker", { cpu: "100m", memory: "512Mi", memoryLimit: "1Gi" }),
    email: email.optional().describe("How authentik sends email (recovery, invitations, notifications). Default: none (no email)."),
    logLevel: z.enum(["trace", "debug", "info", "warning", "error"]).default("info").describe("The log level of server and worker. Default: info."),
    forwardAuthName: objectName().default("authentik-forward-auth").describe("The name of the ForwardAuth Middleware. Default: authentik-forward-auth."),
    metrics: metricsSchema.optional().describe("Scrape the server's and worker's metrics with ServiceMonitors. Default: off."),
    values: valuesProp("authentik"),
  })
  .strict();

/** A process's values in the authentik chart. */
export interface AuthentikProcessValues {
  /** How many pods run. */
  readonly replicas?: number;
  /** The container's requests and limits. */
  readonly resources?: IResourceRequirements;
  /** The container's security context. */
  readonly containerSecurityContext?: ISecurityContext;
  /** The chart's PodDisruptionBudget. */
  readonly pdb?: { readonly enabled?: boolean; readonly maxUnavailable?: number | string; readonly minAvailable?: number | string };
  /** The metrics Service (`<release>-<process>-metrics`, port `metrics`). */
  readonly metrics?: { readonly enabled?: boolean; readonly serviceMonitor?: { readonly enabled?: boolean } };
}

/** The authentik chart values this component sets, and the ones most often overridden. */
export interface AuthentikValues {
  /** Settings of every authentik Deployment. */
  readonly global?: {
    /** Extra environment of server and worker; this component puts every secret here as a `secretKeyRef`. */
    readonly env?: readonly IEnvVar[];
    /** The image, whose tag defaults to the chart's appVersion. */
    readonly image?: { readonly repository?: string; readonly tag?: string; readonly digest?: string };
  };
  /** authentik's configuration, rendered by the chart into environment variables (`AUTHENTIK_<KEY>__<SUBKEY>`). */
  readonly authentik?: {
    readonly log_level?: string;
    readonly error_reporting?: { readonly enabled?: boolean };
    readonly postgresql?: { readonly host?: string; readonly port?: number; readonly name?: string; readonly user?: string };
    readonly email?: {
      readonly host?: string;
      readonly port?: number;
      readonly use_tls?: boolean;
      readonly use_ssl?: boolean;
      readonly timeout?: number;
      readonly from?: string;
    };
  };
  /** The server: UI, API and the embedded outpost. */
  readonly server?: AuthentikProcessValues & { readonly ingress?: { readonly enabled?: boolean } };
  /** The worker: background tasks. */
  readonly worker?: AuthentikProcessValues;
  /** The bundled Bitnami PostgreSQL chart. */
  readonly postgresql?: {
    readonly enabled?: boolean;
    readonly auth?: {
      readonly existingSecret?: string;
      readonly secretKeys?: { readonly adminPasswordKey?: string; readonly userPasswordKey?: string };
    };
    readonly primary?: { readonly persistence?: { readonly size?: string; readonly storageClass?: string } };
  };
}

/** {@link AuthentikValues}, typed where the component knows the keys, open to any other key of the chart at every level. */
export type AuthentikValuesOverride = ValuesOverride<AuthentikValues>;

/** The input of {@link authentik}, with `values` typed by {@link AuthentikValuesOverride}. */
export type AuthentikProps = Omit<z.input<typeof authentikProps>, "values"> & {
  /** Chart values merged last (deep merge; arrays replace). @default none */
  readonly values?: AuthentikValuesOverride;
};

/** What {@link authentik} returns: the component and its wiring handles. */
export interface AuthentikComponent extends Component {
  /**
   * The ForwardAuth Middleware, for the `protect` (or `middlewares`) prop of
   * other components and apps, e.g. `traefik({ dashboard: { …, auth: { middleware: sso.forwardAuth } } })`.
   * A route in another namespace can use it only when Traefik's Kubernetes
   * CRD provider runs with `allowCrossNamespace: true` (`traefik()`'s default).
   * Its `bypass` (not enumerable) names the outpost path, so every route the
   * catalog renders with it also sends `/outpost.goauthentik.io/` to
   * authentik, past the middleware.
   */
  readonly forwardAuth: MiddlewareRef;
  /**
   * The extra route a protected host's IngressRoute needs for
   * `/outpost.goauthentik.io/` (see {@link authentikOutpostRoute}), for
   * IngressRoutes written by hand; the catalog's own routes add it.
   */
  readonly outpostRoute: (host: string) => IRoute;
}

/** A variable read from a Secret key. */
function fromSecret(name: string, secret: string, key: string, optional?: true): IEnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional } : {}) } } };
}

/** The restricted security context of the server and worker containers; their root filesystem stays writable, as authentik writes to it. */
const CONTAINER_SECURITY_CONTEXT: ISecurityContext = restrictedContainerSecurityContext({ writableRootFilesystem: true });

type ParsedProcess = z.output<ReturnType<typeof processProp>>;

function processValues(process: ParsedProcess, metrics: boolean): AuthentikProcessValues {
  return {
    replicas: process.replicas,
    resources: resourceRequirements(process.resources),
    containerSecurityContext: CONTAINER_SECURITY_CONTEXT,
    ...(process.replicas > 1 ? { pdb: { enabled: true, maxUnavailable: 1 } } : {}),
    metrics: { enabled: metrics },
  };
}

/**
 * Renders authentik:
 *
 * - controllers: a Namespace and the chart's HelmRepository;
 * - configs: the HelmRelease (release `authentik`) whose secret key,
 *   bootstrap credentials and database (and SMTP) passwords all come from
 *   Secrets you name, as `secretKeyRef`s in `global.env` (in the configs
 *   layer, where those Secrets' ExternalSecrets or SealedSecrets are
 *   reconciled too), a cert-manager Certificate for `host`, a Traefik IngressRoute
 *   serving the UI on it, the ForwardAuth Middleware (to the embedded
 *   outpost at `http://authentik-server.<namespace>.svc.cluster.local`) and,
 *   with `metrics`, ServiceMonitors of the server and worker.
 *
 * The result carries {@link AuthentikComponent.forwardAuth} and
 * {@link AuthentikComponent.outpostRoute} for wiring protected routes.
 *
 * @example
 * const sso = authentik({
 *   host: "auth.example.org",
 *   issuer: { name: "letsencrypt-production" },
 *   credentialsSecret: "authentik-credentials",
 *   postgresql: { mode: "bundled", passwordSecret: "authentik-postgresql" },
 * });
 * install(sso, traefik({ dashboard: { host: "traefik.example.org", issuer: { name: "letsencrypt-production" }, auth: { middleware: sso.forwardAuth } } }));
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function authentik(input: AuthentikProps): AuthentikComponent {
  const props = parseProps(authentikProps, input, "authentik");
  const { namespace } = props;
  const metricsOn = props.metrics !== undefined && props.metrics.enabled;
  const db = props.postgresql;
  const env: IEnvVar[] = [
    fromSecret("AUTHENTIK_SECRET_KEY", props.credentialsSecret, AUTHENTIK_CREDENTIAL_KEYS.secretKey),
    fromSecret("AUTHENTIK_BOOTSTRAP_PASSWORD", props.credentialsSecret, AUTHENTIK_CREDENTIAL_KEYS.bootstrapPassword, true),
    fromSecret("AUTHENTIK_BOOTSTRAP_TOKEN", props.credentialsSecret, AUTHENTIK_CREDENTIAL_KEYS.bootstrapToken, true),
    fromSecret("AUTHENTIK_BOOTSTRAP_EMAIL", props.credentialsSecret, AUTHENTIK_CREDENTIAL_KEYS.bootstrapEmail, true),
    fromSecret("AUTHENTIK_POSTGRESQL__PASSWORD", db.passwordSecret, db.mode === "bundled" ? "password" : db.passwordKey),
  ];
  if (props.email?.credentialsSecret !== undefined) {
    env.push(fromSecret("AUTHENTIK_EMAIL__USERNAME", props.email.credentialsSecret, "username"));
    env.push(fromSecret("AUTHENTIK_EMAIL__PASSWORD", props.email.credentialsSecret, "password"));
  }
  const values: AuthentikValues = {
    global: { env },
    authentik: {
      log_level: props.logLevel,
      error_reporting: { enabled: false },
      ...(db.mode === "external" ? { postgresql: { host: db.host, port: db.port, name: db.database, user: db.user } } : {}),
      ...(props.email === undefined
        ? {}
        : {
            email: {
              host: props.email.host,
              port: props.email.port,
              use_tls: props.email.security === "starttls",
              use_ssl: props.email.security === "tls",
              timeout: props.email.timeout,
              from: props.email.from,
            },
          }),
    },
    server: { ...processValues(props.server, metricsOn), ingress: { enabled: false } },
    worker: processValues(props.worker, metricsOn),
    postgresql:
      db.mode === "bundled"
        ? {
            enabled: true,
            auth: { existingSecret: db.passwordSecret, secretKeys: { adminPasswordKey: "postgres-password", userPasswordKey: "password" } },
            primary: { persistence: { size: db.storageSize, ...(db.storageClass === undefined ? {} : { storageClass: db.storageClass }) } },
          }
        : { enabled: false },
  };

  // Protected hosts send the outpost's own paths (login callback, sign-out) to authentik, past the
  // middleware. The bypass is not enumerable, so the ref stays a plain Traefik middleware reference
  // where it is written into an object by hand; the catalog's routes read it.
  const forwardAuth: MiddlewareRef = Object.defineProperty({ name: props.forwardAuthName, namespace }, "bypass", {
    value: [{ pathPrefix: AUTHENTIK_OUTPOST_PATH_PREFIX, service: { name: AUTHENTIK_SERVER_SERVICE, namespace, port: 80 } }],
    enumerable: false,
  });
  const monitorTarget = (process: "server" | "worker") => ({
    name: `${AUTHENTIK_RELEASE}-${process}`,
    namespace,
    selector: { "app.kubernetes.io/name": "authentik", "app.kubernetes.io/instance": AUTHENTIK_RELEASE, "app.kubernetes.io/component": `${process}-metrics` },
    port: "metrics",
  });

  const chartObjects = helmChart<AuthentikValues>({
      name: AUTHENTIK_RELEASE,
      namespace,
      chart: AUTHENTIK_CHART,
      version: props.version,
      source: "authentik",
      timeout: "10m",
      values,
      overrides: props.values,
  });
  // The release reads Secrets the user makes, maybe through an ExternalSecret or a SealedSecret,
  // whose controllers and objects are only there from the configs layer on: the release goes
  // there too, or a controllers layer that waits for health would wait for it forever.
  const isRelease = (object: ApiObject) => object.kind === "HelmRelease";
  return {
    name: "authentik",
    controllers: chartObjects.filter((object) => !isRelease(object)),
    configs: [
      ...chartObjects.filter(isRelease),
      // The IngressRoute authentik, its Certificate and Secret authentik-tls.
      ...webUiRoute({
        name: AUTHENTIK_RELEASE,
        namespace,
        host: props.host,
        entryPoints: props.entryPoints,
        certificate: { issuer: props.issuer, name: `${AUTHENTIK_RELEASE}-tls` },
        backends: [{ kind: "Service", name: AUTHENTIK_SERVER_SERVICE, port: 80 }],
      }).objects,
      authentikForwardAuthMiddleware({ name: forwardAuth.name, namespace: forwardAuth.namespace, outpostUrl: `http://${AUTHENTIK_SERVER_SERVICE}.${namespace}.svc.cluster.local` }),
      ...monitorsFor(props.metrics, monitorTarget("server")),
      ...monitorsFor(props.metrics, monitorTarget("worker")),
    ],
    forwardAuth,
    outpostRoute: (host: string) => authentikOutpostRoute({ host, namespace, service: AUTHENTIK_SERVER_SERVICE, port: 80 }),
  };
}
