/**
 * JSON values and JSON Schema documents as plain data, with the guards the
 * converters use to walk them without `any`.
 */

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** A JSON Schema (draft 4, the dialect kubeconform compiles) or an OpenAPI schema object. */
export type JsonSchema = JsonObject;

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object under `key`, or `undefined` when it is missing or not an object. */
export function objectAt(value: JsonObject, key: string): JsonObject | undefined {
  const found = value[key];
  return isJsonObject(found) ? found : undefined;
}

/** The string under `key`, or `undefined` when it is missing or not a string. */
export function stringAt(value: JsonObject, key: string): string | undefined {
  const found = value[key];
  return typeof found === "string" ? found : undefined;
}

/** The strings of the array under `key` (other items are ignored); empty when missing. */
export function stringsAt(value: JsonObject, key: string): string[] {
  const found = value[key];
  return Array.isArray(found) ? found.filter((item): item is string => typeof item === "string") : [];
}
