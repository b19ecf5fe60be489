/**
 * The canonical layers of a GitOps tree, reconciled in order: controllers
 * (CRDs and operators) first, then their configuration, then applications.
 */
import type { Problem } from "../errors/user-error.ts";

/** One layer: its name (of the Flux Kustomization or Argo CD Application) and folder. */
export interface Layer {
  /** The name of the object that reconciles the layer. */
  readonly name: string;
  /** The folder under `generated/<cluster>/` that holds the layer's components. */
  readonly folder: string;
}

/** The layers in reconcile order. */
export const LAYERS: readonly Layer[] = [
  { name: "infra-controllers", folder: "infrastructure/controllers" },
  { name: "infra-configs", folder: "infrastructure/configs" },
  { name: "apps", folder: "apps" },
];

/** Folders the engine's own objects are written to; components may not use them. */
export const ENGINE_FOLDERS = { flux: "flux-system", argocd: "argocd" } as const;

/** Returns the layer a component folder belongs to, or `undefined`. */
export function layerOf(folder: string): Layer | undefined {
  return LAYERS.find((layer) => folder.startsWith(`${layer.folder}/`));
}

/**
 * Returns the layers that hold at least one component, in reconcile order,
 * and a problem for every component folder outside the layers.
 */
export function usedLayers(folders: readonly string[], source: string): { layers: Layer[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const used = new Set<Layer>();
  for (const folder of folders) {
    const layer = layerOf(folder);
    if (layer === undefined) {
      problems.push({
        where: `${source}: components[${JSON.stringify(folder)}]`,
        what: "is not in a layer",
        hint: `put each component in a folder of its own under ${LAYERS.map((entry) => `${entry.folder}/`).join(", ")} (e.g. "apps/${folder.split("/").pop()}")`,
      });
    } else used.add(layer);
  }
  return { layers: LAYERS.filter((layer) => used.has(layer)), problems };
}
