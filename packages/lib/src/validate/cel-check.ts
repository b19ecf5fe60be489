/**
 * The CEL step of `validate`: each object of a CRD kind is checked against
 * that CRD version's `x-kubernetes-validations`, as the API server would on
 * create. Rules come from the tree's own CRDs first, then from the store.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateCelRules } from "../cel/evaluate.ts";
import type { Problem } from "../errors/user-error.ts";
import { groupOf, type ApiObject } from "../resource/api-object.ts";
import { crdCelRules, type CelRuleSet } from "../schemas/cel-rules.ts";
import type { CustomResourceDefinition } from "../schemas/crd-documents.ts";
import type { JsonObject } from "../schemas/json.ts";
import { celRulesFile, crdSchemaFile } from "../schemas/layout.ts";

/** Rule sets (and schemas) by `group/version/kind`, looked up lazily. */
export class CelRuleIndex {
  readonly #store: string;
  readonly #own = new Map<string, { rules: CelRuleSet; schema: JsonObject | undefined }>();
  readonly #fromStore = new Map<string, { rules: CelRuleSet; schema: JsonObject | undefined } | undefined>();

  /**
   * @param store - the schema store folder.
   * @param crds - the CRDs the tree installs itself; their rules win over the store's.
   */
  constructor(store: string, crds: readonly CustomResourceDefinition[]) {
    this.#store = store;
    for (const crd of crds) {
      for (const set of crdCelRules(crd)) {
        const schema = crd.versions.find((version) => version.name === set.version)?.openAPIV3Schema as JsonObject | undefined;
        this.#own.set(`${set.group}/${set.version}/${set.kind}`, { rules: set, schema });
      }
    }
  }

  /** The rule set of an apiVersion and kind, or `undefined` when it has none. */
  lookup(apiVersion: string, kind: string): { rules: CelRuleSet; schema: JsonObject | undefined } | undefined {
    const group = groupOf(apiVersion);
    const version = apiVersion.slice(apiVersion.indexOf("/") + 1);
    const key = `${group}/${version}/${kind}`;
    const own = this.#own.get(key);
    if (own !== undefined) return own;
    if (this.#fromStore.has(key)) return this.#fromStore.get(key);
    const rulesPath = join(this.#store, celRulesFile(group, kind, version));
    let found: { rules: CelRuleSet; schema: JsonObject | undefined } | undefined;
    if (group !== "" && existsSync(rulesPath)) {
      const schemaPath = join(this.#store, crdSchemaFile(group, kind, version));
      found = {
        rules: JSON.parse(readFileSync(rulesPath, "utf8")) as CelRuleSet,
        schema: existsSync(schemaPath) ? (JSON.parse(readFileSync(schemaPath, "utf8")) as JsonObject) : undefined,
      };
    }
    this.#fromStore.set(key, found);
    return found;
  }
}

/**
 * Evaluates the CEL rules of one object. A rule the evaluator cannot
 * compile is a problem too: it is never counted as passed.
 *
 * @param where - the object's location for messages.
 */
export function celProblems(index: CelRuleIndex, object: ApiObject, where: string, source: string | undefined): Problem[] {
  const found = index.lookup(object.apiVersion, object.kind);
  if (found === undefined || found.rules.rules.length === 0) return [];
  const result = evaluateCelRules(object, found.rules, found.schema === undefined ? {} : { schema: found.schema });
  const problems: Problem[] = result.violations.map((violation) => ({
    where,
    what: `${violation.field === "" ? "" : `${violation.field}: `}${violation.message} [CEL]`,
    ...(source === undefined ? {} : { source }),
  }));
  for (const unsupported of result.unsupported) {
    problems.push({ where, what: `cannot evaluate the CRD's CEL rule ${JSON.stringify(unsupported.rule)}: ${unsupported.reason} [CEL]`, hint: "this is a gap in typed-gitops' CEL support; please report it" });
  }
  return problems;
}
