/**
 * The string values of a rendered object, each with its field path and,
 * for the fields where configuration is written by hand, the key that
 * names it: a ConfigMap's data key, an annotation's key, an env var's name
 * (`""` for a container's `args` and `command`, which name nothing).
 */
type Json = Record<string, unknown>;

/**
 * Called with each string value of an object: the value; the key that
 * names it where configuration is written by hand (ConfigMap `data`,
 * annotations, container `env`; `""` for container `args` and `command`),
 * for the generic "password=…" rule, `undefined` elsewhere; and its field
 * path from the document's root. The path array is reused as the walk goes
 * on: read it during the call (format it with `formatFieldPath`), copy it
 * to keep it.
 */
export type StringVisitor = (value: string, key: string | undefined, path: readonly PropertyKey[]) => void;

function isMapping(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The key of a hand-written value at `path`, or `undefined` when the field is not one of those. */
function keyOf(path: readonly PropertyKey[], parent: unknown, isConfigMap: boolean): string | undefined {
  const n = path.length;
  const last = path[n - 1];
  if (isConfigMap && n === 2 && path[0] === "data" && typeof last === "string") return last;
  if (n >= 3 && path[n - 2] === "annotations" && path[n - 3] === "metadata" && typeof last === "string") return last;
  if (n >= 3 && typeof last === "number" && (path[n - 2] === "args" || path[n - 2] === "command") && typeof path[n - 3] === "number") return "";
  if (n >= 3 && last === "value" && typeof path[n - 2] === "number" && path[n - 3] === "env") {
    const name = isMapping(parent) ? parent.name : undefined;
    return typeof name === "string" ? name : "";
  }
  return undefined;
}

/** Whether `path` (from the document's root) is a subtree to leave out. */
export type SkipSubtree = (path: readonly PropertyKey[]) => boolean;

/**
 * Calls `visit` with every string value of `object`, depth first in key
 * order, except in subtrees `skip` names.
 */
export function forEachString(object: Json, skip: SkipSubtree, visit: StringVisitor): void {
  const isConfigMap = object.kind === "ConfigMap" && object.apiVersion === "v1";
  const path: PropertyKey[] = [];
  const walk = (value: unknown, parent: unknown): void => {
    if (typeof value === "string") {
      visit(value, keyOf(path, parent, isConfigMap), path);
      return;
    }
    if (typeof value !== "object" || value === null || skip(path)) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], value);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      walk((value as Json)[key], value);
      path.pop();
    }
  };
  walk(object, undefined);
}
