/**
 * Reading fields of objects whose shape is not known statically (rendered
 * manifests, parsed YAML), without casts at every step.
 */

/** A JSON object. */
export type JsonMap = Record<string, unknown>;

/** The value as an object, or `undefined` when it is not a plain object. */
export function asObject(value: unknown): JsonMap | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonMap) : undefined;
}

/** The value as an array, or `[]` when it is not one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value as a non-empty string, or `undefined`. */
export function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The value at a path of keys, or `undefined` when any step is missing. */
export function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as JsonMap)[key];
  }
  return current;
}
