/**
 * The extra IngressRoute route a host protected by authentik's ForwardAuth
 * needs: requests under `/outpost.goauthentik.io/` (the login callback and
 * sign-out of the proxy provider) must reach the outpost itself, not the app.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import type { IRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/Route";
import { z } from "zod";
import { hostName } from "../shared/host-name.ts";

/** The path prefix authentik's outposts serve on every protected host. */
export const AUTHENTIK_OUTPOST_PATH_PREFIX = "/outpost.goauthentik.io/";

/** The props of {@link authentikOutpostRoute}. */
export const authentikOutpostRouteProps = z
  .object({
    host: hostName({ fullyQualified: true }).describe("The protected host, e.g. traefik.example.org."),
    namespace: namespaceName().default("authentik").describe("The namespace of the outpost's Service. Default: authentik."),
    service: objectName().default("authentik-server").describe("The outpost's Service: the authentik server's for the embedded outpost. Default: authentik-server."),
    port: z.number().int().min(1).max(65535).default(80).describe("The Service's HTTP port. Default: 80."),
    priority: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("The route's priority. Default: none, Traefik's own (the rule's length), which beats the host's plain Host(...) route because this rule contains it and more."),
  })
  .strict();

/** The input of {@link authentikOutpostRoute}. */
export type AuthentikOutpostRouteInput = z.input<typeof authentikOutpostRouteProps>;

/**
 * The route to add to the `routes` of a protected host's IngressRoute:
 * `Host(<host>) && PathPrefix(/outpost.goauthentik.io/)` to the outpost's
 * Service, with no middleware (the outpost must be reachable before login).
 *
 * The Service is in authentik's namespace, so an IngressRoute elsewhere
 * needs Traefik's Kubernetes CRD provider with `allowCrossNamespace: true`.
 *
 * @example
 * const sso = authentik({ ... });
 * routes: [{ match: "Host(`app.example.org`)", middlewares: [sso.forwardAuth], services: [...] }, sso.outpostRoute("app.example.org")]
 * @throws {UserError} naming every invalid prop.
 */
export function authentikOutpostRoute(input: AuthentikOutpostRouteInput): IRoute {
  const props = parseProps(authentikOutpostRouteProps, input, "authentikOutpostRoute");
  return {
    kind: "Rule",
    match: `Host(\`${props.host}\`) && PathPrefix(\`${AUTHENTIK_OUTPOST_PATH_PREFIX}\`)`,
    ...(props.priority === undefined ? {} : { priority: props.priority }),
    services: [{ kind: "Service", name: props.service, namespace: props.namespace, port: props.port }],
  };
}
