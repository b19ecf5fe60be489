/**
 * The one place the architecture page joins a rendered tree: a pure step
 * after rendering, so the renderer itself knows nothing of documentation.
 */
import type { RenderedTree } from "../render/render-cluster.ts";
import { ARCHITECTURE_FILE, architecturePage } from "./architecture-page.ts";

/**
 * Returns the tree with `ARCHITECTURE.md` added at the root (files kept in
 * code-unit order). It is not an object: not in `objects`, not listed in a
 * `kustomization.yaml`, and validation skips it.
 *
 * @param source - where the definition lives, e.g. `clusters/production`.
 */
export function withArchitecturePage(tree: RenderedTree, source: string): RenderedTree {
  const page = architecturePage({ cluster: tree.cluster, source, kubernetesVersion: tree.kubernetesVersion, objects: tree.objects });
  const files = new Map([...tree.files, [ARCHITECTURE_FILE, page] as const].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...tree, files };
}

/** Whether a tree file is a document rather than a manifest (the architecture page). */
export function isTreeDocument(path: string): boolean {
  return path === ARCHITECTURE_FILE;
}

/** The tree without its documents, as validation and kustomize see it. */
export function withoutTreeDocuments(tree: RenderedTree): RenderedTree {
  if (!tree.files.has(ARCHITECTURE_FILE)) return tree;
  return { ...tree, files: new Map([...tree.files].filter(([path]) => !isTreeDocument(path))) };
}
