/**
 * Catalog section: identity. Exports this section's components.
 */
export { authentik, authentikProps, AUTHENTIK_CREDENTIAL_KEYS, AUTHENTIK_RELEASE, AUTHENTIK_SERVER_SERVICE } from "./authentik.ts";
export type { AuthentikComponent, AuthentikProcessValues, AuthentikProps, AuthentikValues, AuthentikValuesOverride } from "./authentik.ts";
export { authentikForwardAuthMiddleware, authentikForwardAuthMiddlewareProps, AUTHENTIK_RESPONSE_HEADERS, AUTHENTIK_TRAEFIK_AUTH_PATH } from "./forward-auth-middleware.ts";
export type { AuthentikForwardAuthMiddlewareInput } from "./forward-auth-middleware.ts";
export { authentikOutpostRoute, authentikOutpostRouteProps, AUTHENTIK_OUTPOST_PATH_PREFIX } from "./outpost-route.ts";
export type { AuthentikOutpostRouteInput } from "./outpost-route.ts";
