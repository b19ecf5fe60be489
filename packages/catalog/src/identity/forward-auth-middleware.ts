/**
 * The Traefik ForwardAuth Middleware that asks an authentik outpost whether
 * a request may pass: Traefik sends each request's headers to the outpost,
 * which answers 2xx (pass, with identity headers) or redirects to the login
 * flow.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { Middleware } from "@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware";
import { z } from "zod";

/**
 * The response headers authentik's proxy outpost sets on an authenticated
 * request, as its Traefik guide lists them: Traefik copies them onto the
 * request it forwards, so the protected app can read who the user is.
 */
export const AUTHENTIK_RESPONSE_HEADERS: readonly string[] = [
  "X-authentik-username",
  "X-authentik-groups",
  "X-authentik-entitlements",
  "X-authentik-email",
  "X-authentik-name",
  "X-authentik-uid",
  "X-authentik-jwt",
  "X-authentik-meta-jwks",
  "X-authentik-meta-outpost",
  "X-authentik-meta-provider",
  "X-authentik-meta-app",
  "X-authentik-meta-version",
];

/** The path of authentik's Traefik forward-auth endpoint, served by every outpost (the embedded one too). */
export const AUTHENTIK_TRAEFIK_AUTH_PATH = "/outpost.goauthentik.io/auth/traefik";

/** The props of {@link authentikForwardAuthMiddleware}. */
export const authentikForwardAuthMiddlewareProps = z
  .object({
    name: objectName().default("authentik-forward-auth").describe("The Middleware's name. Default: authentik-forward-auth."),
    namespace: namespaceName().describe("The Middleware's namespace (usually authentik's)."),
    outpostUrl: z
      .string()
      .regex(/^https?:\/\/[^\s/]+$/, "expected the outpost's base URL without a path, such as http://authentik-server.authentik.svc.cluster.local")
      .describe("The base URL of the outpost Traefik asks, without a path; the embedded outpost is the authentik server's Service."),
  })
  .strict();

/** The input of {@link authentikForwardAuthMiddleware}. */
export type AuthentikForwardAuthMiddlewareInput = z.input<typeof authentikForwardAuthMiddlewareProps>;

/**
 * A Traefik Middleware (`traefik.io/v1alpha1`) that forwards each request
 * to `<outpostUrl>/outpost.goauthentik.io/auth/traefik`, trusts the
 * `X-Forwarded-*` headers Traefik sets, and copies
 * {@link AUTHENTIK_RESPONSE_HEADERS} onto the forwarded request.
 *
 * An IngressRoute in another namespace can use it only when Traefik's
 * Kubernetes CRD provider runs with `allowCrossNamespace: true`.
 *
 * @throws {UserError} naming every invalid prop.
 */
export function authentikForwardAuthMiddleware(input: AuthentikForwardAuthMiddlewareInput): Middleware {
  const props = parseProps(authentikForwardAuthMiddlewareProps, input, "authentikForwardAuthMiddleware");
  return new Middleware({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      forwardAuth: {
        address: `${props.outpostUrl}${AUTHENTIK_TRAEFIK_AUTH_PATH}`,
        trustForwardHeader: true,
        authResponseHeaders: [...AUTHENTIK_RESPONSE_HEADERS],
      },
    },
  });
}
