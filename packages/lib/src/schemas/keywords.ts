/**
 * Keyword-level rules shared by both converters: which OpenAPI keywords are
 * JSON Schema (draft 4, the dialect kubeconform compiles schemas with), and
 * how the API server's extensions map onto JSON Schema.
 */
import { isJsonObject, type JsonSchema, type JsonValue } from "./json.ts";

/**
 * Keywords copied as they are: JSON Schema draft 4 validation keywords and
 * the annotations that help editors (`description`, `title`, `default`).
 * Everything else (`x-kubernetes-*`, `nullable`, `example`, `externalDocs`,
 * `discriminator`, …) is either converted by the caller or dropped.
 * `properties`, `items`, `additionalProperties`, `allOf`, `anyOf`, `oneOf`
 * and `not` hold schemas and are converted by the caller.
 */
export const COPIED_KEYWORDS: ReadonlySet<string> = new Set([
  "type",
  "required",
  "enum",
  "pattern",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "description",
  "title",
  "default",
]);

/** Keywords whose value is a list of schemas combined logically. */
export const JUNCTOR_KEYWORDS = ["allOf", "anyOf", "oneOf"] as const;

/**
 * The pattern the API server parses `resource.Quantity` strings with
 * (`k8s.io/apimachinery/pkg/api/resource`), as controller-gen writes it
 * into CRDs.
 */
export const QUANTITY_PATTERN = "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

/** The JSON types an `intstr.IntOrString` accepts: a JSON integer or a string. */
export const INT_OR_STRING_TYPE: readonly JsonValue[] = ["integer", "string"];

function hasJunctor(schema: JsonSchema): boolean {
  return JUNCTOR_KEYWORDS.some((keyword) => schema[keyword] !== undefined) || schema.not !== undefined || schema.$ref !== undefined;
}

/**
 * Returns `schema` changed to also accept `null`: `"null"` is added to
 * `type` and to `enum`. A schema with `$ref`, `allOf`, `anyOf`, `oneOf` or
 * `not` (which may reject null on their own) is wrapped in
 * `anyOf: [{type: "null"}, schema]` instead.
 */
export function allowNull(schema: JsonSchema): JsonSchema {
  if (hasJunctor(schema)) return { anyOf: [{ type: "null" }, schema] };
  const out: Record<string, JsonValue> = { ...schema };
  const type = schema.type;
  if (typeof type === "string" && type !== "null") out.type = [type, "null"];
  else if (Array.isArray(type) && !type.includes("null")) out.type = [...type, "null"];
  const values = schema.enum;
  if (Array.isArray(values) && !values.includes(null)) out.enum = [...values, null];
  return out;
}

/** Whether a junctor branch only states a JSON type, like controller-gen's `anyOf: [{type: integer}, {type: string}]`. */
function isTypeOnlyBranch(branch: JsonValue): boolean {
  return isJsonObject(branch) && Object.keys(branch).every((key) => key === "type");
}

/**
 * Returns `schema` changed to accept what an int-or-string field accepts: a
 * JSON integer or a string (`x-kubernetes-int-or-string: true` in CRDs,
 * `format: int-or-string` in the Kubernetes spec). A type-only `anyOf` or
 * `oneOf` that says the same is dropped.
 */
export function intOrString(schema: JsonSchema): JsonSchema {
  const out: Record<string, JsonValue> = { ...schema, type: INT_OR_STRING_TYPE };
  if (out.format === "int-or-string") delete out.format;
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const branches = out[keyword];
    if (Array.isArray(branches) && branches.every(isTypeOnlyBranch)) delete out[keyword];
  }
  return out;
}
