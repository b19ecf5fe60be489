/**
 * Reading the types CEL needs out of a CRD version's `openAPIV3Schema` (or
 * out of the store's converted JSON Schema, whose `type` may be a list and
 * whose nullable nodes are wrapped in `anyOf: [{type: "null"}, …]`): the
 * schema of a child value, and whether a number is an int or a double and a
 * string a duration, timestamp or bytes.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../schemas/json.ts";
import { JUNCTOR_KEYWORDS } from "../schemas/keywords.ts";

/** The CEL type a schema gives a JSON number or string, when it changes anything. */
export type ScalarKind = "int" | "double" | "duration" | "timestamp" | "date" | "bytes";

function branches(node: JsonObject): JsonObject[] {
  return JUNCTOR_KEYWORDS.flatMap((keyword) => {
    const list = node[keyword];
    return Array.isArray(list) ? list.filter(isJsonObject) : [];
  });
}

function find<T>(node: JsonObject, read: (node: JsonObject) => T | undefined, depth = 0): T | undefined {
  const direct = read(node);
  if (direct !== undefined || depth > 4) return direct;
  for (const branch of branches(node)) {
    const found = find(branch, read, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const propertySchemas = new WeakMap<JsonObject, Map<string, JsonObject | null>>();

/** The schema of property `name` of an object, or of any value of a map. */
export function propertySchema(node: JsonObject | undefined, name: string): JsonObject | undefined {
  if (node === undefined) return undefined;
  let known = propertySchemas.get(node);
  if (known === undefined) {
    known = new Map();
    propertySchemas.set(node, known);
  }
  const cached = known.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const found = readPropertySchema(node, name);
  known.set(name, found ?? null);
  return found;
}

function readPropertySchema(node: JsonObject, name: string): JsonObject | undefined {
  return find(node, (candidate) => {
    const properties = candidate.properties;
    const property = isJsonObject(properties) ? properties[name] : undefined;
    if (isJsonObject(property)) return property;
    const additional = candidate.additionalProperties;
    return isJsonObject(additional) ? additional : undefined;
  });
}

/** The schema of the items of a list. */
export function itemsSchema(node: JsonObject | undefined): JsonObject | undefined {
  if (node === undefined) return undefined;
  return find(node, (candidate) => (isJsonObject(candidate.items) ? candidate.items : undefined));
}

function typesOf(node: JsonObject): readonly JsonValue[] | undefined {
  const type = node.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type : undefined;
}

const scalarKinds = new WeakMap<JsonObject, ScalarKind | "none">();

const FORMAT_KINDS: Readonly<Record<string, ScalarKind>> = { duration: "duration", "date-time": "timestamp", date: "date", byte: "bytes" };

/**
 * The CEL type the schema gives a scalar: `int` for `integer` and
 * int-or-string, `double` for `number`, `duration`/`timestamp`/`date`/
 * `bytes` for strings with that `format`; `undefined` when it does not say.
 */
export function scalarKind(node: JsonObject | undefined): ScalarKind | undefined {
  if (node === undefined) return undefined;
  const known = scalarKinds.get(node);
  if (known !== undefined) return known === "none" ? undefined : known;
  const kind = readScalarKind(node);
  scalarKinds.set(node, kind ?? "none");
  return kind;
}

function readScalarKind(node: JsonObject): ScalarKind | undefined {
  return find(node, (candidate) => {
    if (candidate["x-kubernetes-int-or-string"] === true) return "int";
    const types = typesOf(candidate);
    if (types === undefined) return undefined;
    if (types.includes("integer")) return "int";
    if (types.includes("number")) return "double";
    const format = candidate.format;
    if (types.includes("string") && typeof format === "string") return FORMAT_KINDS[format];
    return undefined;
  });
}

function isNullable(node: JsonObject): boolean {
  const types = typesOf(node);
  return node.nullable === true || (types?.includes("null") ?? false);
}

/**
 * The `default` of each property of an object schema, as the API server
 * applies them before validating (`structuraldefaulting.Default`): to
 * absent properties, and to `null` ones that are not nullable.
 */
export function propertyDefaults(node: JsonObject | undefined): readonly (readonly [name: string, value: JsonValue, nullable: boolean])[] {
  if (node === undefined) return [];
  let known = defaults.get(node);
  if (known === undefined) {
    const properties = find(node, (candidate) => (isJsonObject(candidate.properties) ? candidate.properties : undefined)) ?? {};
    known = Object.entries(properties).flatMap(([name, property]) =>
      isJsonObject(property) && property.default !== undefined ? [[name, property.default, isNullable(property)] as const] : [],
    );
    defaults.set(node, known);
  }
  return known;
}

const defaults = new WeakMap<JsonObject, readonly (readonly [string, JsonValue, boolean])[]>();
