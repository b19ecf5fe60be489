/**
 * The user service: accounts, profiles and sessions. Users log in through
 * an external OpenID Connect provider; the service holds the client
 * registration (issuer URL and client ID as plain settings, the client
 * secret from a SealedSecret) and calls the provider over HTTPS.
 */
import { defineApp } from "@typed-gitops/catalog";
import { SERVICE_PORT } from "../blog/call-graph.ts";

/** The key of the OIDC client secret in its SealedSecret. */
export const OIDC_CLIENT_SECRET_KEY = "client-secret";

/** The user service, defined once; each environment sets its OIDC client and wiring. */
export const user = defineApp({
  name: "user",
  image: "ghcr.io/example-org/blog-user:1.9.0",
  port: SERVICE_PORT,
  probes: { readiness: "/readyz", liveness: "/healthz" },
  resources: { cpu: "100m", memory: "192Mi" },
  createNamespace: false,
  mesh: "istio",
  env: { PORT: String(SERVICE_PORT), OIDC_SCOPES: "openid profile email" },
  // The identity provider is outside the cluster: HTTPS to anywhere.
  egressCidrs: [{ cidr: "0.0.0.0/0", port: 443 }],
});
