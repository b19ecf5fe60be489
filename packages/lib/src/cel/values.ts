/**
 * JSON values as CEL values, typed the way the API server types them from
 * the CRD's schema (`k8s.io/apiserver/pkg/cel/common`, `values.go`):
 *
 * - numbers: `int` (a `bigint`) when the schema says `integer` or
 *   int-or-string, `double` when it says `number`; without a schema, whole
 *   numbers are `int` (as Go decodes unstructured JSON), so that
 *   `self.minReplicas <= self.maxReplicas` compares ints;
 * - strings: a `duration` for `format: duration`, a `timestamp` for
 *   `format: date-time` and `format: date`, `bytes` for `format: byte`;
 *   a string that does not parse stays a string;
 * - objects become maps, arrays lists; `null` stays `null`; keys whose
 *   value is `undefined` are dropped;
 * - the schema's `default`s are filled in where a property is absent, as
 *   the API server defaults an object before it validates it.
 */
import type { JsonObject } from "../schemas/json.ts";
import { parseSchemaDuration } from "./library/durations.ts";
import { itemsSchema, propertyDefaults, propertySchema, scalarKind } from "./schema-nodes.ts";

function toNumber(value: number, schema: JsonObject | undefined): number | bigint {
  if (!Number.isSafeInteger(value)) return Number.isInteger(value) && scalarKind(schema) === "int" ? BigInt(value) : value;
  return scalarKind(schema) === "double" ? value : BigInt(value);
}

function toTimestamp(text: string, dateOnly: boolean): Date | string {
  const pattern = dateOnly ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
  if (!pattern.test(text)) return text;
  const date = new Date(dateOnly ? `${text}T00:00:00Z` : text);
  return Number.isNaN(date.getTime()) ? text : date;
}

function toStringValue(text: string, schema: JsonObject | undefined): unknown {
  switch (scalarKind(schema)) {
    case "duration":
      return parseSchemaDuration(text) ?? text;
    case "timestamp":
      return toTimestamp(text, false);
    case "date":
      return toTimestamp(text, true);
    case "bytes":
      return /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? new Uint8Array(Buffer.from(text, "base64")) : text;
    default:
      return text;
  }
}

/** Sets `key` as an own property, even `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Converts a JSON value (as parsed from YAML or JSON) into the value CEL
 * rules see as `self`.
 *
 * @param schema - the schema node of `value`. By default, none: whole
 *   numbers become ints, strings stay strings and nothing is defaulted.
 */
export function toCelValue(value: unknown, schema?: JsonObject): unknown {
  if (typeof value === "number") return toNumber(value, schema);
  if (typeof value === "string") return toStringValue(value, schema);
  if (Array.isArray(value)) {
    const items = itemsSchema(schema);
    return value.map((item: unknown) => toCelValue(item, items));
  }
  if (typeof value === "object" && value !== null) {
    const source = value as Readonly<Record<string, unknown>>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source)) {
      const item = source[key];
      if (item !== undefined) setOwn(out, key, toCelValue(item, propertySchema(schema, key)));
    }
    for (const [key, fallback, nullable] of propertyDefaults(schema)) {
      const current = out[key];
      if (!Object.hasOwn(out, key) || (current === null && !nullable)) setOwn(out, key, toCelValue(fallback, propertySchema(schema, key)));
    }
    return out;
  }
  return value;
}
