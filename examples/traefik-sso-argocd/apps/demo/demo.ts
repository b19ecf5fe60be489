/**
 * The demo apps: two small HTTP echo services (traefik/whoami) that share
 * the `demo` namespace and the wildcard certificate issued into it. Each
 * answers with the request it received, so the headers Traefik and
 * Authentik add (X-Forwarded-*, X-authentik-username, …) are visible.
 */
import { app, certificate, type Component, type IssuerRef, type MiddlewareRef } from "@typed-gitops/catalog";

/** The namespace both demo apps run in, and where the wildcard certificate's Secret lives. */
export const DEMO_NAMESPACE = "demo";

/** The echo image, pinned. */
export const WHOAMI_IMAGE = "docker.io/traefik/whoami:v1.11.0";

/** The port whoami listens on (its default, 80, would need a privileged bind). */
const WHOAMI_PORT = 8080;

/** What the demo needs from the platform. */
export interface DemoProps {
  /** The zone: the apex and every `*.<zone>` name are on the wildcard certificate. */
  readonly zone: string;
  /** The issuer that solves DNS-01 for the zone (a wildcard cannot be had another way). */
  readonly issuer: IssuerRef;
  /** The ForwardAuth middleware that guards the private echo. */
  readonly protect: MiddlewareRef;
  /** Replicas of each app. */
  readonly replicas: number;
}

/** One whoami instance exposed through Traefik with the wildcard certificate's Secret. */
function echo(name: string, host: string, tlsSecret: string, props: DemoProps, options: { readonly ownsNamespace: boolean; readonly protect?: MiddlewareRef }): Component {
  return app({
    name,
    namespace: DEMO_NAMESPACE,
    createNamespace: options.ownsNamespace,
    image: WHOAMI_IMAGE,
    args: ["--port", String(WHOAMI_PORT), "--name", name],
    port: WHOAMI_PORT,
    probes: { readiness: "/health", liveness: "/health" },
    replicas: props.replicas,
    resources: { cpu: "10m", memory: "32Mi" },
    expose: {
      host,
      via: "traefik",
      tls: { secretName: tlsSecret },
      ...(options.protect === undefined ? {} : { protect: options.protect }),
    },
  });
}

/**
 * The demo: `hello` on the zone's apex (public) and `whoami` on
 * `whoami.<zone>` (behind Authentik), two replicas each, and the wildcard
 * Certificate (`<zone>` and `*.<zone>`) whose Secret both IngressRoutes
 * serve. The Certificate goes with the apps, into the namespace the first
 * app creates: a TLS Secret can only be served from the route's namespace.
 */
export function demo(props: DemoProps): Component[] {
  const tlsSecret = `wildcard-${props.zone.replaceAll(".", "-")}-tls`;
  const wildcard = certificate({
    name: tlsSecret,
    namespace: DEMO_NAMESPACE,
    dnsNames: [props.zone, `*.${props.zone}`],
    issuerRef: props.issuer,
  });
  const hello = echo("hello", props.zone, tlsSecret, props, { ownsNamespace: true });
  const whoami = echo("whoami", `whoami.${props.zone}`, tlsSecret, props, { ownsNamespace: false, protect: props.protect });
  return [{ ...hello, apps: [...(hello.apps ?? []), wildcard] }, whoami];
}
