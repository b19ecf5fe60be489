/**
 * Grafana in kube-prometheus-stack: its admin login from an existing
 * Secret (never a password in values), and optionally a host served by a
 * Traefik IngressRoute with a cert-manager Certificate and a protecting
 * Middleware such as Authentik's forward auth.
 */
import { objectName, type ApiObject } from "@typed-gitops/lib";
import { z } from "zod";
import { hostName } from "../shared/host-name.ts";
import { resourcesProp, type ContainerResources } from "../shared/resources.ts";
import { secretKey } from "../shared/secret-ref.ts";
import { entryPointsProp, webUiRoute } from "../shared/web-route.ts";
import { issuerRefSchema, middlewareRefSchema } from "../wiring.ts";
import { volumeProps } from "./volume-claim.ts";

/** The Grafana props of kube-prometheus-stack. */
export const grafanaProps = z
  .object({
    adminSecret: z
      .object({
        name: objectName().describe("The Secret's name, in the stack's namespace (created by you, SOPS, a SealedSecret or an ExternalSecret)."),
        userKey: secretKey().default("admin-user").describe("The key holding the admin user name. Default: admin-user."),
        passwordKey: secretKey().default("admin-password").describe("The key holding the admin password. Default: admin-password."),
      })
      .strict()
      .describe("The existing Secret with Grafana's admin login (admin.existingSecret); the chart's built-in password is never used."),
    host: hostName({ fullyQualified: true }).optional().describe("The host Grafana is served on through a Traefik IngressRoute, e.g. grafana.example.org. Default: none (no route; reach it with kubectl port-forward)."),
    tls: issuerRefSchema.optional().describe("The cert-manager issuer of the host's certificate; a Certificate is rendered and the route serves it. Needs host. Default: none (the route has no TLS section)."),
    middleware: middlewareRefSchema
      .optional()
      .describe("A Traefik Middleware the route goes through, e.g. Authentik's forward auth. In another namespace, Traefik must allow cross-namespace references. Needs host. Default: none."),
    entryPoints: entryPointsProp(),
    persistence: volumeProps("the volume", "5Gi")
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
export function grafanaRouteObjects(props: GrafanaProps | undefined, service: GrafanaService): ApiObject[] {
  if (props?.host === undefined) return [];
  // The IngressRoute grafana; the Certificate and its Secret grafana-tls.
  return [
    ...webUiRoute({
      name: "grafana",
      namespace: service.namespace,
      host: props.host,
      entryPoints: props.entryPoints,
      ...(props.middleware === undefined ? {} : { middlewares: [props.middleware] }),
      ...(props.tls === undefined ? {} : { certificate: { issuer: props.tls, name: "grafana-tls" } }),
      backends: [{ kind: "Service", name: service.name, namespace: service.namespace, port: service.port }],
    }).objects,
  ];
}
