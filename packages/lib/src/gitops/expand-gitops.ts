/**
 * What a GitOps engine adds to a cluster's tree: the objects that bootstrap
 * and sync the engine, one reconciler per layer chained in order, and the
 * root `kustomization.yaml` that lists only the engine's folder.
 */
import type { ClusterDefinition } from "../cluster/define-cluster.ts";
import type { Problem } from "../errors/user-error.ts";
import type { PreexistingObject } from "../graph/object-index.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { gitRepository } from "../flux/git-repository.ts";
import { fluxKustomization } from "../flux/kustomization.ts";
import { argoObjects, ARGOCD_NAMESPACE } from "./argo-tree.ts";
import { FLUX_NAMESPACE, fluxInstallObjects } from "./flux-install.ts";
import { ENGINE_FOLDERS, usedLayers, type Layer } from "./layers.ts";

/** What the engine adds to a cluster. */
export interface GitOpsExpansion {
  /** Components to add, keyed by folder (the engine's folder). */
  readonly components: Readonly<Record<string, ApiObject[]>>;
  /** The entries of the root `kustomization.yaml`. */
  readonly rootResources: readonly string[];
  /** The source object that serves this repository, for the path checks. */
  readonly ownSource: { readonly kind: string; readonly namespace: string; readonly name: string; readonly url: string };
  /** Namespaces the engine needs that exist outside the tree. */
  readonly preexistingNamespaces: readonly string[];
  /** Objects created at bootstrap, outside the tree (the repository credentials). */
  readonly preexistingObjects: readonly PreexistingObject[];
  /** Component folders that do not fit the layout. */
  readonly problems: readonly Problem[];
}

type GitOps = NonNullable<ClusterDefinition["gitops"]>;

/** The Flux Kustomization that reconciles one layer, after the layer before it. */
function layerKustomization(cluster: string, gitops: GitOps, layer: Layer, previous: Layer | undefined): ApiObject {
  return fluxKustomization({
    name: layer.name,
    path: `./generated/${cluster}/${layer.folder}`,
    interval: gitops.layers.interval,
    retryInterval: gitops.layers.retryInterval,
    timeout: gitops.layers.timeout,
    wait: gitops.layers.wait,
    dependsOn: previous === undefined ? [] : [previous.name],
  });
}

function fluxObjects(cluster: string, gitops: GitOps, layers: readonly Layer[]): ApiObject[] {
  const { url, branch, secretName } = gitops.repository;
  return [
    ...fluxInstallObjects({ controllers: gitops.flux.controllers, registry: gitops.flux.registry }),
    gitRepository({ name: FLUX_NAMESPACE, url, ref: { branch }, ...(secretName === undefined ? {} : { secretRef: secretName }) }),
    // The root: Flux applies generated/<cluster>, which lists only flux-system.
    fluxKustomization({ name: FLUX_NAMESPACE, path: `./generated/${cluster}`, wait: false }),
    ...layers.map((layer, i) => layerKustomization(cluster, gitops, layer, layers[i - 1])),
  ];
}

/**
 * Expands a cluster's GitOps settings into the objects and layout the
 * engine needs, or returns `undefined` for a plain tree.
 */
export function expandGitOps(definition: ClusterDefinition, source: string): GitOpsExpansion | undefined {
  const gitops = definition.gitops;
  if (gitops === undefined) return undefined;
  const folders = Object.keys(definition.components);
  const { layers, problems } = usedLayers(folders, source);
  const engineFolder = ENGINE_FOLDERS[gitops.engine];
  const repository = gitops.repository;
  const namespace = gitops.engine === "flux" ? FLUX_NAMESPACE : ARGOCD_NAMESPACE;
  const credentials: PreexistingObject[] =
    repository.secretName === undefined
      ? []
      : [{ kind: "Secret", namespace, name: repository.secretName, reason: "the repository credentials, created once at bootstrap (see the README)" }];
  if (gitops.engine === "flux") {
    return {
      components: { [engineFolder]: fluxObjects(definition.name, gitops, layers) },
      rootResources: [engineFolder],
      ownSource: { kind: "GitRepository", namespace: FLUX_NAMESPACE, name: FLUX_NAMESPACE, url: repository.url },
      preexistingNamespaces: [],
      preexistingObjects: credentials,
      problems,
    };
  }
  return {
    components: { [engineFolder]: argoObjects(definition.name, repository, layers) },
    rootResources: [engineFolder],
    ownSource: { kind: "Repository", namespace: ARGOCD_NAMESPACE, name: "repository", url: repository.url },
    preexistingNamespaces: [ARGOCD_NAMESPACE],
    preexistingObjects: credentials,
    problems,
  };
}
