/**
 * The Gateway API HTTPRoute (`gateway.networking.k8s.io/v1`): host names
 * and request matches (path, headers, method, query) attached to Gateway
 * listeners and sent to weighted Services, with filters such as the
 * HTTP → HTTPS redirect.
 */
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { IHTTPRouteFilter } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteFilter";
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import { hostName } from "../shared/host-name.ts";
import { sectionName } from "./gateway.ts";

/**
 * The RequestRedirect filter that sends a request to the same URL over
 * HTTPS, permanently (301 by default).
 */
export function httpsRedirectFilter(statusCode: 301 | 302 | 303 | 307 | 308 = 301): IHTTPRouteFilter {
  return { type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode } };
}

/** A reference to the Gateway (listener) a route attaches to. */
export const parentRefSchema = z
  .object({
    name: objectName().describe("The Gateway's name."),
    namespace: namespaceName().optional().describe("The Gateway's namespace. Default: the route's."),
    sectionName: sectionName().optional().describe("The listener's name, e.g. https. Default: every listener that allows the route."),
  })
  .strict();

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/, "expected an HTTP header name such as X-Canary");

const match = z
  .object({
    path: z
      .object({
        type: z.enum(["PathPrefix", "Exact", "RegularExpression"]).default("PathPrefix").describe("How the path matches. Default: PathPrefix."),
        value: z.string().startsWith("/", "a path starts with /").max(1024).describe("The path, e.g. /api."),
      })
      .strict()
      .optional()
      .describe("The request path. Default: any path (PathPrefix /)."),
    headers: z
      .array(
        z
          .object({
            name: headerName.describe("The header's name."),
            value: z.string().min(1).max(4096).describe("The header's value."),
            type: z.enum(["Exact", "RegularExpression"]).default("Exact").describe("How the value matches. Default: Exact."),
          })
          .strict(),
      )
      .max(16)
      .default([])
      .describe("Headers the request must carry, all of them. Default: none."),
    method: z.enum(["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]).optional().describe("The HTTP method. Default: any."),
    queryParams: z
      .array(
        z
          .object({
            name: z.string().min(1).max(256).describe("The query parameter's name."),
            value: z.string().min(1).max(1024).describe("Its value."),
            type: z.enum(["Exact", "RegularExpression"]).default("Exact").describe("How the value matches. Default: Exact."),
          })
          .strict(),
      )
      .max(16)
      .default([])
      .describe("Query parameters the request must carry. Default: none."),
  })
  .strict();

const backendRef = z
  .object({
    name: objectName().describe("The Service's name."),
    port: z.number().int().min(1).max(65535).describe("The Service port."),
    namespace: namespaceName().optional().describe("The Service's namespace (needs a ReferenceGrant). Default: the route's."),
    weight: z.number().int().min(0).max(1000000).optional().describe("The share of requests, relative to the rule's other backends (0: none). Default: 1."),
  })
  .strict();

const filter = z.custom<IHTTPRouteFilter>(
  (value) => typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string",
  "expected a Gateway API HTTPRouteFilter { type, … }",
);

const rule = z
  .object({
    name: sectionName().optional().describe("The rule's name. Default: none."),
    matches: z.array(match).max(64).default([]).describe("Any of these matches selects the rule. Default: every request (PathPrefix /)."),
    backendRefs: z.array(backendRef).default([]).describe("The Services the requests go to, by weight. Default: none (a redirect rule)."),
    redirectToHttps: z.boolean().default(false).describe("Whether the rule redirects to HTTPS (301) instead of forwarding; then it has no backendRefs. Default: false."),
    filters: z.array(filter).max(16).default([]).describe("Gateway API filters, e.g. RequestHeaderModifier or URLRewrite. Default: none."),
    requestTimeout: z.string().regex(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/, "expected a duration such as 30s or 1m").optional().describe("How long a request may take, upstream retries included. Default: the implementation's."),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.redirectToHttps && value.backendRefs.length > 0) ctx.addIssue({ code: "custom", path: ["backendRefs"], message: "cannot be given with redirectToHttps: a redirect sends nothing to a backend" });
    const redirects = value.redirectToHttps || value.filters.some((f) => f.type === "RequestRedirect");
    if (!redirects && value.backendRefs.length === 0) ctx.addIssue({ code: "custom", path: ["backendRefs"], message: "give at least one backend, or redirectToHttps" });
  });

/** The props of {@link httpRoute}. */
export const httpRouteProps = z
  .object({
    name: objectName().describe("The HTTPRoute's name."),
    namespace: namespaceName().describe("The HTTPRoute's namespace: where its Services are."),
    parentRefs: z.array(parentRefSchema).min(1, "give at least one Gateway").max(32).describe("The Gateways (listeners) the route attaches to."),
    hostnames: z.array(hostName({ wildcard: true })).max(16).default([]).describe("The host names the route serves, e.g. [\"app.example.org\"]. Default: the listeners' host names."),
    rules: z.array(rule).min(1, "give at least one rule").max(16).describe("The rules: matches to backends, in order."),
  })
  .strict();

/** The input of {@link httpRoute}. */
export type HttpRouteInput = z.input<typeof httpRouteProps>;

/**
 * Builds a Gateway API HTTPRoute: each rule's matches (path, headers,
 * method, query) go to its weighted backends, or redirect to HTTPS.
 *
 * @example
 * httpRoute({ name: "web", namespace: "web", parentRefs: [{ name: "public", namespace: "traefik", sectionName: "https" }],
 *   hostnames: ["web.example.org"], rules: [{ backendRefs: [{ name: "web", port: 80 }] }] });
 * @throws {UserError} naming every invalid or unknown field, and rules without a backend or a redirect.
 */
export function httpRoute(input: HttpRouteInput): HTTPRoute {
  const props = parseProps(httpRouteProps, input, `httpRoute ${JSON.stringify(input.name)}`);
  return new HTTPRoute({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      parentRefs: props.parentRefs.map((ref) => ({
        group: "gateway.networking.k8s.io",
        kind: "Gateway",
        name: ref.name,
        ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }),
        ...(ref.sectionName === undefined ? {} : { sectionName: ref.sectionName }),
      })),
      ...(props.hostnames.length > 0 ? { hostnames: props.hostnames } : {}),
      rules: props.rules.map((r) => {
        const filters = [...(r.redirectToHttps ? [httpsRedirectFilter()] : []), ...r.filters];
        return {
          ...(r.name === undefined ? {} : { name: r.name }),
          matches: (r.matches.length === 0 ? [{ headers: [], queryParams: [] }] : r.matches).map((m) => ({
            path: m.path ?? { type: "PathPrefix" as const, value: "/" },
            ...(m.headers.length > 0 ? { headers: m.headers.map((h) => ({ type: h.type, name: h.name, value: h.value })) } : {}),
            ...(m.method === undefined ? {} : { method: m.method }),
            ...(m.queryParams.length > 0 ? { queryParams: m.queryParams.map((q) => ({ type: q.type, name: q.name, value: q.value })) } : {}),
          })),
          ...(filters.length > 0 ? { filters } : {}),
          ...(r.backendRefs.length > 0
            ? {
                backendRefs: r.backendRefs.map((b) => ({
                  group: "",
                  kind: "Service",
                  name: b.name,
                  ...(b.namespace === undefined ? {} : { namespace: b.namespace }),
                  port: b.port,
                  weight: b.weight ?? 1,
                })),
              }
            : {}),
          ...(r.requestTimeout === undefined ? {} : { timeouts: { request: r.requestTimeout } }),
        };
      }),
    },
  });
}

/** The props of {@link httpsRedirectRoute}. */
export const httpsRedirectRouteProps = httpRouteProps.omit({ rules: true }).strict();

/** The input of {@link httpsRedirectRoute}. */
export type HttpsRedirectRouteInput = z.input<typeof httpsRedirectRouteProps>;

/**
 * Builds an HTTPRoute that redirects every request for its host names to
 * HTTPS: attach it to the Gateway's HTTP listener. Without hostnames it
 * redirects every host of the listener: one such route per Gateway, as
 * the unique-hosts policy lets one route claim a host name.
 *
 * @example
 * httpsRedirectRoute({ name: "https-redirect", namespace: "traefik", parentRefs: [{ name: "public", sectionName: "http" }] });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function httpsRedirectRoute(input: HttpsRedirectRouteInput): HTTPRoute {
  parseProps(httpsRedirectRouteProps, input, `httpsRedirectRoute ${JSON.stringify(input.name)}`);
  return httpRoute({ ...input, rules: [{ redirectToHttps: true }] });
}
