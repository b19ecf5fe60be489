/**
 * The Argo CD side of a GitOps tree: an AppProject for the platform, one
 * Application per layer with sync waves in layer order, and a root
 * Application (app-of-apps) that manages them and itself.
 */
import { argoAppProject } from "../argo/app-project.ts";
import { argoApplication } from "../argo/application.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { ENGINE_FOLDERS, type Layer } from "./layers.ts";

/** The namespace Argo CD runs in. */
export const ARGOCD_NAMESPACE = "argocd";

/** The AppProject every Application of the tree belongs to. */
export const ARGOCD_PROJECT = "platform";

function application(name: string, repository: { readonly url: string; readonly branch: string }, path: string, wave: number): ApiObject {
  return argoApplication({
    name,
    project: ARGOCD_PROJECT,
    source: { repoURL: repository.url, targetRevision: repository.branch, path },
    syncWave: wave,
    syncOptions: ["ServerSideApply=true"],
  });
}

/**
 * Returns the Argo CD objects of a tree: the project, the root
 * Application (sync wave 0 of the `argocd` folder) and one Application per
 * layer, whose sync waves (1, 2, 3…) follow the layer order, the same order
 * as the Flux `dependsOn` chain.
 */
export function argoObjects(cluster: string, repository: { readonly url: string; readonly branch: string }, layers: readonly Layer[]): ApiObject[] {
  const project = argoAppProject({
    name: ARGOCD_PROJECT,
    sourceRepos: [repository.url],
    destinations: [{ namespace: "*" }],
    clusterResourceWhitelist: [{ group: "*", kind: "*" }],
  });
  return [
    project,
    application("root", repository, `generated/${cluster}/${ENGINE_FOLDERS.argocd}`, 0),
    ...layers.map((layer, i) => application(layer.name, repository, `generated/${cluster}/${layer.folder}`, i + 1)),
  ];
}
