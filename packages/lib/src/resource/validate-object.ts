/**
 * Checks of single objects before they are rendered: identity fields, name
 * rules and, for typed models, their schema.
 */
import type { Problem } from "../errors/user-error.ts";
import { describeObject, type ApiObject } from "./api-object.ts";
import { dns1123LabelProblem, dns1123SubdomainProblem, kindProblem } from "./names.ts";

/** Kinds whose names must be DNS-1123 (or RFC 1035) labels rather than subdomains. */
const LABEL_NAMED_KINDS = new Set(["Namespace", "Service"]);

interface SchemaError {
  readonly instancePath?: string;
  readonly message?: string;
}

/** Turns an ajv instance path (`/spec/containers/0/name`) into `spec.containers[0].name`. */
function fieldPath(instancePath: string): string {
  let out = "";
  for (const segment of instancePath.split("/").slice(1)) {
    const decoded = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^[0-9]+$/.test(decoded)) out += `[${decoded}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(decoded)) out += out === "" ? decoded : `.${decoded}`;
    else out += `[${JSON.stringify(decoded)}]`;
  }
  return out;
}

/**
 * Returns the problems of one object: missing or malformed `apiVersion`,
 * `kind` and `metadata.name`, name rules, and the errors of its own
 * `validate()` when it has one.
 *
 * @param where - the location prefix, e.g. `clusters/production: apps/web`.
 * @param options.schema - whether to run the object's own `validate()`; default `true`.
 * @param options.declaredAt - where the object was declared, added to each problem.
 */
export function objectProblems(object: ApiObject, where: string, options: { readonly schema?: boolean; readonly declaredAt?: (object: ApiObject) => string | undefined } = {}): Problem[] {
  const found = objectProblemsWithoutSource(object, where, options.schema !== false);
  if (found.length === 0 || options.declaredAt === undefined) return found;
  const source = options.declaredAt(object);
  return source === undefined ? found : found.map((problem) => ({ ...problem, source }));
}

function objectProblemsWithoutSource(object: ApiObject, where: string, schema: boolean): Problem[] {
  const problems: Problem[] = [];
  let described: string | undefined;
  const at = (): string => (described ??= `${where}: ${describeObject(object)}`);
  if (typeof object.apiVersion !== "string" || !/^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(object.apiVersion)) {
    problems.push({ where: at(), what: `apiVersion ${JSON.stringify(object.apiVersion)} is not of the form "group/version" or "v1"` });
  }
  const kind = kindProblem(object.kind);
  if (kind !== undefined) problems.push({ where: at(), what: `kind: ${kind}` });
  const name = object.metadata?.name;
  if (name === undefined) {
    problems.push({ where: at(), what: "metadata.name is required", hint: "give every object an explicit name" });
  } else {
    const nameProblem = LABEL_NAMED_KINDS.has(object.kind) ? dns1123LabelProblem(name) : dns1123SubdomainProblem(name);
    if (nameProblem !== undefined) problems.push({ where: at(), what: `metadata.name: ${nameProblem}` });
  }
  const namespace = object.metadata?.namespace;
  if (namespace !== undefined) {
    const namespaceProblem = dns1123LabelProblem(namespace);
    if (namespaceProblem !== undefined) problems.push({ where: at(), what: `metadata.namespace: ${namespaceProblem}` });
  }
  if (problems.length === 0 && schema && typeof object.validate === "function") {
    try {
      object.validate();
    } catch (error) {
      const details = (error as { errors?: readonly SchemaError[] }).errors;
      if (Array.isArray(details) && details.length > 0) {
        for (const detail of details) {
          const field = fieldPath(detail.instancePath ?? "");
          problems.push({ where: at(), what: `${field === "" ? "" : `${field}: `}${detail.message ?? "is invalid"}` });
        }
      } else {
        problems.push({ where: at(), what: (error as Error).message });
      }
    }
  }
  return problems;
}
