/**
 * The Helm engine under Argo CD: Flux's source-controller and
 * helm-controller, and nothing else of Flux.
 *
 * Every catalog component installs its chart as a Flux `HelmRelease`, and
 * Argo CD does not reconcile HelmReleases itself: it applies them as it
 * applies any object. The two controllers here do the Helm part (fetch the
 * chart, install, upgrade, roll back, detect drift) while Argo CD stays the
 * only thing that syncs git to the cluster. No Flux Kustomization, no
 * GitRepository: Flux never reads this repository.
 */
import { fluxInstallObjects, type FluxController } from "@typed-gitops/lib";
import type { Component } from "@typed-gitops/catalog";

/** The Flux controllers a tree of HelmReleases needs: charts come from HelmRepositories and OCIRepositories. */
export const HELM_ENGINE_CONTROLLERS: readonly FluxController[] = ["source-controller", "helm-controller"];

/**
 * The vendored Flux install manifests of {@link HELM_ENGINE_CONTROLLERS}
 * (their CRDs, Deployments, RBAC and network policies, in `flux-system`),
 * in the controllers layer, so Argo CD's first wave installs them.
 */
export function fluxHelm(): Component {
  return { name: "flux", controllers: fluxInstallObjects({ controllers: HELM_ENGINE_CONTROLLERS }) };
}
