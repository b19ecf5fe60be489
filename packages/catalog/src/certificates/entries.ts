/**
 * Catalog section: certificates.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { CERT_MANAGER_CHART } from "../versions.ts";
import { acmeClusterIssuerProps } from "./acme-issuer.ts";
import { certManagerProps } from "./cert-manager.ts";
import { certificateProps } from "./certificate.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "certManager",
    group: "certificates",
    summary:
      "cert-manager: Namespace, HelmRepository and a HelmRelease that installs and keeps the CRDs (controllers); with letsEncrypt, the staging and production ClusterIssuers with DNS-01 (Cloudflare) and/or HTTP-01 (Ingress class or Gateway) solvers, and a ServiceMonitor (configs). Returns `issuers.staging` / `issuers.production` refs for other components' issuer props (`certManagerIssuers` has the default names).",
    props: certManagerProps,
    example: `const certs = certManager({
  letsEncrypt: {
    email: "ops@example.org",
    cloudflare: { apiToken: { secretName: "cloudflare-api-token", key: "api-token" } },
  },
  metrics: {},
});
// later: traefik({ dashboard: { host: "traefik.example.org", issuer: certs.issuers.production, auth: { … } } })`,
    pins: [`cert-manager chart ${CERT_MANAGER_CHART.version} (CRDs as pinned, v1.21.1)`],
  },
  {
    name: "certificate",
    group: "certificates",
    summary: "A cert-manager Certificate: DNS names (wildcards too), an issuer, a Secret, 90-day validity renewed 30 days ahead, and a rotated ECDSA P-256 key by default. Rejects a wildcard whose issuer (a ref from certManager()) cannot solve DNS-01 for it.",
    props: certificateProps,
    example: `certificate({ name: "wildcard", namespace: "traefik", dnsNames: ["example.org", "*.example.org"], issuerRef: certs.issuers.production })`,
  },
  {
    name: "acmeClusterIssuer",
    group: "certificates",
    summary: "An ACME ClusterIssuer for any ACME directory (ZeroSSL, an internal step-ca…) with Cloudflare DNS-01 and/or HTTP-01 solvers; certManager() uses it for Let's Encrypt.",
    props: acmeClusterIssuerProps,
    example: `acmeClusterIssuer({ name: "zerossl", server: "https://acme.zerossl.com/v2/DV90", email: "ops@example.org",
  accountKeySecretName: "zerossl-account-key", http01: { ingressClassName: "traefik" } })`,
  },
];
