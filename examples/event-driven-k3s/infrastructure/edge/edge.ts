/**
 * The edge: Traefik in front of the gateway (and Grafana), and cert-manager
 * with Let's Encrypt over HTTP-01 through Traefik. HTTP-01 needs no DNS
 * provider credentials, only port 80 reachable from the internet, which a
 * k3s node with ServiceLB gives; the web entrypoint's redirect to HTTPS is
 * followed by Let's Encrypt, and the challenge is answered on either port.
 */
import { certManager, traefik, type Component, type KnownIssuerRef } from "@typed-gitops/catalog";

/** What {@link edge} needs from the cluster. */
export interface EdgeProps {
  /** The ACME account's contact. */
  readonly acmeEmail: string;
  /** Which Let's Encrypt ClusterIssuer signs the certificates. */
  readonly issuer: "staging" | "production";
  /** Traefik replicas (two ride out a node drain). */
  readonly traefikReplicas: number;
}

/** What {@link edge} returns. */
export interface Edge {
  /** The components, for `install(...)`. */
  readonly components: readonly Component[];
  /** The issuer of the public certificates. */
  readonly issuer: KnownIssuerRef;
}

/** Traefik (metrics scraped, client IPs kept) and cert-manager with the Let's Encrypt ClusterIssuers. */
export function edge(props: EdgeProps): Edge {
  const certs = certManager({
    letsEncrypt: { email: props.acmeEmail, http01: { ingressClassName: "traefik" } },
    metrics: {},
  });
  const proxy = traefik({
    replicas: props.traefikReplicas,
    service: { type: "LoadBalancer", externalTrafficPolicy: "Local" },
    metrics: {},
  });
  return { components: [certs, proxy], issuer: certs.issuers[props.issuer] };
}
