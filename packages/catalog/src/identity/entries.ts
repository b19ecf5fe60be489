/**
 * Catalog section: identity.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { AUTHENTIK_CHART } from "../versions.ts";
import { authentikProps } from "./authentik.ts";
import { authentikForwardAuthMiddlewareProps } from "./forward-auth-middleware.ts";
import { authentikOutpostRouteProps } from "./outpost-route.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "authentik",
    group: "identity",
    summary:
      "authentik from its chart (controllers: Namespace, HelmRepository, HelmRelease with the server, worker and a bundled or external PostgreSQL; every secret from Secrets you name), and in configs its UI behind a Traefik IngressRoute with a cert-manager Certificate, a ForwardAuth Middleware to the embedded outpost (returned as `forwardAuth`, a MiddlewareRef) and, with `metrics`, ServiceMonitors. No Redis: authentik has not needed one since 2025.10.",
    props: authentikProps,
    example: [
      "const sso = authentik({",
      '  host: "auth.example.org",',
      '  issuer: { name: "letsencrypt-production" },',
      '  credentialsSecret: "authentik-credentials", // AUTHENTIK_SECRET_KEY, AUTHENTIK_BOOTSTRAP_*',
      '  postgresql: { mode: "bundled", passwordSecret: "authentik-postgresql" },',
      "  metrics: {},",
      "});",
      'install(sso, traefik({ dashboard: { host: "traefik.example.org", issuer: { name: "letsencrypt-production" }, auth: { middleware: sso.forwardAuth } } }));',
    ].join("\n"),
    pins: [`authentik chart ${AUTHENTIK_CHART.version} (authentik ${AUTHENTIK_CHART.appVersion})`],
  },
  {
    name: "authentikForwardAuthMiddleware",
    group: "identity",
    summary:
      "A Traefik ForwardAuth Middleware to an authentik outpost (`/outpost.goauthentik.io/auth/traefik`, trusting forwarded headers, copying the X-authentik-* identity headers). `authentik()` renders one for its embedded outpost; use this for a dedicated proxy outpost. Routes in other namespaces need Traefik's `allowCrossNamespace`.",
    props: authentikForwardAuthMiddlewareProps,
    example: 'authentikForwardAuthMiddleware({ namespace: "authentik", outpostUrl: "http://ak-outpost-proxy.authentik.svc.cluster.local:9000" })',
  },
  {
    name: "authentikOutpostRoute",
    group: "identity",
    summary:
      "The extra IngressRoute route a host protected by authentik needs: `Host(<host>) && PathPrefix(/outpost.goauthentik.io/)` to the outpost's Service, without the ForwardAuth middleware. Also available as `sso.outpostRoute(host)` on authentik()'s result.",
    props: authentikOutpostRouteProps,
    example: [
      "routes: [",
      '  { match: "Host(`app.example.org`)", middlewares: [sso.forwardAuth], services: [{ name: "app", port: 80 }] },',
      '  authentikOutpostRoute({ host: "app.example.org" }),',
      "]",
    ].join("\n"),
  },
];
