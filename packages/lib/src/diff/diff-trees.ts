/**
 * The object-level diff of a cluster tree: objects added, removed, changed
 * (with their field changes) and moved (same identity, another file).
 */
import { byCodeUnit } from "../docs/markdown.ts";
import { fieldChanges, secretRulesOf, type FieldChange } from "./field-changes.ts";
import { treeEntries, type TreeEntry } from "./tree-objects.ts";

/** One object that differs. */
export interface ObjectChange {
  /** What happened to it. A moved object may also have field changes. */
  readonly change: "added" | "removed" | "changed" | "moved";
  /** The API version (the new one, unless removed). */
  readonly apiVersion: string;
  /** The kind. */
  readonly kind: string;
  /** The namespace, `""` for cluster-scoped objects. */
  readonly namespace: string;
  /** The name. */
  readonly name: string;
  /** Its file relative to `generated/<cluster>/`: the new one, or the old one when removed. */
  readonly path: string;
  /** For a move: the old file. */
  readonly from?: string;
  /** The field changes (changed and moved objects). */
  readonly fields: readonly FieldChange[];
}

/** The diff of one cluster. */
export interface ClusterDiff {
  /** The cluster. */
  readonly cluster: string;
  /** `added` when the base has no tree for it, `removed` when the head has none. */
  readonly status: "added" | "removed" | "changed" | "unchanged";
  /** The objects that differ, in file order. */
  readonly objects: readonly ObjectChange[];
  /** Counts per kind of change. */
  readonly summary: Readonly<Record<ObjectChange["change"], number>>;
}

/** Counts the changes of a list. */
export function summarize(objects: readonly ObjectChange[]): Record<ObjectChange["change"], number> {
  const summary = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const object of objects) summary[object.change]++;
  return summary;
}

function identity(entry: TreeEntry) {
  return { apiVersion: entry.apiVersion, kind: entry.kind, namespace: entry.namespace, name: entry.name };
}

/**
 * Compares two versions of a cluster tree, given as files keyed by path
 * relative to `generated/<cluster>/`; `undefined` when that side has no tree.
 */
export function diffTrees(cluster: string, base: ReadonlyMap<string, string> | undefined, head: ReadonlyMap<string, string> | undefined): ClusterDiff {
  // A file with the same text on both sides holds the same objects at the same place: only the others are parsed.
  const differing = (files: ReadonlyMap<string, string> | undefined, other: ReadonlyMap<string, string> | undefined) =>
    new Map([...(files ?? [])].filter(([path, text]) => other?.get(path) !== text));
  const before = treeEntries(differing(base, head));
  const after = treeEntries(differing(head, base));
  const objects: ObjectChange[] = [];
  for (const [key, old] of before) {
    const now = after.get(key);
    if (now === undefined) {
      objects.push({ change: "removed", ...identity(old), path: old.path, fields: [] });
      continue;
    }
    const fields = fieldChanges(old.json, now.json, secretRulesOf(now));
    if (old.path !== now.path) objects.push({ change: "moved", ...identity(now), path: now.path, from: old.path, fields });
    else if (fields.length > 0) objects.push({ change: "changed", ...identity(now), path: now.path, fields });
  }
  for (const [key, now] of after) if (!before.has(key)) objects.push({ change: "added", ...identity(now), path: now.path, fields: [] });
  objects.sort((a, b) => byCodeUnit(a.path, b.path) || byCodeUnit(a.kind, b.kind) || byCodeUnit(a.namespace, b.namespace) || byCodeUnit(a.name, b.name));
  const status = base === undefined && head !== undefined ? "added" : head === undefined && base !== undefined ? "removed" : objects.length > 0 ? "changed" : "unchanged";
  return { cluster, status, objects, summary: summarize(objects) };
}
