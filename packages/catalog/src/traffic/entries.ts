/**
 * Catalog section: ingress and traffic.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { INGRESS_NGINX_CHART, TRAEFIK_CHART } from "../versions.ts";
import { gatewayApiGatewayProps } from "./gateway.ts";
import { httpRouteProps, httpsRedirectRouteProps } from "./http-route.ts";
import { ingressNginxProps } from "./ingress-nginx.ts";
import { ingressRouteProps } from "./ingress-route.ts";
import { middlewareProps } from "./middleware.ts";
import { tlsOptionProps } from "./tls-option.ts";
import { traefikProps } from "./traefik.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "traefik",
    group: "traffic",
    summary:
      "Traefik: Namespace, HelmRepository and a HelmRelease with its CRDs (controllers); the default TLSOption (TLS 1.2+, AEAD ciphers), the GatewayClass with Gateway API on, the dashboard on its own host behind a Middleware or basic auth with a cert-manager Certificate, and a ServiceMonitor (configs). HTTP redirects to HTTPS.",
    props: traefikProps,
    example: `traefik({
  replicas: 2,
  service: { annotations: { "metallb.io/loadBalancerIPs": "192.168.1.240" } },
  dashboard: { host: "traefik.example.org", issuer: certs.issuers.production, auth: { middleware: { name: "authentik", namespace: "authentik" } } },
  metrics: {},
})`,
    pins: [`traefik chart ${TRAEFIK_CHART.version} (Traefik ${TRAEFIK_CHART.appVersion}, traefik.io CRDs as v3.7.9)`],
  },
  {
    name: "ingressNginx",
    group: "traffic",
    summary:
      "ingress-nginx: Namespace, HelmRepository and a HelmRelease with admission webhooks on, its IngressClass, HSTS and forwarded-header settings (controllers); a ServiceMonitor (configs). Retired upstream in March 2026: prefer traefik for new clusters.",
    props: ingressNginxProps,
    example: `ingressNginx({ replicas: 2, ingressClass: { default: true }, config: { useForwardedHeaders: true }, metrics: {} })`,
    pins: [`ingress-nginx chart ${INGRESS_NGINX_CHART.version} (controller ${INGRESS_NGINX_CHART.appVersion})`],
  },
  {
    name: "ingressRoute",
    group: "traffic",
    summary: "A Traefik IngressRoute: hosts and path prefixes (or raw rules) to weighted Services through Middlewares, with TLS from a Secret or from a cert-manager Certificate it renders beside the route.",
    props: ingressRouteProps,
    example: `ingressRoute({
  name: "web", namespace: "web", hosts: ["web.example.org"],
  routes: [{ services: [{ name: "web", port: 80 }] }],
  middlewares: [{ name: "authentik", namespace: "authentik" }],
  tls: { issuer: certs.issuers.production },
})`,
  },
  {
    name: "middleware",
    group: "traffic",
    summary: "A Traefik Middleware of one kind: forwardAuth (Authentik, oauth2-proxy), basicAuth from a Secret, security headers, redirectScheme, stripPrefix, rateLimit or ipAllowList.",
    props: middlewareProps,
    example: `middleware({ name: "security-headers", namespace: "traefik", headers: { contentSecurityPolicy: "default-src 'self'" } })`,
  },
  {
    name: "tlsOption",
    group: "traffic",
    summary: "A Traefik TLSOption: TLS 1.2 or 1.3 minimum, forward-secret AEAD cipher suites, curves and SNI strictness. The one named default applies to every route; traefik() renders it.",
    props: tlsOptionProps,
    example: `tlsOption({ name: "modern", namespace: "traefik", minVersion: "VersionTLS13" })`,
  },
  {
    name: "gatewayApiGateway",
    group: "traffic",
    summary: "A Gateway API Gateway (v1): HTTP and HTTPS listeners with their certificates and the namespaces whose routes may attach. Checked against the Gateway API v1.6.1 CRD and its CEL rules. For Traefik, listeners use the entrypoint ports 8000 and 8443.",
    props: gatewayApiGatewayProps,
    example: `gatewayApiGateway({ name: "public", namespace: "traefik", listeners: [
  { name: "http", protocol: "HTTP", port: 8000, allowedRoutes: "All" },
  { name: "https", protocol: "HTTPS", port: 8443, hostname: "*.example.org", certificateRefs: [{ name: "wildcard-tls" }], allowedRoutes: "All" },
] })`,
  },
  {
    name: "httpRoute",
    group: "traffic",
    summary: "A Gateway API HTTPRoute (v1): host names and matches on path, headers, method and query to weighted backends, with filters and an HTTPS redirect shortcut (httpsRedirectFilter()).",
    props: httpRouteProps,
    example: `httpRoute({ name: "web", namespace: "web", parentRefs: [{ name: "public", namespace: "traefik", sectionName: "https" }],
  hostnames: ["web.example.org"], rules: [{ backendRefs: [{ name: "web", port: 80 }] }] })`,
  },
  {
    name: "httpsRedirectRoute",
    group: "traffic",
    summary: "An HTTPRoute on a Gateway's HTTP listener that redirects every request (or those for its host names) to HTTPS with a 301.",
    props: httpsRedirectRouteProps,
    example: `httpsRedirectRoute({ name: "https-redirect", namespace: "traefik", parentRefs: [{ name: "public", sectionName: "http" }] })`,
  },
];
