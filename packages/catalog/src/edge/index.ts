/**
 * Catalog section: edge. Exports this section's components.
 */
export { cloudflareTunnel, cloudflareTunnelProps, cloudflaredConfig, cloudflaredTarget, CLOUDFLARED_CATCH_ALL, CLOUDFLARED_METRICS_PORT, CLOUDFLARE_EDGE_PORT } from "./cloudflare-tunnel.ts";
export type { CloudflareTunnelProps } from "./cloudflare-tunnel.ts";
export { cloudflareDdns, cloudflareDdnsProps, ddnsRecords, CLOUDFLARE_DDNS_PROBES_EXEMPTION } from "./cloudflare-ddns.ts";
export type { CloudflareDdnsProps } from "./cloudflare-ddns.ts";
