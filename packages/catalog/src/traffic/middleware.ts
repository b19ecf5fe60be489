/**
 * The Traefik Middleware (`traefik.io/v1alpha1`): one request or response
 * transformation that IngressRoutes chain in front of their services —
 * authentication, security headers, redirects, prefixes, rate limits and
 * IP allow lists.
 */
import { Middleware } from "@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware";
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import { stringMap } from "../shared/string-map.ts";

/** An IPv4 or IPv6 address or CIDR range, e.g. `10.0.0.0/8`. */
const CIDR = /^(([0-9]{1,3}\.){3}[0-9]{1,3}(\/([0-9]|[12][0-9]|3[0-2]))?|[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]))?)$/;

const forwardAuth = z
  .object({
    address: z.string().regex(/^https?:\/\/\S+$/, "expected an http:// or https:// URL").describe("The authentication server's URL, e.g. Authentik's outpost http://ak-outpost-authentik-embedded-outpost.authentik:9000/outpost.goauthentik.io/auth/traefik."),
    trustForwardHeader: z.boolean().default(false).describe("Whether X-Forwarded-* headers of the request are passed on (trust them only behind a proxy you control). Default: false."),
    authResponseHeaders: z.array(z.string().min(1)).default([]).describe("Headers of the auth server's response copied to the forwarded request, e.g. X-authentik-username. Default: none."),
    authRequestHeaders: z.array(z.string().min(1)).optional().describe("The request headers sent to the auth server. Default: all of them."),
  })
  .strict()
  .describe("Delegates authentication to a server (Authentik, oauth2-proxy, Authelia): 2xx lets the request through. Default: none.");

const basicAuth = z
  .object({
    secretName: objectName().describe("The Secret in the Middleware's namespace holding htpasswd lines under the key `users` (or a kubernetes.io/basic-auth Secret); created by you (SOPS, SealedSecret or ExternalSecret)."),
    realm: z.string().min(1).default("traefik").describe("The realm shown by browsers. Default: traefik."),
    removeHeader: z.boolean().default(true).describe("Whether the Authorization header is removed before the request reaches the service. Default: true."),
  })
  .strict()
  .describe("HTTP basic authentication against users from a Secret. Default: none.");

const headers = z
  .object({
    stsSeconds: z.number().int().min(0).default(31536000).describe("Strict-Transport-Security max-age in seconds; 0 sends no HSTS header. Default: 31536000 (one year)."),
    stsIncludeSubdomains: z.boolean().default(true).describe("Whether HSTS covers subdomains. Default: true."),
    stsPreload: z.boolean().default(false).describe("Whether HSTS asks for browser preloading (hard to undo). Default: false."),
    frameDeny: z.boolean().default(true).describe("X-Frame-Options: DENY. Default: true."),
    contentTypeNosniff: z.boolean().default(true).describe("X-Content-Type-Options: nosniff. Default: true."),
    referrerPolicy: z.string().min(1).default("strict-origin-when-cross-origin").describe("The Referrer-Policy header. Default: strict-origin-when-cross-origin."),
    contentSecurityPolicy: z.string().min(1).optional().describe("The Content-Security-Policy header. Default: none."),
    permissionsPolicy: z.string().min(1).optional().describe("The Permissions-Policy header. Default: none."),
    customRequestHeaders: stringMap.default({}).describe("Headers set on the request (an empty value removes one). Default: none."),
    customResponseHeaders: stringMap.default({}).describe("Headers set on the response (an empty value removes one, e.g. Server). Default: none."),
  })
  .strict()
  .describe("Security headers (HSTS, frame, sniffing and referrer policies) and custom headers. Default: none.");

const redirectScheme = z
  .object({
    scheme: z.enum(["https", "http"]).default("https").describe("The scheme to redirect to. Default: https."),
    permanent: z.boolean().default(true).describe("A permanent (308/301) rather than temporary redirect. Default: true."),
    port: z.number().int().min(1).max(65535).optional().describe("The port to redirect to. Default: the scheme's standard port."),
  })
  .strict()
  .describe("Redirects to another scheme, e.g. HTTP to HTTPS. Default: none.");

const stripPrefix = z
  .object({
    prefixes: z.array(z.string().startsWith("/", "a prefix starts with /")).min(1, "give at least one prefix").describe("The path prefixes removed before forwarding, e.g. [\"/api\"]."),
  })
  .strict()
  .describe("Removes path prefixes before the request reaches the service. Default: none.");

const rateLimit = z
  .object({
    average: z.number().int().min(1).describe("The average requests allowed per period and source."),
    burst: z.number().int().min(1).default(1).describe("The requests allowed at once above the average. Default: 1."),
    period: z.string().regex(/^[0-9]+(ms|s|m|h)$/, "expected a duration such as 1s or 1m").default("1s").describe("The period of the average. Default: 1s."),
    sourceDepth: z.number().int().min(1).optional().describe("Group requests by the client IP at this depth of X-Forwarded-For (behind a proxy or CDN). Default: the remote address."),
  })
  .strict()
  .describe("Limits requests per source (client IP) to average per period, with bursts. Default: none.");

const ipAllowList = z
  .object({
    sourceRange: z.array(z.string().regex(CIDR, "expected an IP address or CIDR range such as 10.0.0.0/8")).min(1, "give at least one address or range").describe("The client addresses or CIDR ranges allowed; others get 403."),
    depth: z.number().int().min(1).optional().describe("Read the client IP at this depth of X-Forwarded-For (behind a proxy or CDN). Default: the remote address."),
  })
  .strict()
  .describe("Allows only clients from the given addresses or ranges. Default: none.");

/** The kinds of middleware {@link middleware} builds, each a prop of the same name. */
export const MIDDLEWARE_KINDS = ["forwardAuth", "basicAuth", "headers", "redirectScheme", "stripPrefix", "rateLimit", "ipAllowList"] as const;

/** The props of {@link middleware}. */
export const middlewareProps = z
  .object({
    name: objectName().describe("The Middleware's name; routes refer to it as { name, namespace }."),
    namespace: namespaceName().describe("The Middleware's namespace."),
    forwardAuth: forwardAuth.optional(),
    basicAuth: basicAuth.optional(),
    headers: headers.optional(),
    redirectScheme: redirectScheme.optional(),
    stripPrefix: stripPrefix.optional(),
    rateLimit: rateLimit.optional(),
    ipAllowList: ipAllowList.optional(),
  })
  .strict()
  .superRefine((props, ctx) => {
    const given = MIDDLEWARE_KINDS.filter((kind) => props[kind] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: "custom", message: `${given.length === 0 ? "give" : `${given.join(" and ")} cannot be given together: give`} exactly one of ${MIDDLEWARE_KINDS.join(", ")} (chain several Middlewares on a route instead)` });
    }
  });

/** The input of {@link middleware}. */
export type MiddlewareInput = z.input<typeof middlewareProps>;

const nonEmpty = (map: Readonly<Record<string, string>>) => (Object.keys(map).length > 0 ? map : undefined);

/**
 * Builds a Traefik Middleware of one kind: `forwardAuth`, `basicAuth`,
 * `headers`, `redirectScheme`, `stripPrefix`, `rateLimit` or `ipAllowList`.
 *
 * @example
 * middleware({ name: "security-headers", namespace: "traefik", headers: {} });
 * middleware({ name: "authentik", namespace: "authentik", forwardAuth: { address: "http://ak-outpost:9000/outpost.goauthentik.io/auth/traefik", trustForwardHeader: true, authResponseHeaders: ["X-authentik-username"] } });
 * @throws {UserError} naming every invalid or unknown field, and none or several kinds.
 */
export function middleware(input: MiddlewareInput): Middleware {
  const props = parseProps(middlewareProps, input, `middleware ${JSON.stringify(input.name)}`);
  const spec: Middleware["spec"] = {};
  if (props.forwardAuth !== undefined) {
    const auth = props.forwardAuth;
    spec.forwardAuth = {
      address: auth.address,
      trustForwardHeader: auth.trustForwardHeader,
      ...(auth.authResponseHeaders.length > 0 ? { authResponseHeaders: auth.authResponseHeaders } : {}),
      ...(auth.authRequestHeaders === undefined ? {} : { authRequestHeaders: auth.authRequestHeaders }),
    };
  }
  if (props.basicAuth !== undefined) spec.basicAuth = { secret: props.basicAuth.secretName, realm: props.basicAuth.realm, removeHeader: props.basicAuth.removeHeader };
  if (props.headers !== undefined) {
    const h = props.headers;
    spec.headers = {
      ...(h.stsSeconds > 0 ? { stsSeconds: h.stsSeconds, stsIncludeSubdomains: h.stsIncludeSubdomains, stsPreload: h.stsPreload } : {}),
      frameDeny: h.frameDeny,
      contentTypeNosniff: h.contentTypeNosniff,
      referrerPolicy: h.referrerPolicy,
      contentSecurityPolicy: h.contentSecurityPolicy,
      permissionsPolicy: h.permissionsPolicy,
      customRequestHeaders: nonEmpty(h.customRequestHeaders),
      customResponseHeaders: nonEmpty(h.customResponseHeaders),
    };
  }
  if (props.redirectScheme !== undefined) {
    const r = props.redirectScheme;
    spec.redirectScheme = { scheme: r.scheme, permanent: r.permanent, ...(r.port === undefined ? {} : { port: String(r.port) }) };
  }
  if (props.stripPrefix !== undefined) spec.stripPrefix = { prefixes: props.stripPrefix.prefixes };
  if (props.rateLimit !== undefined) {
    const r = props.rateLimit;
    spec.rateLimit = { average: r.average, burst: r.burst, period: r.period, ...(r.sourceDepth === undefined ? {} : { sourceCriterion: { ipStrategy: { depth: r.sourceDepth } } }) };
  }
  if (props.ipAllowList !== undefined) {
    const a = props.ipAllowList;
    spec.ipAllowList = { sourceRange: a.sourceRange, ...(a.depth === undefined ? {} : { ipStrategy: { depth: a.depth } }) };
  }
  return new Middleware({ metadata: { name: props.name, namespace: props.namespace }, spec });
}
