/**
 * The objects of a rendered tree as the architecture page reads them:
 * plain JSON with their identity, file and component.
 */
import type { ApiObject } from "../resource/api-object.ts";
import { groupOf } from "../resource/api-object.ts";
import type { JsonMap } from "../resource/json-fields.ts";
import { byCodeUnit } from "./markdown.ts";

/** One object of the tree. */
export interface PageObject {
  /** The file, relative to `generated/<cluster>/`. */
  readonly path: string;
  /** The component folder that holds it, e.g. `apps/podinfo` or `flux-system`. */
  readonly component: string;
  /** The API group, `""` for the core group. */
  readonly group: string;
  /** The kind. */
  readonly kind: string;
  /** The namespace, `""` for cluster-scoped objects. */
  readonly namespace: string;
  /** The name. */
  readonly name: string;
  /** The object's fields, read as JSON values (the object itself, not a copy). */
  readonly json: JsonMap;
}

/** Formats an object as `Kind namespace/name` or `Kind name`. */
export function label(object: Pick<PageObject, "kind" | "namespace" | "name">): string {
  return object.namespace === "" ? `${object.kind} ${object.name}` : `${object.kind} ${object.namespace}/${object.name}`;
}

/** A stable key for an object: group, kind, namespace and name. */
export function objectKey(object: Pick<PageObject, "group" | "kind" | "namespace" | "name">): string {
  return `${object.group}|${object.kind}|${object.namespace}|${object.name}`;
}

/**
 * The tree's objects as the page reads them, sorted by file path.
 */
export function pageObjects(objects: ReadonlyMap<string, { readonly component: string; readonly object: ApiObject }>): PageObject[] {
  const list: PageObject[] = [];
  for (const [path, entry] of objects) {
    const metadata = entry.object.metadata ?? {};
    list.push({
      path,
      component: entry.component,
      group: groupOf(entry.object.apiVersion),
      kind: entry.object.kind,
      namespace: typeof metadata.namespace === "string" ? metadata.namespace : "",
      name: typeof metadata.name === "string" ? metadata.name : "",
      // The page only reads fields, so the object itself serves: no copy of 10,000 objects to plain JSON.
      json: entry.object as unknown as JsonMap,
    });
  }
  return list.sort((a, b) => byCodeUnit(a.path, b.path));
}
