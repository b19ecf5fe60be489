/**
 * The page's first section: the components of the cluster, grouped by the
 * layer they are reconciled in.
 */
import { LAYERS } from "../gitops/layers.ts";
import { Flowchart } from "./mermaid.ts";
import { byCodeUnit, code, table } from "./markdown.ts";
import type { PageObject } from "./page-objects.ts";

/** The folders a GitOps engine writes its own objects to. */
const ENGINE_FOLDERS = new Set(["flux-system", "argocd"]);

/** At most this many components are drawn per layer; the table lists them all. */
const MAX_DRAWN_PER_LAYER = 40;

/** A layer as the page shows it. */
interface PageLayer {
  readonly key: string;
  readonly title: string;
  readonly order: number;
}

/** The layer of a component folder: the engine's folder, a canonical layer, or the folder's first segment. */
export function pageLayerOf(component: string): PageLayer {
  if (ENGINE_FOLDERS.has(component)) return { key: "engine", title: `GitOps engine (${component})`, order: 0 };
  const index = LAYERS.findIndex((layer) => component === layer.folder || component.startsWith(`${layer.folder}/`));
  if (index !== -1) return { key: LAYERS[index]!.folder, title: LAYERS[index]!.folder, order: index + 1 };
  const first = component === "" ? "(root)" : component.split("/")[0]!;
  return { key: `other:${first}`, title: first, order: LAYERS.length + 1 };
}

/** The component's name inside its layer, e.g. `podinfo` for `apps/podinfo`. */
function shortName(component: string, layer: PageLayer): string {
  if (layer.key === "engine") return component;
  const prefix = layer.key.startsWith("other:") ? `${layer.title}/` : `${layer.key}/`;
  return component.startsWith(prefix) ? component.slice(prefix.length) : component === "" ? "(root)" : component;
}

/** Renders the components section. */
export function componentsSection(objects: readonly PageObject[]): string {
  const byComponent = new Map<string, PageObject[]>();
  for (const object of objects) {
    const list = byComponent.get(object.component) ?? [];
    list.push(object);
    byComponent.set(object.component, list);
  }
  const layerOf = new Map([...byComponent.keys()].map((component) => [component, pageLayerOf(component)]));
  const components = [...byComponent.keys()].sort((a, b) => {
    const la = layerOf.get(a)!;
    const lb = layerOf.get(b)!;
    return la.order - lb.order || byCodeUnit(la.key, lb.key) || byCodeUnit(a, b);
  });
  let out = "## Components and layers\n\n";
  if (components.length === 0) return `${out}The cluster has no components.\n`;
  out += "Each component is a folder of the tree; the layers are reconciled top to bottom.\n\n";
  const chart = new Flowchart();
  const drawn = new Map<string, number>();
  const layers = new Map<string, PageLayer>();
  for (const component of components) {
    const layer = layerOf.get(component)!;
    layers.set(layer.key, layer);
    chart.group(layer.key, layer.title, layer.order);
    const count = drawn.get(layer.key) ?? 0;
    drawn.set(layer.key, count + 1);
    const size = byComponent.get(component)!.length;
    if (count < MAX_DRAWN_PER_LAYER) chart.node(`c:${component}`, [shortName(component, layer), `${size} object${size === 1 ? "" : "s"}`], "round", layer.key);
  }
  for (const [key, count] of drawn) {
    if (count > MAX_DRAWN_PER_LAYER) chart.node(`c:${key}:more`, `… and ${count - MAX_DRAWN_PER_LAYER} more`, "round", key);
  }
  const ordered = [...layers.values()].sort((a, b) => a.order - b.order || byCodeUnit(a.key, b.key));
  const canonical = ordered.filter((layer) => !layer.key.startsWith("other:"));
  for (let i = 1; i < canonical.length; i++) chart.groupEdge(canonical[i - 1]!.key, canonical[i]!.key);
  out += `${chart.render("TB")}\n`;
  const rows = components.map((component) => {
    const list = byComponent.get(component)!;
    const namespaces = [...new Set(list.map((object) => (object.kind === "Namespace" ? object.name : object.namespace)).filter((namespace) => namespace !== ""))].sort(byCodeUnit);
    const kinds = new Map<string, number>();
    for (const object of list) kinds.set(object.kind, (kinds.get(object.kind) ?? 0) + 1);
    const kindList = [...kinds].sort(([a], [b]) => byCodeUnit(a, b)).map(([kind, count]) => (count === 1 ? kind : `${kind} ×${count}`));
    return [layerOf.get(component)!.title, code(component === "" ? "." : component), namespaces.map(code).join(", "), String(list.length), kindList.join(", ")];
  });
  out += table(["layer", "component", "namespaces", "objects", "kinds"], rows);
  return out;
}
