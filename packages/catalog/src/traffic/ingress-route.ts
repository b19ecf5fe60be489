/**
 * The Traefik IngressRoute (`traefik.io/v1alpha1`): host names and paths
 * routed to Services through Middlewares, with TLS from a Secret or from a
 * cert-manager Certificate rendered beside it.
 */
import { namespaceName, objectName, parseProps, type ApiObject } from "@typed-gitops/lib";
import { z } from "zod";
import { certificate } from "../certificates/certificate.ts";
import { hostName } from "../shared/host-name.ts";
import { entryPointsProp, hostRule, traefikIngressRoute } from "../shared/web-route.ts";
import { issuerRefSchema, middlewareRefSchema } from "../wiring.ts";

const serviceRef = z
  .object({
    name: z.string().min(1, "must not be empty").describe("The Service's name, or a TraefikService such as api@internal."),
    port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]).optional().describe("The Service port, by number or name; required for a Service. Default: none (for a TraefikService)."),
    namespace: namespaceName().optional().describe("The Service's namespace (needs allowCrossNamespace in Traefik). Default: the IngressRoute's."),
    kind: z.enum(["Service", "TraefikService"]).default("Service").describe("Service (a Kubernetes Service) or TraefikService. Default: Service."),
    weight: z.number().int().min(0).optional().describe("The share of traffic among the route's services. Default: equal shares."),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.kind === "Service" && value.port === undefined) ctx.addIssue({ code: "custom", path: ["port"], message: "is required for a Service" });
  });

const route = z
  .object({
    pathPrefix: z.string().startsWith("/", "a path prefix starts with /").optional().describe("Only requests under this path prefix, e.g. /api. Default: every path."),
    match: z.string().min(1).optional().describe("A raw Traefik rule, e.g. Host(`a.example.org`) && Header(`X-Canary`, `1`), replacing hosts and pathPrefix. Default: built from hosts and pathPrefix."),
    services: z.array(serviceRef).min(1, "give at least one service").describe("Where the requests go."),
    middlewares: z.array(middlewareRefSchema).default([]).describe("Middlewares of this route, after the IngressRoute's own. Default: none."),
    priority: z.number().int().min(1).optional().describe("The route's priority among overlapping rules. Default: the rule's length."),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.match !== undefined && value.pathPrefix !== undefined) ctx.addIssue({ code: "custom", path: ["pathPrefix"], message: "cannot be given with match: put the path into the match rule" });
  });

const tls = z
  .object({
    secretName: objectName().optional().describe("The TLS Secret (tls.crt, tls.key) in the IngressRoute's namespace. Default: <name>-tls when issuer is given."),
    issuer: issuerRefSchema.optional().describe("Renders a cert-manager Certificate for the hosts from this issuer into secretName. Default: none (the Secret exists)."),
    options: z
      .object({ name: objectName().describe("The TLSOption's name."), namespace: namespaceName().describe("The TLSOption's namespace.") })
      .strict()
      .optional()
      .describe("The TLSOption of the route. Default: Traefik's default TLSOption."),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.secretName === undefined && value.issuer === undefined) ctx.addIssue({ code: "custom", message: "give secretName, issuer, or both" });
  });

/** The props of {@link ingressRoute}. */
export const ingressRouteProps = z
  .object({
    name: objectName().describe("The IngressRoute's name."),
    namespace: namespaceName().describe("The IngressRoute's namespace: where its Services, Secret and Certificate are."),
    hosts: z.array(hostName()).min(1, "give at least one host").describe("The host names routed, e.g. [\"app.example.org\"]; also the Certificate's names."),
    entryPoints: entryPointsProp(),
    routes: z.array(route).min(1, "give at least one route").describe("The routes: path prefixes (or raw rules) to services, in order."),
    middlewares: z.array(middlewareRefSchema).default([]).describe("Middlewares of every route, e.g. Authentik's forwardAuth { name, namespace }. Default: none."),
    tls: tls.optional().describe("TLS from a Secret, or from a Certificate of the given issuer. Default: the entrypoint's TLS (Traefik's default certificate)."),
  })
  .strict();

/** The input of {@link ingressRoute}. */
export type IngressRouteInput = z.input<typeof ingressRouteProps>;

/**
 * Builds a Traefik IngressRoute for the hosts, one route per entry of
 * `routes`; with `tls.issuer`, also the cert-manager Certificate of the
 * hosts. Returns `[IngressRoute]` or `[IngressRoute, Certificate]`.
 *
 * @example
 * ingressRoute({
 *   name: "web", namespace: "web", hosts: ["web.example.org"],
 *   routes: [{ services: [{ name: "web", port: 80 }] }],
 *   middlewares: [{ name: "authentik", namespace: "authentik" }],
 *   tls: { issuer: certManagerIssuers.production },
 * });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function ingressRoute(input: IngressRouteInput): ApiObject[] {
  const props = parseProps(ingressRouteProps, input, `ingressRoute ${JSON.stringify(input.name)}`);
  const secretName = props.tls === undefined ? undefined : (props.tls.secretName ?? `${props.name}-tls`);
  const route = traefikIngressRoute({
    name: props.name,
    namespace: props.namespace,
    entryPoints: props.entryPoints,
    routes: props.routes.map((r) => ({
      match: r.match ?? hostRule(props.hosts, r.pathPrefix),
      ...(r.priority === undefined ? {} : { priority: r.priority }),
      middlewares: [...props.middlewares, ...r.middlewares],
      services: r.services,
    })),
    ...(props.tls === undefined ? {} : { tls: { secretName, ...(props.tls.options === undefined ? {} : { options: props.tls.options }) } }),
  });
  if (props.tls?.issuer === undefined || input.tls?.issuer === undefined) return [route];
  // The input's issuer ref, not the parsed copy: it may know its solvers.
  return [route, certificate({ name: secretName!, namespace: props.namespace, dnsNames: props.hosts, secretName, issuerRef: input.tls.issuer })];
}
