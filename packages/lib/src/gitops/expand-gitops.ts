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
import { FLUX_NAMESPACE, FLUX_VERSION, fluxInstallObjects } from "./flux-install.ts";
import { FluxInstance } from "@typed-gitops/models/fluxcd.controlplane.io/v1/FluxInstance";
import { hasSopsMetadata } from "../secret-scan/sops.ts";
import { ENGINE_FOLDERS, layerOf, usedLayers, type Layer } from "./layers.ts";

/** Whether an object is a SOPS-encrypted document (it carries `sops` metadata). */
export function isSopsDocument(object: ApiObject): boolean {
  return hasSopsMetadata(object as unknown as Readonly<Record<string, unknown>>);
}

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
function layerKustomization(cluster: string, gitops: GitOps, layer: Layer, previous: Layer | undefined, keySecret: string | undefined): ApiObject {
  return fluxKustomization({
    ...(keySecret === undefined ? {} : { decryption: { secretRef: keySecret } }),
    name: layer.name,
    path: `./generated/${cluster}/${layer.folder}`,
    interval: gitops.layers.interval,
    retryInterval: gitops.layers.retryInterval,
    timeout: gitops.layers.timeout,
    wait: gitops.layers.wait,
    dependsOn: previous === undefined ? [] : [previous.name],
  });
}

/**
 * The FluxInstance that has the Flux Operator install Flux (the vendored
 * version's minor line) and sync `generated/<cluster>` from this repository.
 */
function fluxInstance(cluster: string, gitops: GitOps): ApiObject {
  const { url, branch, secretName } = gitops.repository;
  const minor = FLUX_VERSION.replace(/^v/, "").split(".").slice(0, 2).join(".");
  return new FluxInstance({
    metadata: { name: "flux", namespace: FLUX_NAMESPACE },
    spec: {
      distribution: { version: `${minor}.x`, registry: gitops.flux.registry },
      components: [...gitops.flux.controllers],
      cluster: { type: "kubernetes", networkPolicy: true, domain: "cluster.local" },
      sync: {
        kind: "GitRepository",
        url,
        ref: `refs/heads/${branch}`,
        path: `generated/${cluster}`,
        interval: "1m",
        ...(secretName === undefined ? {} : { pullSecret: secretName }),
      },
    },
  });
}

function fluxObjects(cluster: string, gitops: GitOps, layers: readonly Layer[], encrypted: ReadonlySet<Layer>, keySecret: string): ApiObject[] {
  const { url, branch, secretName } = gitops.repository;
  const layerObjects = layers.map((layer, i) => layerKustomization(cluster, gitops, layer, layers[i - 1], encrypted.has(layer) ? keySecret : undefined));
  if (gitops.flux.install === "operator") return [fluxInstance(cluster, gitops), ...layerObjects];
  return [
    ...fluxInstallObjects({ controllers: gitops.flux.controllers, registry: gitops.flux.registry }),
    gitRepository({ name: FLUX_NAMESPACE, url, ref: { branch }, ...(secretName === undefined ? {} : { secretRef: secretName }) }),
    // The root: Flux applies generated/<cluster>, which lists only flux-system.
    fluxKustomization({ name: FLUX_NAMESPACE, path: `./generated/${cluster}`, wait: false }),
    ...layerObjects,
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
    // Decryption is wired into exactly the layers whose folders hold SOPS documents.
    const encrypted = new Set(layers.filter((layer) => folders.some((folder) => layerOf(folder) === layer && definition.components[folder]!.some(isSopsDocument))));
    const keySecret = definition.secrets.sops?.keySecret ?? "sops-age";
    if (encrypted.size > 0) {
      credentials.push({ kind: "Secret", namespace: FLUX_NAMESPACE, name: keySecret, reason: "the age private key, created once at bootstrap with the kubectl command `typed-gitops secrets init` prints" });
    }
    const operator = gitops.flux.install === "operator";
    return {
      components: { [engineFolder]: fluxObjects(definition.name, gitops, layers, encrypted, keySecret) },
      rootResources: [engineFolder],
      ownSource: { kind: "GitRepository", namespace: FLUX_NAMESPACE, name: FLUX_NAMESPACE, url: repository.url },
      // With the operator, its Helm install creates flux-system and the FluxInstance creates the sync objects.
      preexistingNamespaces: operator ? [FLUX_NAMESPACE] : [],
      preexistingObjects: operator
        ? [...credentials, { kind: "GitRepository", namespace: FLUX_NAMESPACE, name: FLUX_NAMESPACE, reason: "created by the Flux Operator from the FluxInstance's spec.sync" }]
        : credentials,
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
