/**
 * Grafana in kube-prometheus-stack: its admin login from an existing
 * Secret (never a password in values), and optionally a host served by a
 * Traefik IngressRoute with a cert-manager Certificate and a protecting
 * Middleware such as Authentik's forward auth.
 */
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { IngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import { objectName } from "@typed-gitops/lib";
import { z } from "zod";
import { issuerRefSchema, middlewareRefSchema } from "../wiring.ts";
import { hostName, quantity, resourcesProp, type ContainerResources } from "./chart-props.ts";

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** The Grafana props of kube-prometheus-stack. */
export const grafanaProps = z
  .object({
    adminSecret: z
      .object({
        name: objectName().describe("The Secret's name, in the stack's namespace (created by you, SOPS, a SealedSecret or an ExternalSecret)."),
        userKey: z.string().regex(SECRET_KEY, "expected a Secret key").default("admin-user").describe("The key holding the admin user name. Default: admin-user."),
        passwordKey: z.string().regex(SECRET_KEY, "expected a Secret key").default("admin-password").describe("The key holding the admin password. Default: admin-password."),
      })
      .strict()
      .describe("The existing Secret with Grafana's admin login (admin.existingSecret); the chart's built-in password is never used."),
    host: hostName().optional().describe("The host Grafana is served on through a Traefik IngressRoute, e.g. grafana.example.org. Default: none (no route; reach it with kubectl port-forward)."),
    tls: issuerRefSchema.optional().describe("The cert-manager issuer of the host's certificate; a Certificate is rendered and the route serves it. Needs host. Default: none (the route has no TLS section)."),
    middleware: middlewareRefSchema
      .optional()
      .describe("A Traefik Middleware the route goes through, e.g. Authentik's forward auth. In another namespace, Traefik must allow cross-namespace references. Needs host. Default: none."),
    entryPoints: z.array(z.string().min(1)).min(1).default(["websecure"]).describe("The Traefik entry points the route listens on. Default: [websecure]."),
    persistence: z
      .object({
        size: quantity().describe("The volume size, e.g. 5Gi."),
        storageClassName: objectName().optional().describe("The StorageClass. Default: the cluster's default class."),
      })
      .strict()
      .optional()
      .describe("A PersistentVolumeClaim for Grafana's database (users, UI-made dashboards). Default: none (dashboards come from ConfigMaps)."),
    resources: resourcesProp({ cpu: "50m", memory: "128Mi", memoryLimit: "512Mi" }, "the Grafana container"),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.host !== undefined) return;
    if (props.tls !== undefined) ctx.addIssue({ code: "custom", path: ["tls"], message: "a certificate needs a host: set grafana.host too" });
    if (props.middleware !== undefined) ctx.addIssue({ code: "custom", path: ["middleware"], message: "a middleware needs a route: set grafana.host too" });
  })
  .describe("Grafana, its admin Secret and optional route. Default: none (Grafana is not deployed).");

/** The parsed Grafana props. */
export type GrafanaProps = z.output<typeof grafanaProps>;

/** The Grafana subchart values this component sets. */
export interface GrafanaValues {
  /** Whether the Grafana subchart is deployed. */
  readonly enabled: boolean;
  /** The admin login from an existing Secret. */
  readonly admin?: { readonly existingSecret: string; readonly userKey: string; readonly passwordKey: string };
  /** grafana.ini settings: the public URL behind the route. */
  readonly "grafana.ini"?: { readonly server: { readonly root_url: string } };
  /** The Grafana container's resources. */
  readonly resources?: ContainerResources;
  /** The database volume. */
  readonly persistence?: { readonly enabled: boolean; readonly size: string; readonly storageClassName?: string };
}

/** Whether the route is served over HTTPS: with a certificate, or on Traefik's websecure entry point (TLS there by default). */
function https(props: GrafanaProps): boolean {
  return props.tls !== undefined || props.entryPoints.includes("websecure");
}

/** The Grafana subchart values for the props (`{ enabled: false }` without them). */
export function grafanaValues(props: GrafanaProps | undefined): GrafanaValues {
  if (props === undefined) return { enabled: false };
  return {
    enabled: true,
    admin: { existingSecret: props.adminSecret.name, userKey: props.adminSecret.userKey, passwordKey: props.adminSecret.passwordKey },
    ...(props.host === undefined ? {} : { "grafana.ini": { server: { root_url: `${https(props) ? "https" : "http"}://${props.host}` } } }),
    resources: props.resources,
    ...(props.persistence === undefined
      ? {}
      : { persistence: { enabled: true, size: props.persistence.size, ...(props.persistence.storageClassName === undefined ? {} : { storageClassName: props.persistence.storageClassName }) } }),
  };
}

/** Where the Grafana Service of the chart is: `<release>-grafana`, port 80. */
export interface GrafanaService {
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
}

/**
 * The IngressRoute (and Certificate, with `tls`) that serve Grafana on its
 * host; none without a host.
 */
export function grafanaRouteObjects(props: GrafanaProps | undefined, service: GrafanaService): (IngressRoute | Certificate)[] {
  if (props?.host === undefined) return [];
  const secretName = "grafana-tls";
  const route = new IngressRoute({
    metadata: { name: "grafana", namespace: service.namespace },
    spec: {
      entryPoints: props.entryPoints,
      routes: [
        {
          kind: "Rule",
          match: `Host(\`${props.host}\`)`,
          ...(props.middleware === undefined ? {} : { middlewares: [{ name: props.middleware.name, namespace: props.middleware.namespace }] }),
          services: [{ kind: "Service", name: service.name, namespace: service.namespace, port: service.port }],
        },
      ],
      ...(props.tls === undefined ? {} : { tls: { secretName } }),
    },
  });
  if (props.tls === undefined) return [route];
  const certificate = new Certificate({
    metadata: { name: secretName, namespace: service.namespace },
    spec: {
      secretName,
      dnsNames: [props.host],
      issuerRef: { name: props.tls.name, kind: props.tls.kind, group: "cert-manager.io" },
    },
  });
  return [certificate, route];
}
