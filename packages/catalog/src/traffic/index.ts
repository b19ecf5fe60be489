/**
 * Catalog section: ingress and traffic. Traefik and ingress-nginx as
 * components; IngressRoute, Middleware and TLSOption builders for Traefik;
 * Gateway and HTTPRoute builders for the Gateway API.
 */
export { traefik, traefikProps, TRAEFIK_ENTRYPOINT_PORTS, TRAEFIK_GATEWAY_CONTROLLER } from "./traefik.ts";
export type { TraefikProps, TraefikValues } from "./traefik.ts";
export { ingressRoute, ingressRouteProps } from "./ingress-route.ts";
export type { IngressRouteInput } from "./ingress-route.ts";
export { middleware, middlewareProps, MIDDLEWARE_KINDS } from "./middleware.ts";
export type { MiddlewareInput } from "./middleware.ts";
export { tlsOption, tlsOptionProps, MODERN_TLS12_CIPHER_SUITES } from "./tls-option.ts";
export type { TlsOptionInput } from "./tls-option.ts";
export { ingressNginx, ingressNginxProps } from "./ingress-nginx.ts";
export type { IngressNginxProps, IngressNginxValues } from "./ingress-nginx.ts";
export { gatewayApiGateway, gatewayApiGatewayProps } from "./gateway.ts";
export type { GatewayApiGatewayInput } from "./gateway.ts";
export { httpRoute, httpRouteProps, httpsRedirectFilter, httpsRedirectRoute, httpsRedirectRouteProps, parentRefSchema } from "./http-route.ts";
export type { HttpRouteInput, HttpsRedirectRouteInput } from "./http-route.ts";
