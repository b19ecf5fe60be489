/**
 * The objects of a cluster tree (rendered in memory or read from git),
 * parsed from their YAML and keyed by identity, for the object-level diff.
 */
import { lazyModel } from "../resource/lazy-model.ts";
import { groupOf } from "../resource/api-object.ts";
import { asObject, asString, at, type JsonMap } from "../resource/json-fields.ts";

/** The `yaml` package, loaded on first use. */
const yaml = lazyModel<typeof import("yaml")>(import.meta.resolve("yaml"));

/** One object of a tree. */
export interface TreeEntry {
  /** The identity key: group, kind, namespace and name. */
  readonly key: string;
  /** The file, relative to `generated/<cluster>/`. */
  readonly path: string;
  /** The API version. */
  readonly apiVersion: string;
  /** The kind. */
  readonly kind: string;
  /** The namespace, `""` for cluster-scoped objects. */
  readonly namespace: string;
  /** The name. */
  readonly name: string;
  /** The object as parsed. */
  readonly json: JsonMap;
}

/** Whether a tree file holds objects (not a `kustomization.yaml`, the inventory or a document such as `ARCHITECTURE.md`). */
export function isObjectFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return (base.endsWith(".yaml") || base.endsWith(".yml")) && base !== "kustomization.yaml" && !base.startsWith(".");
}

/** Formats an entry as `Kind namespace/name` or `Kind name`. */
export function describeEntry(entry: Pick<TreeEntry, "kind" | "namespace" | "name">): string {
  return entry.namespace === "" ? `${entry.kind} ${entry.name}` : `${entry.kind} ${entry.namespace}/${entry.name}`;
}

/**
 * Parses the object files of a tree. A file that does not parse, or whose
 * document is not an object, is keyed by its path so it still shows up in
 * the diff when its text changes.
 */
export function treeEntries(files: ReadonlyMap<string, string>): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  for (const [path, text] of files) {
    if (!isObjectFile(path)) continue;
    let documents: unknown[];
    try {
      documents = yaml().parseAllDocuments(text).map((document) => {
        if (document.errors.length > 0) throw document.errors[0];
        return document.toJS() as unknown;
      });
    } catch {
      documents = [{ apiVersion: "", kind: "File", metadata: { name: path }, text }];
    }
    for (const document of documents) {
      const json = asObject(document);
      if (json === undefined) continue;
      const apiVersion = asString(json.apiVersion) ?? "";
      const kind = asString(json.kind) ?? "";
      const namespace = asString(at(json, "metadata", "namespace")) ?? "";
      const name = asString(at(json, "metadata", "name")) ?? "";
      const key = kind === "" || name === "" ? `file|${path}` : `${groupOf(apiVersion)}|${kind}|${namespace}|${name}`;
      entries.set(key, { key, path, apiVersion, kind, namespace, name, json });
    }
  }
  return entries;
}
