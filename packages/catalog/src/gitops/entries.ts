/**
 * Catalog entries of the GitOps section: Flux (the cluster's own engine),
 * Argo CD and Argo Rollouts.
 */
import { clusterInputSchema, FLUX_VERSION } from "@typed-gitops/lib";
import type { CatalogEntry } from "../catalog-entry.ts";
import { ARGO_CD_CHART, ARGO_ROLLOUTS_CHART } from "../versions.ts";
import { argoCdProps } from "./argo-cd.ts";
import { argoRolloutsProps } from "./argo-rollouts.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "defineCluster({ gitops })",
    group: "gitops",
    summary:
      "Flux is not a component but the cluster's engine: `gitops: { engine: \"flux\" }` puts the pinned Flux install manifests (or a FluxInstance for the Flux Operator) and the sync objects in `flux-system/`, and one Flux Kustomization per layer, chained by dependsOn, with SOPS decryption when the cluster has recipients. `engine: \"argocd\"` renders an app-of-apps instead.",
    props: clusterInputSchema.shape.gitops.unwrap(),
    example: `defineCluster({
  name: "production",
  gitops: { engine: "flux", repository: { url: "ssh://git@github.com/acme/platform.git", branch: "main", secretName: "flux-system" }, layers: { interval: "10m" } },
  components: {},
})`,
    pins: [`Flux ${FLUX_VERSION}`],
  },
  {
    name: "argoCd",
    group: "gitops",
    summary:
      "Argo CD from the argo-cd chart (controllers layer), with optional HA, OIDC login, RBAC defaults; configs: a Traefik IngressRoute for the UI and gRPC with a cert-manager Certificate, optionally behind an Authentik ForwardAuth Middleware, and ServiceMonitors.",
    props: argoCdProps,
    example: `argoCd({ host: "argocd.example.com", issuer: { name: "letsencrypt-production" }, oidc: { issuer: "https://auth.example.com/application/o/argocd/", clientID: "argocd", clientSecret: { name: "argocd-oidc" } }, metrics: {} })`,
    pins: [`argo-cd chart ${ARGO_CD_CHART.version} (Argo CD ${ARGO_CD_CHART.appVersion})`],
  },
  {
    name: "argoRollouts",
    group: "gitops",
    summary:
      "The Argo Rollouts controller and CRDs from the argo-rollouts chart (controllers layer); configs: the optional dashboard's Traefik IngressRoute behind a required Middleware with its Certificate, and a ServiceMonitor.",
    props: argoRolloutsProps,
    example: `argoRollouts({ dashboard: { host: "rollouts.example.com", issuer: { name: "letsencrypt-production" }, protect: { name: "authentik", namespace: "authentik" } }, metrics: {} })`,
    pins: [`argo-rollouts chart ${ARGO_ROLLOUTS_CHART.version} (Argo Rollouts ${ARGO_ROLLOUTS_CHART.appVersion})`],
  },
];
