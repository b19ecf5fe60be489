/**
 * Traefik IngressRoutes (`traefik.io/v1alpha1`), built one way for every
 * component: the general builder behind `ingressRoute()`, and the route of a
 * web UI on one host with its cert-manager Certificate, optional
 * Middlewares (such as authentik's ForwardAuth) and, for a backend that
 * serves HTTPS itself, a ServersTransport that trusts its CA.
 */
import type { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { IngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import { ServersTransport } from "@kubernetes-models/traefik/traefik.io/v1alpha1/ServersTransport";
import type { ApiObject } from "@typed-gitops/lib";
import { z } from "zod";
import type { MiddlewareRef } from "../wiring.ts";
import { tlsCertificate, type ParsedIssuerRef } from "./tls-certificate.ts";

/** A Traefik entry point name, such as `websecure`. */
export function entryPointName(): z.ZodString {
  return z.string().regex(/^[A-Za-z0-9][-A-Za-z0-9_]*$/, "expected a Traefik entry point name such as websecure");
}

/** The prop of the one Traefik entry point a host is served on. */
export const entryPointSchema = entryPointName().default("websecure").describe("The Traefik entry point that serves the host. Default: websecure.");

/** The prop of the Traefik entry points a route listens on. */
export function entryPointsProp() {
  return z.array(entryPointName()).min(1).default(["websecure"]).describe("The Traefik entry points the route listens on. Default: [websecure].");
}

/** The Traefik rule matching any of `hosts`, and with `pathPrefix` only requests under it. */
export function hostRule(hosts: readonly string[], pathPrefix?: string): string {
  const hostMatch = hosts.map((host) => `Host(\`${host}\`)`).join(" || ");
  if (pathPrefix === undefined) return hostMatch;
  return `${hosts.length > 1 ? `(${hostMatch})` : hostMatch} && PathPrefix(\`${pathPrefix}\`)`;
}

/** Where a rule sends requests: a Service (or TraefikService) port. */
export interface RouteBackend {
  /** The Service's name, or a TraefikService such as `api@internal`. */
  readonly name: string;
  /** The Service port, by number or name. @default none (a TraefikService has none) */
  readonly port?: number | string;
  /** The Service's namespace. @default the IngressRoute's */
  readonly namespace?: string;
  /** `Service` or `TraefikService`. @default not written (Traefik reads Service) */
  readonly kind?: "Service" | "TraefikService";
  /** The share of traffic among the rule's backends. @default equal shares */
  readonly weight?: number;
  /** How Traefik talks to the backend: `https` (see `serversTransport`) or `h2c` for cleartext HTTP/2 (gRPC). @default http */
  readonly scheme?: "https" | "h2c";
  /** The ServersTransport (e.g. one trusting the backend's CA). @default Traefik's default */
  readonly serversTransport?: string;
}

/** One rule of an IngressRoute. */
export interface RouteRule {
  /** The Traefik rule, e.g. from {@link hostRule}. */
  readonly match: string;
  /** The rule's priority; higher wins. @default Traefik's (the rule's length) */
  readonly priority?: number;
  /** The Middlewares requests pass through, in order. @default none */
  readonly middlewares?: readonly MiddlewareRef[];
  /** Where matching requests go. */
  readonly services: readonly RouteBackend[];
}

/** What {@link traefikIngressRoute} builds. */
export interface TraefikIngressRouteInput {
  /** The IngressRoute's name. */
  readonly name: string;
  /** Its namespace. */
  readonly namespace: string;
  /** The entry points it listens on. */
  readonly entryPoints: readonly string[];
  /** Its rules, in order. */
  readonly routes: readonly RouteRule[];
  /** TLS: the Secret served and the TLSOption; `{}` for the entry point's default certificate. @default no TLS section */
  readonly tls?: { readonly secretName?: string; readonly options?: { readonly name: string; readonly namespace: string } };
}

/**
 * The rules that let paths of a protected host skip its middlewares (a
 * middleware's `bypass`, such as authentik's outpost path), once per rule
 * and path, after the rules themselves.
 */
function bypassRules(routes: readonly RouteRule[]): RouteRule[] {
  const rules = new Map<string, RouteRule>();
  for (const rule of routes) {
    for (const middleware of rule.middlewares ?? []) {
      for (const bypass of middleware.bypass ?? []) {
        const match = `${rule.match.includes("||") ? `(${rule.match})` : rule.match} && PathPrefix(\`${bypass.pathPrefix}\`)`;
        if (!rules.has(match)) rules.set(match, { match, services: [{ kind: "Service", name: bypass.service.name, namespace: bypass.service.namespace, port: bypass.service.port }] });
      }
    }
  }
  return [...rules.values()];
}

/**
 * An IngressRoute with the given rules; empty middleware lists and unset
 * fields are left out. Rules whose middlewares have `bypass` paths get a
 * rule for each path, without middlewares (Traefik prefers it: its rule
 * is longer).
 */
export function traefikIngressRoute(input: TraefikIngressRouteInput): IngressRoute {
  return new IngressRoute({
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      entryPoints: [...input.entryPoints],
      routes: [...input.routes, ...bypassRules(input.routes)].map((rule) => ({
        kind: "Rule" as const,
        match: rule.match,
        ...(rule.priority === undefined ? {} : { priority: rule.priority }),
        ...(rule.middlewares === undefined || rule.middlewares.length === 0 ? {} : { middlewares: rule.middlewares.map((ref) => ({ name: ref.name, namespace: ref.namespace })) }),
        services: rule.services.map((backend) => ({
          name: backend.name,
          ...(backend.kind === undefined ? {} : { kind: backend.kind }),
          ...(backend.namespace === undefined ? {} : { namespace: backend.namespace }),
          ...(backend.port === undefined ? {} : { port: backend.port }),
          ...(backend.weight === undefined ? {} : { weight: backend.weight }),
          ...(backend.scheme === undefined ? {} : { scheme: backend.scheme }),
          ...(backend.serversTransport === undefined ? {} : { serversTransport: backend.serversTransport }),
        })),
      })),
      ...(input.tls === undefined
        ? {}
        : { tls: { ...(input.tls.secretName === undefined ? {} : { secretName: input.tls.secretName }), ...(input.tls.options === undefined ? {} : { options: input.tls.options }) } }),
    },
  });
}

/** One backend of a {@link webUiRoute}: a rule of its own on the host. */
export interface WebUiBackend extends RouteBackend {
  /** A matcher ANDed to the host, e.g. a gRPC content-type header. @default none */
  readonly extraMatch?: string;
  /** The rule's priority; higher wins. @default Traefik's (the rule's length) */
  readonly priority?: number;
}

/** What {@link webUiRoute} publishes. */
export interface WebUiRouteInput {
  /** The IngressRoute's name. */
  readonly name: string;
  /** The namespace of the objects and of the backends. */
  readonly namespace: string;
  /** The host name. */
  readonly host: string;
  /** The Traefik entry points. */
  readonly entryPoints: readonly string[];
  /** The backends, one rule each, in order; the first is the UI. */
  readonly backends: readonly WebUiBackend[];
  /** The Middlewares every rule goes through, e.g. authentik's ForwardAuth. @default none */
  readonly middlewares?: readonly MiddlewareRef[];
  /**
   * The certificate of the host, signed by `issuer` and served by the route.
   * @default none: no TLS section, or `tls: {}` with `defaultTls`
   */
  readonly certificate?: {
    /** The issuer that signs it. */
    readonly issuer: ParsedIssuerRef;
    /** The Certificate's name. @default the IngressRoute's */
    readonly name?: string;
    /** Its Secret. @default `<IngressRoute's name>-tls` */
    readonly secretName?: string;
  };
  /** Without a certificate, whether the route still has a (empty) TLS section, so Traefik serves its default certificate. @default false */
  readonly defaultTls?: boolean;
  /** For a backend that serves HTTPS itself: a ServersTransport of this name that checks its certificate against `caSecret`'s `ca.crt` for `serverName`. @default plain HTTP */
  readonly backendTls?: { readonly name: string; readonly serverName: string; readonly caSecret: string };
}

/** The objects of a {@link webUiRoute}, all for the configs layer. */
export interface WebUiRoute {
  /** The Certificate, with {@link WebUiRouteInput.certificate}. */
  readonly certificate?: Certificate;
  /** The IngressRoute. */
  readonly route: IngressRoute;
  /** The ServersTransport, with {@link WebUiRouteInput.backendTls}. */
  readonly serversTransport?: ServersTransport;
  /** The Certificate, the IngressRoute and the ServersTransport, those there are, in that order. */
  readonly objects: readonly ApiObject[];
}

/**
 * The route of a web UI on one host: an IngressRoute with a rule per
 * backend, and the objects it needs.
 */
export function webUiRoute(input: WebUiRouteInput): WebUiRoute {
  const { certificate: cert, backendTls } = input;
  const secretName = cert === undefined ? undefined : (cert.secretName ?? `${input.name}-tls`);
  const certificate =
    cert === undefined ? undefined : tlsCertificate({ name: cert.name ?? input.name, namespace: input.namespace, secretName, dnsNames: [input.host], issuer: cert.issuer });
  const serversTransport =
    backendTls === undefined
      ? undefined
      : new ServersTransport({ metadata: { name: backendTls.name, namespace: input.namespace }, spec: { serverName: backendTls.serverName, rootCAs: [{ secret: backendTls.caSecret }] } });
  const route = traefikIngressRoute({
    name: input.name,
    namespace: input.namespace,
    entryPoints: input.entryPoints,
    routes: input.backends.map(({ extraMatch, priority, ...backend }) => ({
      match: extraMatch === undefined ? hostRule([input.host]) : `${hostRule([input.host])} && ${extraMatch}`,
      ...(priority === undefined ? {} : { priority }),
      ...(input.middlewares === undefined ? {} : { middlewares: input.middlewares }),
      services: [backendTls === undefined ? backend : { ...backend, scheme: "https" as const, serversTransport: backendTls.name }],
    })),
    ...(secretName !== undefined ? { tls: { secretName } } : input.defaultTls === true ? { tls: {} } : {}),
  });
  const objects: ApiObject[] = [...(certificate === undefined ? [] : [certificate]), route, ...(serversTransport === undefined ? [] : [serversTransport])];
  return { ...(certificate === undefined ? {} : { certificate }), route, ...(serversTransport === undefined ? {} : { serversTransport }), objects };
}
