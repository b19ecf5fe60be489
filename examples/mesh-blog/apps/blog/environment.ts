/**
 * One environment of the blog: the four services, their database and the
 * namespace-wide policies, all in one namespace of the cluster. Production
 * and staging are two calls of {@link blogEnvironment} in the cluster's
 * definition; everything that differs between them (host, OIDC client,
 * database size and backups, replicas, image tags) is a prop there.
 */
import type { AppOverrides, Component } from "@typed-gitops/catalog";
import { POSTGRES_PORT } from "@typed-gitops/catalog";
import { namespaceName, parseProps, type ApiObject, type ComponentOutput } from "@typed-gitops/lib";
import { z } from "zod";
import { comment } from "../comment/comment.ts";
import { content, MEDIA_PATH } from "../content/content.ts";
import { frontend } from "../frontend/frontend.ts";
import { OIDC_CLIENT_SECRET_KEY, user } from "../user/user.ts";
import { BLOG_CALLS, BLOG_SERVICES, callersOf, SERVICE_PORT, type BlogService } from "./call-graph.ts";
import { blogDatabase, DATABASE_NAME, DATABASE_USERS } from "./database.ts";
import { blogMeshPolicies, blogNamespace } from "./namespace.ts";

const QUANTITY = /^[0-9]+(\.[0-9]+)?(Mi|Gi|Ti)$/;
const isApiObject = (value: unknown): value is ApiObject => typeof value === "object" && value !== null && "kind" in value && "metadata" in value;
const sealedSecret = () => z.custom<ApiObject>((value) => isApiObject(value) && value.kind === "SealedSecret", "expected a SealedSecret from sealedSecretObject()");

/** The props of {@link blogEnvironment}. */
export const blogEnvironmentProps = z
  .object({
    namespace: namespaceName().describe("The environment's namespace, e.g. production; created here, injected, restricted."),
    host: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/, "expected a host name such as blog.example.org").describe("The public host of the frontend, served by the ingress gateway."),
    oidc: z
      .object({
        issuerUrl: z.string().regex(/^https:\/\/\S+$/, "expected an https:// URL").describe("The identity provider's issuer URL (its discovery document is at <issuer>/.well-known/openid-configuration)."),
        clientId: z.string().min(1).describe("The client ID of this environment's registration at the provider."),
        clientSecret: sealedSecret().describe(`The SealedSecret holding the client secret under the key ${OIDC_CLIENT_SECRET_KEY}, in the environment's namespace.`),
      })
      .strict()
      .describe("The user service's OpenID Connect client."),
    database: z
      .object({
        replicas: z.number().int().min(1).max(5).default(1).describe("Postgres pods: a primary and streaming replicas. Default: 1."),
        storage: z.string().regex(QUANTITY, "expected a size such as 20Gi").default("10Gi").describe("Each Postgres pod's data volume. Default: 10Gi."),
        backups: z
          .object({
            bucket: z.string().min(3).max(63).describe("The S3 bucket of the pgBackRest repository."),
            region: z.string().regex(/^[a-z]{2}-[a-z]+-[0-9]$/, "expected an AWS region such as eu-west-1").describe("The bucket's region."),
            credentials: sealedSecret().describe("The SealedSecret with pgBackRest's s3.conf (repo1-s3-key, repo1-s3-key-secret)."),
          })
          .strict()
          .optional()
          .describe("pgBackRest backups to S3. Default: none."),
      })
      .strict()
      .prefault({})
      .describe("The environment's PostgresCluster."),
    media: z
      .object({ size: z.string().regex(QUANTITY, "expected a size such as 20Gi").default("5Gi").describe("The requested size (EFS grows as needed; the request is informative). Default: 5Gi.") })
      .strict()
      .prefault({})
      .describe("The content service's shared media volume."),
    storage: z
      .object({
        block: z.string().min(1).describe("The StorageClass of Postgres volumes (ReadWriteOnce), e.g. gp3."),
        shared: z.string().min(1).describe("The StorageClass of the media volume (ReadWriteMany), e.g. efs."),
      })
      .strict()
      .describe("The StorageClasses the environment uses."),
    operatorNamespace: namespaceName().describe("The Postgres operator's namespace, allowed to reach the database pods."),
    prometheusNamespace: namespaceName().default("monitoring").describe("Prometheus's namespace, allowed to scrape sidecars and the database exporter. Default: monitoring."),
    apps: z
      .partialRecord(z.enum(BLOG_SERVICES), z.custom<AppOverrides>((value) => typeof value === "object" && value !== null, "expected app overrides"))
      .default({})
      .describe("Per-service overrides of the app definitions (replicas, tag, resources, autoscaling…). Default: none."),
  })
  .strict();

/** The input of {@link blogEnvironment}. */
export type BlogEnvironmentProps = Omit<z.input<typeof blogEnvironmentProps>, "apps"> & {
  /** Per-service overrides of the app definitions (replicas, tag, resources, autoscaling…). @default none */
  readonly apps?: Partial<Record<BlogService, AppOverrides>>;
};

const DEFINITIONS: Readonly<Record<BlogService, (overrides?: AppOverrides) => Component>> = { frontend, user, content, comment };

/** The in-mesh URL of a service, as the environment variable `<SERVICE>_SERVICE_URL`. */
const serviceUrls = (namespace: string, services: readonly BlogService[]) =>
  Object.fromEntries(services.map((service) => [`${service.toUpperCase()}_SERVICE_URL`, `http://${service}.${namespace}.svc.cluster.local`]));

/**
 * Renders one environment as folders of the apps layer:
 * `apps/<namespace>/namespace` (Namespace, NetworkPolicy baseline, sidecar
 * scraping), `apps/<namespace>/mesh-policies` (mutual TLS and
 * authorization), `apps/<namespace>/database` and one folder per service.
 *
 * @throws {UserError} naming every invalid or unknown prop, here or in an app.
 */
export function blogEnvironment(input: BlogEnvironmentProps): Record<string, ComponentOutput> {
  const props = parseProps(blogEnvironmentProps, input, `blogEnvironment(${JSON.stringify(input.namespace)})`);
  const { namespace } = props;
  const overrides = props.apps as Partial<Record<BlogService, AppOverrides>>;
  const clientSecret = props.oidc.clientSecret.metadata!.name!;

  /** What the environment decides for each service: its namespace, its calls and callers, its settings and secrets. */
  const wiring = (service: BlogService): AppOverrides => {
    const usesDatabase = (DATABASE_USERS as readonly string[]).includes(service);
    const base: AppOverrides = {
      namespace,
      calls: [
        ...BLOG_CALLS[service].map((callee) => ({ namespace, app: callee, port: SERVICE_PORT })),
        // PGO's pods carry no app.kubernetes.io/name, so the database is any pod on its port; its own NetworkPolicy narrows it.
        ...(usesDatabase ? [{ namespace, port: POSTGRES_PORT }] : []),
      ],
      allowFrom: callersOf(service).map((caller) => ({ namespace, app: caller })),
      env: serviceUrls(namespace, BLOG_CALLS[service]),
      ...(usesDatabase ? { secretEnv: { DATABASE_URL: { secret: `${DATABASE_NAME}-pguser-${service}`, key: "uri" } } } : {}),
    };
    switch (service) {
      case "frontend":
        return { ...base, host: props.host };
      case "user":
        return {
          ...base,
          env: { ...base.env, OIDC_ISSUER_URL: props.oidc.issuerUrl, OIDC_CLIENT_ID: props.oidc.clientId, OIDC_REDIRECT_URL: `https://${props.host}/auth/callback` },
          secretEnv: { OIDC_CLIENT_SECRET: { secret: clientSecret, key: OIDC_CLIENT_SECRET_KEY } },
          secretObjects: [props.oidc.clientSecret],
        };
      case "content":
        return { ...base, volumes: [{ name: "media", mountPath: MEDIA_PATH, size: props.media.size, storageClassName: props.storage.shared, accessMode: "ReadWriteMany" }] };
      case "comment":
        return base;
    }
  };

  const folders: Record<string, ComponentOutput> = {
    [`apps/${namespace}/namespace`]: blogNamespace(namespace, props.prometheusNamespace),
    [`apps/${namespace}/mesh-policies`]: blogMeshPolicies(namespace),
    [`apps/${namespace}/database`]: blogDatabase({
      namespace,
      operatorNamespace: props.operatorNamespace,
      prometheusNamespace: props.prometheusNamespace,
      replicas: props.database.replicas,
      storage: props.database.storage,
      storageClass: props.storage.block,
      ...(props.database.backups === undefined ? {} : { backups: props.database.backups }),
    }),
  };
  for (const service of BLOG_SERVICES) {
    const own = wiring(service);
    const cluster = overrides[service] ?? {};
    const component = DEFINITIONS[service]({ ...own, ...cluster, env: { ...own.env, ...cluster.env } });
    folders[`apps/${namespace}/${component.name}`] = component.apps ?? [];
  }
  return folders;
}
