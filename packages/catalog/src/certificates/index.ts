/**
 * Catalog section: certificates. cert-manager with its Let's Encrypt
 * ClusterIssuers, the Certificate and ACME ClusterIssuer builders, and the
 * typed refs other components take as `issuer`.
 */
export { certManager, certManagerProps } from "./cert-manager.ts";
export type { CertManagerComponent, CertManagerIssuers, CertManagerProps, CertManagerValues } from "./cert-manager.ts";
export { certificate, certificateProps } from "./certificate.ts";
export type { CertificateInput } from "./certificate.ts";
export { acmeClusterIssuer, acmeClusterIssuerProps, cloudflareSolverSchema, http01SolverSchema, LETS_ENCRYPT_SERVERS } from "./acme-issuer.ts";
export type { AcmeClusterIssuerInput } from "./acme-issuer.ts";
export { certManagerIssuers, ISSUER_CHALLENGES, LETS_ENCRYPT_ISSUER_NAMES } from "./issuer-refs.ts";
export type { IssuerChallenges, KnownIssuerRef } from "./issuer-refs.ts";
