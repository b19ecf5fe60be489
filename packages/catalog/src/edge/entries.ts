/**
 * Catalog section: edge.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { CLOUDFLARE_DDNS_IMAGE, CLOUDFLARED_IMAGE } from "../versions.ts";
import { cloudflareDdnsProps } from "./cloudflare-ddns.ts";
import { cloudflareTunnelProps } from "./cloudflare-tunnel.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "cloudflareTunnel",
    group: "edge",
    summary:
      "A Cloudflare Tunnel connector in configs (no chart): cloudflared as a hardened Deployment (2 replicas, PodDisruptionBudget, /ready probes) with its config.yaml rendered from typed ingress rules plus the catch-all http_status:404, the credentials JSON from a Secret you name, a NetworkPolicy (egress to Cloudflare on 7844, to the rules' namespaces and DNS) and, with `metrics`, a PodMonitor.",
    props: cloudflareTunnelProps,
    example: [
      "cloudflareTunnel({",
      '  tunnelId: "6ff42ae2-765d-4adf-8112-31c55c1551ef",',
      '  credentialsSecret: "tunnel-credentials", // credentials.json from `cloudflared tunnel create`',
      '  ingress: [{ hostname: "*.example.org", service: "http://traefik.traefik.svc.cluster.local:80", targetPort: 8000 }],',
      "  metrics: {},",
      "})",
    ].join("\n"),
    pins: [`cloudflared ${CLOUDFLARED_IMAGE.tag}`],
  },
  {
    name: "cloudflareDdns",
    group: "edge",
    summary:
      "A Cloudflare DDNS updater in configs (no chart): favonia/cloudflare-ddns as a hardened single-replica Deployment keeping a zone's @ and * records (or a list of records) at the cluster's public IP, the API token from a Secret you name, and a NetworkPolicy allowing only HTTPS and DNS egress. Its image has no endpoint or shell to probe, so the Deployment carries a documented `probes` exemption.",
    props: cloudflareDdnsProps,
    example: 'cloudflareDdns({ zone: "example.org", proxied: true, tokenSecret: "cloudflare-api-token" })',
    pins: [`favonia/cloudflare-ddns ${CLOUDFLARE_DDNS_IMAGE.tag}`],
  },
];
