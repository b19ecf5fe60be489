/**
 * The graph checks `gen` runs before it writes anything: every reference
 * resolves, no dependency cycles, every Kustomization path exists in the
 * tree with a `kustomization.yaml`, and every namespace exists.
 */
import type { Problem } from "../errors/user-error.ts";
import { describeObject, groupOf, type ApiObject } from "../resource/api-object.ts";
import { describeRef, ObjectIndex, whereIs, type IndexedObject, type PreexistingObject } from "./object-index.ts";
import { referencesOf } from "./references.ts";

/** Namespaces every cluster has. */
export const BUILTIN_NAMESPACES: readonly string[] = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** What the graph checks look at. */
export interface GraphInput {
  /** The cluster folder for messages, e.g. `clusters/production`. */
  readonly source: string;
  /** The cluster's name. */
  readonly cluster: string;
  /** Every object of the tree with the component that made it. */
  readonly entries: readonly IndexedObject[];
  /** Every rendered file path, relative to `generated/<cluster>/`. */
  readonly files: ReadonlySet<string>;
  /** Namespaces that exist without being in the tree (besides the built-in ones). */
  readonly preexistingNamespaces?: readonly string[];
  /** Objects that exist without being in the tree. */
  readonly preexistingObjects?: readonly PreexistingObject[];
  /**
   * The source of this repository: Kustomizations that use it must point at
   * folders of the tree. Argo CD Applications with its URL likewise.
   */
  readonly ownSource?: { readonly kind: string; readonly namespace: string; readonly name: string; readonly url: string };
  /** Where an object was declared, added to its problems. */
  readonly declaredAt?: (object: ApiObject) => string | undefined;
}

/** Runs every graph check and returns the problems found, in a stable order. */
export function checkGraph(input: GraphInput): Problem[] {
  const index = new ObjectIndex(input.entries, input.preexistingObjects);
  return [...referenceProblems(input, index), ...cycleProblems(input, index), ...pathProblems(input), ...namespaceProblems(input, index)];
}

/** Adds where the object of `entry` was declared to a problem about it. */
function about(input: GraphInput, entry: IndexedObject, problem: Problem): Problem {
  const source = input.declaredAt?.(entry.object);
  return source === undefined ? problem : { ...problem, source };
}

function referenceProblems(input: GraphInput, index: ObjectIndex): Problem[] {
  const problems: Problem[] = [];
  for (const entry of input.entries) {
    for (const { field, ref, optional } of referencesOf(entry.object)) {
      if (optional || index.resolves(ref)) continue;
      problems.push(about(input, entry, {
        where: whereIs(input.source, entry),
        what: `${field} refers to ${describeRef(ref)}, which is not in cluster ${input.cluster}`,
        hint: `add ${describeRef(ref)} to a component of the cluster, fix the reference, or declare it under preexisting.objects with the reason it exists outside the tree`,
      }));
    }
  }
  return problems;
}

function cycleProblems(input: GraphInput, index: ObjectIndex): Problem[] {
  const problems: Problem[] = [];
  const kinds: readonly [string, string][] = [
    ["Kustomization", "kustomize.toolkit.fluxcd.io"],
    ["HelmRelease", "helm.toolkit.fluxcd.io"],
  ];
  for (const [kind, group] of kinds) {
    const nodes = index.ofKind(kind, group);
    const edges = new Map<IndexedObject, IndexedObject[]>();
    for (const node of nodes) {
      const targets = referencesOf(node.object)
        .filter(({ field }) => field.startsWith("spec.dependsOn"))
        .map(({ ref }) => index.find(ref))
        .filter((target): target is IndexedObject => target !== undefined);
      edges.set(node, targets);
    }
    const state = new Map<IndexedObject, "visiting" | "done">();
    const stack: IndexedObject[] = [];
    const reported = new Set<string>();
    const visit = (node: IndexedObject): void => {
      state.set(node, "visiting");
      stack.push(node);
      for (const target of edges.get(node) ?? []) {
        if (state.get(target) === "visiting") {
          const cycle = [...stack.slice(stack.indexOf(target)), target];
          const names = cycle.map((entry) => describeObject(entry.object));
          const id = [...names.slice(0, -1)].sort().join(",");
          if (!reported.has(id)) {
            reported.add(id);
            problems.push(about(input, target, {
              where: whereIs(input.source, target),
              what: `dependsOn forms a cycle: ${names.join(" → ")} (made by ${cycle.slice(0, -1).map((entry) => `components[${JSON.stringify(entry.component)}]`).join(", ")})`,
              hint: "remove one of the dependencies so the chain has a start",
            }));
          }
        } else if (state.get(target) === undefined) visit(target);
      }
      stack.pop();
      state.set(node, "done");
    };
    for (const node of nodes) if (state.get(node) === undefined) visit(node);
  }
  return problems;
}

/** Maps a path in this repository (`./generated/<cluster>/apps`) to a tree folder (`apps`), or undefined when it is elsewhere. */
function treeFolder(path: string, cluster: string): string | undefined {
  const normalized = path.replace(/^\.\//, "").replace(/\/+$/, "");
  const root = `generated/${cluster}`;
  if (normalized === root) return "";
  return normalized.startsWith(`${root}/`) ? normalized.slice(root.length + 1) : undefined;
}

function pathProblems(input: GraphInput): Problem[] {
  const own = input.ownSource;
  if (own === undefined) return [];
  const problems: Problem[] = [];
  for (const entry of input.entries) {
    const object = entry.object as unknown as { spec?: Record<string, unknown> };
    let path: string | undefined;
    let field = "";
    if (entry.object.kind === "Kustomization" && groupOf(entry.object.apiVersion) === "kustomize.toolkit.fluxcd.io") {
      const sourceRef = object.spec?.sourceRef as { kind?: string; name?: string; namespace?: string } | undefined;
      const sameSource = sourceRef?.kind === own.kind && sourceRef.name === own.name && (sourceRef.namespace ?? entry.object.metadata?.namespace) === own.namespace;
      if (!sameSource) continue;
      path = typeof object.spec?.path === "string" ? object.spec.path : "./";
      field = "spec.path";
    } else if (entry.object.kind === "Application" && groupOf(entry.object.apiVersion) === "argoproj.io") {
      const source = object.spec?.source as { repoURL?: string; path?: string } | undefined;
      if (source?.repoURL !== own.url || source.path === undefined) continue;
      path = source.path;
      field = "spec.source.path";
    } else continue;
    const folder = treeFolder(path, input.cluster);
    const kustomization = folder === undefined ? undefined : folder === "" ? "kustomization.yaml" : `${folder}/kustomization.yaml`;
    if (kustomization === undefined || !input.files.has(kustomization)) {
      problems.push(about(input, entry, {
        where: whereIs(input.source, entry),
        what:
          folder === undefined
            ? `${field} ${JSON.stringify(path)} is outside generated/${input.cluster}/, the tree this cluster's source serves`
            : `${field} ${JSON.stringify(path)} has no kustomization.yaml in the rendered tree (no component renders to generated/${input.cluster}/${folder})`,
        hint: `point it at a folder of generated/${input.cluster}/ that a component renders to`,
      }));
    }
  }
  return problems;
}

function namespaceProblems(input: GraphInput, index: ObjectIndex): Problem[] {
  const known = new Set([...BUILTIN_NAMESPACES, ...(input.preexistingNamespaces ?? [])]);
  for (const entry of index.ofKind("Namespace", "")) known.add(entry.object.metadata?.name ?? "");
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const entry of input.entries) {
    const namespace = entry.object.metadata?.namespace;
    if (namespace === undefined || known.has(namespace)) continue;
    const id = `${entry.component}|${namespace}`;
    if (reported.has(id)) continue;
    reported.add(id);
    problems.push(about(input, entry, {
      where: whereIs(input.source, entry),
      what: `namespace ${JSON.stringify(namespace)} is not created by any component of cluster ${input.cluster}`,
      hint: `add a Namespace ${namespace} to a component, or list it under preexisting.namespaces if it exists outside the tree`,
    }));
  }
  return problems;
}
