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
  // The tree's files are in code-unit order already: the page goes in its place, without sorting them again.
  const files = new Map<string, string>();
  let placed = false;
  for (const [path, content] of tree.files) {
    if (!placed && ARCHITECTURE_FILE <= path) {
      files.set(ARCHITECTURE_FILE, page);
      placed = true;
    }
    if (path !== ARCHITECTURE_FILE) files.set(path, content);
  }
  if (!placed) files.set(ARCHITECTURE_FILE, page);
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
