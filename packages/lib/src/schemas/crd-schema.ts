/**
 * Converts each served version of a CustomResourceDefinition into one
 * standalone, strict JSON Schema, the way the API server treats custom
 * resources (apiextensions-apiserver: structural schemas, pruning,
 * defaulting and validation):
 *
 * - strict: an object rejects fields it does not declare
 *   (`additionalProperties: false`), because the API server would prune them
 *   silently; `x-kubernetes-preserve-unknown-fields: true` keeps an object
 *   open. This also applies to an object without `properties` (it keeps
 *   nothing, so any field in it is a mistake). Schemas inside `allOf`,
 *   `anyOf`, `oneOf` and `not` are value validations and are never made
 *   strict;
 * - `apiVersion` and `kind` are fixed by `enum`; `metadata` is validated as
 *   `ObjectMeta` (when given), plus the CRD's own constraints on it;
 * - `x-kubernetes-int-or-string: true` accepts an integer or a string;
 * - `x-kubernetes-embedded-resource: true` also allows `apiVersion`, `kind`
 *   and `metadata`;
 * - `nullable: true` also accepts `null`; other fields do not (the API
 *   server would drop the null, which is never what was meant);
 * - `x-kubernetes-list-type: set` requires unique items;
 * - a required property with a `default` may be left out (the API server
 *   defaults before it validates);
 * - `x-kubernetes-validations` (CEL) and every other extension are dropped;
 *   see `crdCelRules` for the CEL rules.
 */
import { allowNull, COPIED_KEYWORDS, intOrString, JUNCTOR_KEYWORDS } from "./keywords.ts";
import { isJsonObject, objectAt, type JsonObject, type JsonSchema, type JsonValue } from "./json.ts";
import { crdSchemaFile } from "./layout.ts";
import { JSON_SCHEMA_DRAFT, type KubernetesKindSchema } from "./kubernetes-openapi.ts";
import type { CustomResourceDefinition } from "./crd-documents.ts";

/**
 * One served version of a custom resource, converted: the same shape as a
 * Kubernetes kind's, with `file` the path below a store or cluster schema
 * folder, e.g. `crds/cert-manager.io/certificate_v1.json`.
 */
export type CrdKindSchema = KubernetesKindSchema;

/** Options of {@link convertCrd}. */
export interface ConvertCrdOptions {
  /**
   * The schema `metadata` is validated with, normally the strict
   * `ObjectMeta` of the Kubernetes spec (see `convertKubernetesSpec`).
   * @default `{ type: "object" }` (any metadata)
   */
  readonly objectMeta?: JsonSchema;
}

const PERMISSIVE_METADATA: JsonSchema = { type: "object" };

type Mode = "structural" | "value";

/**
 * Drops from `required` the properties that have a `default`: the API
 * server fills in defaults before it validates, so they may be left out.
 */
function withoutDefaultedRequired(schema: Record<string, JsonValue>, source: JsonObject): Record<string, JsonValue> {
  const required = schema.required;
  const properties = objectAt(source, "properties");
  if (!Array.isArray(required) || properties === undefined) return schema;
  const kept = required.filter((name: JsonValue) => typeof name !== "string" || objectAt(properties, name)?.default === undefined);
  if (kept.length === required.length) return schema;
  const { required: _, ...rest } = schema;
  return kept.length === 0 ? rest : { ...rest, required: kept };
}

class CrdConverter {
  readonly #objectMeta: JsonSchema;

  constructor(objectMeta: JsonSchema) {
    this.#objectMeta = objectMeta;
  }

  /** A schema node; `value` mode is for the insides of `allOf`/`anyOf`/`oneOf`/`not`, which are never made strict. */
  node(node: JsonObject, mode: Mode): JsonSchema {
    let out: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(node)) {
      if (COPIED_KEYWORDS.has(key)) out[key] = value;
      else if (key === "properties" && isJsonObject(value)) out.properties = this.properties(value, mode);
      else if (key === "items" && isJsonObject(value)) out.items = this.node(value, mode);
      else if (key === "items" && Array.isArray(value)) out.items = value.map((item: JsonValue) => (isJsonObject(item) ? this.node(item, mode) : item));
      else if (key === "additionalProperties") out.additionalProperties = isJsonObject(value) ? this.node(value, mode) : value;
      else if ((JUNCTOR_KEYWORDS as readonly string[]).includes(key) && Array.isArray(value)) {
        out[key] = value.map((branch: JsonValue) => (isJsonObject(branch) ? this.node(branch, "value") : branch));
      } else if (key === "not" && isJsonObject(value)) out.not = this.node(value, "value");
    }
    if (node["x-kubernetes-int-or-string"] === true || node.format === "int-or-string") out = { ...intOrString(out) };
    if (node["x-kubernetes-embedded-resource"] === true) out.properties = this.embedded(objectAt(out, "properties") ?? {}, objectAt(node, "properties")?.metadata);
    if (node["x-kubernetes-list-type"] === "set" && out.uniqueItems === undefined) out.uniqueItems = true;
    if (mode === "structural") out = withoutDefaultedRequired(out, node);
    const isObject = out.type === "object" || out.properties !== undefined;
    if (mode === "structural" && isObject && out.additionalProperties === undefined && node["x-kubernetes-preserve-unknown-fields"] !== true) {
      out.additionalProperties = false;
    }
    return node.nullable === true ? allowNull(out) : out;
  }

  properties(properties: JsonObject, mode: Mode): JsonObject {
    const out: Record<string, JsonValue> = {};
    for (const [name, schema] of Object.entries(properties)) if (isJsonObject(schema)) out[name] = this.node(schema, mode);
    return out;
  }

  /**
   * The properties of an embedded resource: `apiVersion`, `kind` and
   * `metadata` are always allowed.
   *
   * @param properties - the converted declared properties.
   * @param declaredMetadata - the declared `metadata` schema, as written in the CRD.
   */
  embedded(properties: JsonObject, declaredMetadata: JsonValue | undefined): JsonObject {
    return {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      ...properties,
      metadata: this.metadata(declaredMetadata),
    };
  }

  /** `ObjectMeta`, with the CRD's own constraints on it (only `name` and `generateName` may be constrained). */
  metadata(declared: JsonValue | undefined): JsonSchema {
    const declaredProperties = isJsonObject(declared) ? objectAt(declared, "properties") : undefined;
    if (declaredProperties === undefined || Object.keys(declaredProperties).length === 0) return this.#objectMeta;
    const constraints: JsonSchema = { properties: this.properties(declaredProperties, "value") };
    return { ...this.#objectMeta, allOf: [...(Array.isArray(this.#objectMeta.allOf) ? this.#objectMeta.allOf : []), constraints] };
  }

  root(schema: JsonObject | undefined, apiVersion: string, kind: string): JsonSchema {
    const source: JsonObject = schema ?? { type: "object", "x-kubernetes-preserve-unknown-fields": true };
    const sourceProperties = objectAt(source, "properties") ?? {};
    const { metadata, ...rest } = sourceProperties;
    const converted = this.node({ ...source, properties: rest }, "structural");
    const properties = objectAt(converted, "properties") ?? {};
    return {
      $schema: JSON_SCHEMA_DRAFT,
      ...converted,
      properties: {
        ...properties,
        apiVersion: { ...(objectAt(properties, "apiVersion") ?? {}), type: "string", enum: [apiVersion] },
        kind: { ...(objectAt(properties, "kind") ?? {}), type: "string", enum: [kind] },
        metadata: this.metadata(metadata),
      },
    };
  }
}

/**
 * Converts every served version of a CRD into a standalone strict schema.
 * Unserved versions get none: the API server rejects objects in them.
 *
 * @example
 * for (const entry of convertCrd(crd, { objectMeta })) writeFileSync(join(store, entry.file), JSON.stringify(entry.schema));
 */
export function convertCrd(crd: CustomResourceDefinition, options: ConvertCrdOptions = {}): CrdKindSchema[] {
  const converter = new CrdConverter(options.objectMeta ?? PERMISSIVE_METADATA);
  return crd.versions
    .filter((version) => version.served)
    .map((version) => {
      const apiVersion = `${crd.group}/${version.name}`;
      return {
        group: crd.group,
        version: version.name,
        kind: crd.kind,
        apiVersion,
        file: crdSchemaFile(crd.group, crd.kind, version.name),
        schema: converter.root(version.openAPIV3Schema, apiVersion, crd.kind),
      };
    });
}
