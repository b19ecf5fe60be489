/**
 * Catalog entries of the application builder.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { appProps } from "./props.ts";

/** The application builder on the catalog page. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "app",
    group: "applications",
    summary:
      "A service in `apps/<name>/`: Namespace with default deny, ServiceAccount, Deployment or Argo Rollouts canary with a Prometheus AnalysisTemplate, Service, exposure via Ingress, Traefik IngressRoute, Gateway API HTTPRoute or Istio VirtualService with a cert-manager certificate, optional Authentik protection, HPA, PodDisruptionBudget, the NetworkPolicy allows it needs, ServiceMonitor, config files, secrets from SOPS, SealedSecrets or ExternalSecrets, and persistent volumes. Its defaults pass every policy rule. `defineApp(base)` returns a function that takes each cluster's overrides (tag, host, replicas, resources…).",
    props: appProps,
    example: `const shop = defineApp({
  name: "shop",
  image: "ghcr.io/acme/shop:2.0.1",
  expose: { host: "shop.example.org", tls: { issuer: { name: "letsencrypt-production" } }, protect: sso.forwardAuth },
  autoscaling: { maxReplicas: 10 },
  secretEnv: { DATABASE_PASSWORD: { secret: "shop-database", key: "password" } },
  externalSecrets: [{ name: "shop-database", store: { name: "vault" }, data: [{ secretKey: "password", key: "shop/database", property: "password" }] }],
  metrics: {},
});
// clusters/staging/cluster.ts
install(shop({ replicas: 1, host: "shop.staging.example.org", tag: "2.1.0-rc.1" }))`,
  },
];
