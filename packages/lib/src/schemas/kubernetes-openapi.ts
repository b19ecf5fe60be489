/**
 * Converts the Kubernetes OpenAPI v2 spec (`api/openapi-spec/swagger.json`)
 * into one standalone, strict JSON Schema per kind, the way the API server
 * reads objects:
 *
 * - a top-level kind is a definition with `x-kubernetes-group-version-kind`
 *   and `metadata` of type `ObjectMeta` (lists, `Status`, `WatchEvent` and
 *   `DeleteOptions` are not manifests and get no schema); one file per
 *   group/version/kind, with `apiVersion` and `kind` fixed by `enum`;
 * - every `$ref` is inlined, so a file needs no other file; definitions that
 *   refer to themselves (`JSONSchemaProps`) go to the file's own
 *   `definitions` and are referenced locally, so recursion is validated to
 *   any depth instead of being cut;
 * - strict: `additionalProperties: false` on every object that declares
 *   `properties` (unknown fields are rejected, as with
 *   `kubectl apply --validate=strict`); objects without properties
 *   (`RawExtension`, `FieldsV1`) keep accepting anything;
 * - optional fields also accept `null` (the API server decodes it as
 *   "unset"); required fields do not;
 * - `intstr.IntOrString` and `format: int-or-string` accept an integer or a
 *   string, `resource.Quantity` a number or a quantity string;
 * - extensions (`x-kubernetes-*`, `discriminator`, …) are dropped.
 */
import { UserError } from "../errors/user-error.ts";
import { allowNull, COPIED_KEYWORDS, intOrString, JUNCTOR_KEYWORDS, QUANTITY_PATTERN } from "./keywords.ts";
import { isJsonObject, objectAt, stringAt, stringsAt, type JsonObject, type JsonSchema, type JsonValue } from "./json.ts";
import { kubernetesSchemaFile } from "./layout.ts";

const DEFINITION_REF = "#/definitions/";
const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

/** The `$schema` every written schema declares: kubeconform compiles them as draft 4. */
export const JSON_SCHEMA_DRAFT = "http://json-schema.org/draft-04/schema#";

/** One top-level kind's schema. */
export interface KubernetesKindSchema {
  /** The API group, `""` for the core group. */
  readonly group: string;
  /** The API version within the group, e.g. `v1`. */
  readonly version: string;
  /** The kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The `apiVersion` value, e.g. `apps/v1` or `v1`. */
  readonly apiVersion: string;
  /** The file name kubeconform looks up, e.g. `deployment-apps-v1.json`. */
  readonly file: string;
  /** The standalone strict schema. */
  readonly schema: JsonSchema;
}

/** What {@link convertKubernetesSpec} returns. */
export interface ConvertedKubernetesSpec {
  /** Every top-level kind, sorted by file name. */
  readonly kinds: readonly KubernetesKindSchema[];
  /** The standalone strict schema of `ObjectMeta`, which custom resource schemas reuse for `metadata`. */
  readonly objectMeta: JsonSchema;
}

interface Converted {
  readonly schema: JsonSchema;
  /** The recursive definitions the schema references with a local `$ref`. */
  readonly uses: ReadonlySet<string>;
}

function refName(ref: string): string {
  return ref.startsWith(DEFINITION_REF) ? ref.slice(DEFINITION_REF.length) : ref;
}

function collectRefs(node: JsonValue, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (isJsonObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") into.add(refName(value));
      else collectRefs(value, into);
    }
  }
}

/** The definitions that are part of a reference cycle (Tarjan's strongly connected components). */
function recursiveDefinitions(definitions: Readonly<Record<string, JsonObject>>): Set<string> {
  const edges = new Map<string, Set<string>>();
  for (const [name, definition] of Object.entries(definitions)) {
    const refs = new Set<string>();
    collectRefs(definition, refs);
    edges.set(name, refs);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const recursive = new Set<string>();
  let counter = 0;
  const visit = (name: string): void => {
    index.set(name, counter);
    low.set(name, counter);
    counter++;
    stack.push(name);
    onStack.add(name);
    for (const next of edges.get(name) ?? []) {
      if (!edges.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(name, Math.min(low.get(name)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(name, Math.min(low.get(name)!, index.get(next)!));
      }
    }
    if (low.get(name) === index.get(name)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== name);
      if (component.length > 1 || edges.get(name)!.has(name)) for (const entry of component) recursive.add(entry);
    }
  };
  for (const name of edges.keys()) if (!index.has(name)) visit(name);
  return recursive;
}

class SpecConverter {
  readonly #definitions: Readonly<Record<string, JsonObject>>;
  readonly #recursive: ReadonlySet<string>;
  readonly #memo = new Map<string, Converted>();
  readonly #where: string;

  constructor(definitions: Readonly<Record<string, JsonObject>>, where: string) {
    this.#definitions = definitions;
    this.#recursive = recursiveDefinitions(definitions);
    this.#where = where;
  }

  /** A definition converted, memoized (the result is shared, never mutated). */
  definition(name: string): Converted {
    const cached = this.#memo.get(name);
    if (cached !== undefined) return cached;
    const source = this.#definitions[name];
    if (source === undefined) throw new UserError({ where: this.#where, what: `$ref to a missing definition ${JSON.stringify(name)}` });
    let converted: Converted;
    const description = stringAt(source, "description");
    if (name === INT_OR_STRING) {
      converted = { schema: intOrString(description === undefined ? {} : { description }), uses: new Set() };
    } else if (name === QUANTITY) {
      const base: JsonSchema = description === undefined ? {} : { description };
      converted = { schema: { ...base, type: ["number", "string"], pattern: QUANTITY_PATTERN }, uses: new Set() };
    } else {
      const uses = new Set<string>();
      converted = { schema: this.node(source, uses), uses };
    }
    this.#memo.set(name, converted);
    return converted;
  }

  /** The local `definitions` a schema needs: the recursive definitions it uses, and theirs. */
  localDefinitions(uses: ReadonlySet<string>): JsonObject | undefined {
    if (uses.size === 0) return undefined;
    const needed = new Set<string>();
    const queue = [...uses];
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      if (needed.has(name)) continue;
      needed.add(name);
      queue.push(...this.definition(name).uses);
    }
    const out: Record<string, JsonValue> = {};
    for (const name of [...needed].sort()) out[name] = this.definition(name).schema;
    return out;
  }

  node(node: JsonObject, uses: Set<string>): JsonSchema {
    const ref = stringAt(node, "$ref");
    if (ref !== undefined) {
      const name = refName(ref);
      if (this.#recursive.has(name)) {
        uses.add(name);
        return { $ref: `${DEFINITION_REF}${name}` };
      }
      const target = this.definition(name);
      for (const used of target.uses) uses.add(used);
      const description = stringAt(node, "description");
      return description === undefined ? target.schema : { ...target.schema, description };
    }
    const out: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(node)) {
      if (COPIED_KEYWORDS.has(key)) out[key] = value;
      else if (key === "properties" && isJsonObject(value)) out.properties = this.properties(value, new Set(stringsAt(node, "required")), uses);
      else if (key === "items" && isJsonObject(value)) out.items = this.node(value, uses);
      else if (key === "additionalProperties") out.additionalProperties = isJsonObject(value) ? this.node(value, uses) : value;
      else if ((JUNCTOR_KEYWORDS as readonly string[]).includes(key) && Array.isArray(value)) {
        out[key] = value.map((branch: JsonValue) => (isJsonObject(branch) ? this.node(branch, uses) : branch));
      } else if (key === "not" && isJsonObject(value)) out.not = this.node(value, uses);
    }
    const strict = out.properties !== undefined && out.additionalProperties === undefined && node["x-kubernetes-preserve-unknown-fields"] !== true;
    if (strict) out.additionalProperties = false;
    return out.format === "int-or-string" ? intOrString(out) : out;
  }

  properties(properties: JsonObject, required: ReadonlySet<string>, uses: Set<string>): JsonObject {
    const out: Record<string, JsonValue> = {};
    for (const [name, schema] of Object.entries(properties)) {
      if (!isJsonObject(schema)) continue;
      const converted = this.node(schema, uses);
      out[name] = required.has(name) ? converted : allowNull(converted);
    }
    return out;
  }
}

interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

function groupVersionKinds(definition: JsonObject): GroupVersionKind[] {
  const list = definition["x-kubernetes-group-version-kind"];
  if (!Array.isArray(list)) return [];
  return list.filter(isJsonObject).flatMap((entry: JsonObject) => {
    const group = stringAt(entry, "group");
    const version = stringAt(entry, "version");
    const kind = stringAt(entry, "kind");
    return group === undefined || version === undefined || kind === undefined ? [] : [{ group, version, kind }];
  });
}

function hasObjectMeta(definition: JsonObject): boolean {
  const metadata = objectAt(objectAt(definition, "properties") ?? {}, "metadata");
  return metadata !== undefined && refName(stringAt(metadata, "$ref") ?? "") === OBJECT_META;
}

/**
 * Converts a Kubernetes OpenAPI v2 spec into one standalone strict schema
 * per top-level kind.
 *
 * @param spec - the parsed `swagger.json`.
 * @param where - the spec's file, for error messages.
 * @throws {UserError} when the spec has no `definitions`, a `$ref` points
 *   nowhere, or two kinds would share a file name.
 */
export function convertKubernetesSpec(spec: unknown, where: string): ConvertedKubernetesSpec {
  const definitions = isJsonObject(spec) ? objectAt(spec, "definitions") : undefined;
  if (definitions === undefined) throw new UserError({ where, what: "not an OpenAPI v2 spec: it has no `definitions` object" });
  const objects: Record<string, JsonObject> = {};
  for (const [name, definition] of Object.entries(definitions)) if (isJsonObject(definition)) objects[name] = definition;
  const converter = new SpecConverter(objects, where);
  const kinds = new Map<string, KubernetesKindSchema>();
  for (const [name, definition] of Object.entries(objects)) {
    if (!hasObjectMeta(definition)) continue;
    for (const { group, version, kind } of groupVersionKinds(definition)) {
      const apiVersion = group === "" ? version : `${group}/${version}`;
      const file = kubernetesSchemaFile(kind, apiVersion);
      const previous = kinds.get(file);
      if (previous !== undefined) {
        throw new UserError({ where, what: `${apiVersion} ${kind} and ${previous.apiVersion} ${previous.kind} would both be written to ${file}` });
      }
      const { schema: base, uses } = converter.definition(name);
      const properties = objectAt(base, "properties") ?? {};
      const local = converter.localDefinitions(uses);
      const schema: JsonSchema = {
        $schema: JSON_SCHEMA_DRAFT,
        ...base,
        properties: {
          ...properties,
          apiVersion: { ...(objectAt(properties, "apiVersion") ?? {}), type: "string", enum: [apiVersion] },
          kind: { ...(objectAt(properties, "kind") ?? {}), type: "string", enum: [kind] },
        },
        ...(local === undefined ? {} : { definitions: local }),
      };
      kinds.set(file, { group, version, kind, apiVersion, file, schema });
    }
  }
  if (objects[OBJECT_META] === undefined) throw new UserError({ where, what: `the spec has no ${OBJECT_META} definition` });
  return {
    kinds: [...kinds.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    objectMeta: converter.definition(OBJECT_META).schema,
  };
}
