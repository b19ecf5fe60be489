/**
 * Argo CD as a component: its namespace, the argo-helm repository and a
 * HelmRelease of the argo-cd chart, plus (configs layer) a Traefik
 * IngressRoute with a cert-manager certificate for the UI and the
 * ServiceMonitors of its metrics.
 */
import { parseProps, type ApiObject } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { hostName } from "../shared/host-name.ts";
import { existingSecretProp } from "../shared/secret-ref.ts";
import { entryPointSchema, webUiRoute } from "../shared/web-route.ts";
import { ARGO_CD_CHART } from "../versions.ts";
import { issuerRefSchema, metricsSchema, middlewareRefSchema } from "../wiring.ts";

/** The name prefix of every object the chart renders (`argocd-server`, `argocd-repo-server`, …). */
export const ARGO_CD_FULLNAME = "argocd";

/** The chart values this component sets; any other key of the chart may be set through `values`. */
export interface ArgoCdValues {
  readonly fullnameOverride?: string;
  readonly global?: { readonly domain?: string; readonly [key: string]: unknown };
  readonly configs?: {
    readonly cm?: Readonly<Record<string, unknown>>;
    readonly params?: Readonly<Record<string, unknown>>;
    readonly rbac?: Readonly<Record<string, unknown>>;
    readonly [key: string]: unknown;
  };
  readonly dex?: { readonly enabled?: boolean; readonly [key: string]: unknown };
  readonly "redis-ha"?: { readonly enabled?: boolean; readonly [key: string]: unknown };
  readonly controller?: ArgoCdComponentValues;
  readonly server?: ArgoCdComponentValues;
  readonly repoServer?: ArgoCdComponentValues;
  readonly applicationSet?: ArgoCdComponentValues;
  readonly [key: string]: unknown;
}

/** The values of one Argo CD workload that this component sets. */
export interface ArgoCdComponentValues {
  readonly replicas?: number;
  readonly metrics?: { readonly enabled?: boolean; readonly [key: string]: unknown };
  readonly pdb?: { readonly enabled?: boolean; readonly minAvailable?: number | string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** An OIDC provider that Argo CD logs users in with, instead of Dex. */
const oidcSchema = z
  .object({
    name: z.string().min(1).default("SSO").describe("The login button's label. Default: SSO."),
    issuer: z.string().regex(/^https:\/\/\S+$/, "expected an https:// issuer URL").describe("The OIDC issuer URL, e.g. https://auth.example.com/application/o/argocd/."),
    clientID: z.string().min(1).describe("The OIDC client ID."),
    clientSecret: existingSecretProp({ key: "client-secret", holds: "the client secret" }).describe(
      "The Secret in the Argo CD namespace holding the client secret (from SOPS, a SealedSecret or an ExternalSecret), referenced as $<name>:<key>; it must carry the label app.kubernetes.io/part-of: argocd.",
    ),
    scopes: z.array(z.string().min(1)).default(["openid", "profile", "email", "groups"]).describe("The scopes requested. Default: openid, profile, email, groups."),
  })
  .strict()
  .describe("Log in through an OIDC provider such as Authentik. Needs host (the redirect URL is https://<host>/auth/callback). Default: none.");

/** The props of {@link argoCd}. */
export const argoCdProps = z
  .object({
    namespace: namespaceProp("argocd", "Argo CD, its HelmRepository and HelmRelease"),
    version: chartVersionProp(ARGO_CD_CHART, `Argo CD ${ARGO_CD_CHART.appVersion}`),
    ha: z
      .boolean()
      .default(false)
      .describe("High availability: Redis HA (needs three nodes), two replicas of the server, repo server and ApplicationSet controller, each with a PodDisruptionBudget. Default: false."),
    host: hostName().optional().describe("The host name of the UI and API, e.g. argocd.example.com: routed by a Traefik IngressRoute, TLS terminates at Traefik and the server runs with server.insecure. Default: none (not published)."),
    issuer: issuerRefSchema.optional().describe("The cert-manager issuer of the host's certificate. Default: none (Traefik's default certificate)."),
    protect: middlewareRefSchema
      .optional()
      .describe("A Traefik Middleware in front of the UI, such as Authentik's ForwardAuth. The argocd CLI cannot pass it, so no gRPC route is published then. Default: none."),
    entryPoint: entryPointSchema,
    dex: z.boolean().default(false).describe("Whether the bundled Dex runs. Default: false (log in with the admin account or oidc)."),
    oidc: oidcSchema.optional(),
    admin: z.boolean().default(true).describe("Whether the local admin account is enabled; turn it off once SSO works. Default: true."),
    rbac: z
      .object({
        defaultRole: z.string().default("role:readonly").describe("The role of every authenticated user without another (policy.default); empty for none. Default: role:readonly."),
        policy: z.string().default("").describe("Extra Casbin policy lines (policy.csv), e.g. `g, platform-admins, role:admin`. Default: none."),
        scopes: z.array(z.string().min(1)).default(["groups"]).describe("The OIDC claims whose values policy lines can name. Default: groups."),
      })
      .strict()
      .prefault({})
      .describe("Argo CD RBAC (the argocd-rbac-cm ConfigMap)."),
    metrics: metricsSchema.optional(),
    values: valuesProp("argo-cd"),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.oidc !== undefined && props.host === undefined) {
      ctx.addIssue({ code: "custom", path: ["oidc"], message: "needs host: the provider redirects to https://<host>/auth/callback" });
    }
    if (props.oidc !== undefined && props.dex) {
      ctx.addIssue({ code: "custom", path: ["dex"], message: "use dex or oidc, not both" });
    }
    for (const field of ["issuer", "protect"] as const) {
      if (props[field] !== undefined && props.host === undefined) ctx.addIssue({ code: "custom", path: [field], message: "applies to the published UI: set host too" });
    }
  });

/** The input of {@link argoCd}; every field has a default. */
export type ArgoCdProps = Omit<z.input<typeof argoCdProps>, "values"> & {
  /** More argo-cd chart values, merged last. @default none */
  readonly values?: ArgoCdValues;
};

/** The Argo CD workloads whose metrics are scraped: chart key, Service name suffix. */
const METRICS_TARGETS = [
  { key: "controller", component: "application-controller" },
  { key: "server", component: "server" },
  { key: "repoServer", component: "repo-server" },
  { key: "applicationSet", component: "applicationset-controller" },
] as const;

/** The oidc.config text of argocd-cm: YAML, with every value JSON-quoted. */
function oidcConfig(oidc: z.output<typeof oidcSchema>): string {
  return [
    `name: ${JSON.stringify(oidc.name)}`,
    `issuer: ${JSON.stringify(oidc.issuer)}`,
    `clientID: ${JSON.stringify(oidc.clientID)}`,
    `clientSecret: ${JSON.stringify(`$${oidc.clientSecret.name}:${oidc.clientSecret.key}`)}`,
    `requestedScopes: [${oidc.scopes.map((scope) => JSON.stringify(scope)).join(", ")}]`,
    "",
  ].join("\n");
}

/**
 * Renders Argo CD: a Namespace, the argo-helm HelmRepository and a
 * HelmRelease named `argocd` (objects `argocd-server`, …); with `host`, a
 * Traefik IngressRoute (UI and gRPC) and its Certificate; with `metrics`,
 * ServiceMonitors of the controller, server, repo server and ApplicationSet
 * controller.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function argoCd(input: ArgoCdProps = {}): Component {
  const props = parseProps(argoCdProps, input, "argoCd");
  const { namespace } = props;
  const metricsOn = props.metrics !== undefined && props.metrics.enabled;
  const replicas = props.ha ? 2 : 1;
  const workload = (key: (typeof METRICS_TARGETS)[number]["key"]): ArgoCdComponentValues => ({
    ...(key === "controller" ? { replicas: 1 } : { replicas }),
    ...(props.ha && key !== "controller" ? { pdb: { enabled: true, minAvailable: 1 } } : {}),
    metrics: { enabled: metricsOn },
  });
  const cm: Record<string, unknown> = { "admin.enabled": props.admin };
  if (props.oidc !== undefined) cm["oidc.config"] = oidcConfig(props.oidc);
  const values: ArgoCdValues = {
    fullnameOverride: ARGO_CD_FULLNAME,
    ...(props.host === undefined ? {} : { global: { domain: props.host } }),
    configs: {
      cm,
      params: { "server.insecure": props.host !== undefined },
      rbac: { "policy.default": props.rbac.defaultRole, "policy.csv": props.rbac.policy, scopes: `[${props.rbac.scopes.join(", ")}]` },
    },
    dex: { enabled: props.dex },
    "redis-ha": { enabled: props.ha },
    controller: workload("controller"),
    server: workload("server"),
    repoServer: workload("repoServer"),
    applicationSet: workload("applicationSet"),
  };
  const configs: ApiObject[] = [];
  if (props.host !== undefined) {
    const server = `${ARGO_CD_FULLNAME}-server`;
    configs.push(
      ...webUiRoute({
        // Not argocd-server: its -tls Secret would be the one argocd-server serves itself.
        name: `${ARGO_CD_FULLNAME}-web`,
        namespace,
        host: props.host,
        entryPoints: [props.entryPoint],
        ...(props.issuer === undefined ? {} : { certificate: { issuer: props.issuer } }),
        defaultTls: true,
        ...(props.protect === undefined ? {} : { middlewares: [props.protect] }),
        backends: [
          { name: server, port: 80 },
          ...(props.protect === undefined ? [{ name: server, port: 80, scheme: "h2c" as const, extraMatch: "Header(`Content-Type`, `application/grpc`)", priority: 100 }] : []),
        ],
      }).objects,
    );
  }
  for (const target of METRICS_TARGETS) {
    const name = `${ARGO_CD_FULLNAME}-${target.component}`;
    configs.push(
      ...monitorsFor(props.metrics, {
        name,
        namespace,
        selector: { "app.kubernetes.io/name": `${name}-metrics`, "app.kubernetes.io/instance": ARGO_CD_FULLNAME },
        port: "http-metrics",
        path: "/metrics",
        scheme: "http",
      }),
    );
  }
  return {
    name: "argo-cd",
    controllers: helmChart<ArgoCdValues>({
      name: ARGO_CD_FULLNAME,
      namespace,
      chart: ARGO_CD_CHART,
      version: props.version,
      source: "argo",
      values,
      overrides: props.values,
    }),
    ...(configs.length === 0 ? {} : { configs }),
  };
}
