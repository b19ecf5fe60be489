/**
 * The CEL validation rules (`x-kubernetes-validations`) of a CRD, which
 * JSON Schema cannot express. The schema converter drops them; this module
 * keeps them, per group/version/kind, for a CEL evaluator.
 */
import { isJsonObject, stringAt, type JsonObject, type JsonValue } from "./json.ts";
import { JUNCTOR_KEYWORDS } from "./keywords.ts";
import type { CustomResourceDefinition } from "./crd-documents.ts";

/** One CEL rule and the schema node it is attached to. */
export interface CelRule {
  /**
   * The field the rule is attached to, e.g. `spec.listeners[*].tls`: `[*]`
   * is any item of a list, `{*}` any value of a map; `""` is the object's
   * root. `self` in the rule is the value at this path.
   */
  readonly path: string;
  /**
   * The JSON Pointer segments of the schema node inside the version's
   * `openAPIV3Schema`, e.g. `["properties", "spec", "properties", "listeners", "items"]`.
   */
  readonly schemaPath: readonly string[];
  /** The CEL expression, e.g. `self.minReplicas <= self.replicas`. */
  readonly rule: string;
  /**
   * The message shown when the rule fails.
   * @default `failed rule: <rule>` (the API server's default, unless `messageExpression` is set)
   */
  readonly message?: string;
  /** A CEL expression that computes the message, when the CRD has one. */
  readonly messageExpression?: string;
  /** The field path the API server reports a failure at, relative to `path`, when the CRD sets one. */
  readonly fieldPath?: string;
  /** The reason the API server reports (`FieldValueInvalid`, `FieldValueForbidden`, …), when the CRD sets one. */
  readonly reason?: string;
  /** Whether the rule is a transition rule evaluated with an absent `oldSelf` too. */
  readonly optionalOldSelf?: boolean;
}

/** The CEL rules of one served group/version/kind. */
export interface CelRuleSet {
  /** The API group. */
  readonly group: string;
  /** The version. */
  readonly version: string;
  /** The kind. */
  readonly kind: string;
  /** Every rule, in schema order (parents before children). */
  readonly rules: readonly CelRule[];
}

function joinPath(path: string, segment: string): string {
  return segment.startsWith("[") || segment.startsWith("{") ? `${path}${segment}` : path === "" ? segment : `${path}.${segment}`;
}

function rulesOf(node: JsonObject, path: string, schemaPath: readonly string[]): CelRule[] {
  const validations = node["x-kubernetes-validations"];
  if (!Array.isArray(validations)) return [];
  return validations.filter(isJsonObject).flatMap((entry: JsonObject) => {
    const rule = stringAt(entry, "rule");
    if (rule === undefined) return [];
    const message = stringAt(entry, "message");
    const messageExpression = stringAt(entry, "messageExpression");
    const fieldPath = stringAt(entry, "fieldPath");
    const reason = stringAt(entry, "reason");
    const optionalOldSelf = entry.optionalOldSelf;
    return [
      {
        path,
        schemaPath,
        rule,
        ...(message === undefined ? {} : { message }),
        ...(messageExpression === undefined ? {} : { messageExpression }),
        ...(fieldPath === undefined ? {} : { fieldPath }),
        ...(reason === undefined ? {} : { reason }),
        ...(typeof optionalOldSelf === "boolean" ? { optionalOldSelf } : {}),
      },
    ];
  });
}

function collect(node: JsonValue | undefined, path: string, schemaPath: readonly string[], into: CelRule[]): void {
  if (!isJsonObject(node)) return;
  into.push(...rulesOf(node, path, schemaPath));
  const properties = node.properties;
  if (isJsonObject(properties)) {
    for (const [name, child] of Object.entries(properties)) collect(child, joinPath(path, name), [...schemaPath, "properties", name], into);
  }
  collect(node.items, joinPath(path, "[*]"), [...schemaPath, "items"], into);
  collect(node.additionalProperties, joinPath(path, "{*}"), [...schemaPath, "additionalProperties"], into);
  for (const keyword of JUNCTOR_KEYWORDS) {
    const branches = node[keyword];
    if (Array.isArray(branches)) branches.forEach((branch: JsonValue, index: number) => collect(branch, path, [...schemaPath, keyword, String(index)], into));
  }
  collect(node.not, path, [...schemaPath, "not"], into);
}

/**
 * Returns the CEL rules of every served version of a CRD that has any,
 * with the path of the field each rule is attached to.
 *
 * @example
 * crdCelRules(crd) // [{ group: "gateway.networking.k8s.io", version: "v1", kind: "HTTPRoute", rules: [{ path: "spec.rules[*]", rule: "…", message: "…" }, …] }]
 */
export function crdCelRules(crd: CustomResourceDefinition): CelRuleSet[] {
  return crd.versions.flatMap((version) => {
    if (!version.served) return [];
    const rules: CelRule[] = [];
    collect(version.openAPIV3Schema, "", [], rules);
    return rules.length === 0 ? [] : [{ group: crd.group, version: version.name, kind: crd.kind, rules }];
  });
}
