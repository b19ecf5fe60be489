/**
 * The values a rule applies to: its schema path walked over an object,
 * `items` over every list item, `additionalProperties` over every map value,
 * each with its concrete field path as the API server prints it
 * (`spec.listeners[1].tls`, `spec.parameters[log_directory]`). Absent and
 * `null` values are skipped: the API server evaluates no rule there.
 */

/** One step of a rule's path. */
export type PathStep = { readonly kind: "property"; readonly name: string } | { readonly kind: "item" } | { readonly kind: "value" };

/** One value a rule is evaluated on. */
export interface RuleTarget {
  /** The concrete field, e.g. `spec.listeners[1].tls`; `""` is the object's root. */
  readonly field: string;
  /** The value, bound to `self`. */
  readonly value: unknown;
}

/**
 * The steps of a rule's `schemaPath` (JSON Pointer segments inside the
 * version's `openAPIV3Schema`); junctor branches (`allOf/0`, `not`) are no
 * step of the value.
 *
 * @example
 * pathSteps(["properties", "spec", "properties", "listeners", "items"]) // [{ kind: "property", name: "spec" }, { kind: "property", name: "listeners" }, { kind: "item" }]
 */
export function pathSteps(schemaPath: readonly string[]): PathStep[] {
  const steps: PathStep[] = [];
  for (let index = 0; index < schemaPath.length; index += 1) {
    const segment = schemaPath[index];
    if (segment === "properties") {
      steps.push({ kind: "property", name: schemaPath[index + 1] ?? "" });
      index += 1;
    } else if (segment === "items") steps.push({ kind: "item" });
    else if (segment === "additionalProperties") steps.push({ kind: "value" });
    else if (segment === "allOf" || segment === "anyOf" || segment === "oneOf") index += 1;
  }
  return steps;
}

function isMap(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function child(field: string, name: string): string {
  return field === "" ? name : `${field}.${name}`;
}

/** Every value at `steps` below `root` that is present and not `null`. */
export function ruleTargets(root: unknown, steps: readonly PathStep[]): RuleTarget[] {
  let targets: RuleTarget[] = root === null || root === undefined ? [] : [{ field: "", value: root }];
  for (const step of steps) {
    const next: RuleTarget[] = [];
    for (const { field, value } of targets) {
      if (step.kind === "property") {
        const found = isMap(value) && Object.hasOwn(value, step.name) ? value[step.name] : undefined;
        if (found !== undefined && found !== null) next.push({ field: child(field, step.name), value: found });
      } else if (step.kind === "item") {
        if (Array.isArray(value)) value.forEach((item: unknown, index) => item !== null && item !== undefined && next.push({ field: `${field}[${index}]`, value: item }));
      } else if (isMap(value)) {
        for (const [key, item] of Object.entries(value)) if (item !== null && item !== undefined) next.push({ field: `${field}[${key}]`, value: item });
      }
    }
    targets = next;
    if (targets.length === 0) break;
  }
  return targets;
}

/**
 * Appends a rule's `fieldPath` (relative to `self`: `.spec.foo`,
 * `['a.b']`, `[0]`) to the concrete field of `self`.
 *
 * @example
 * withFieldPath("spec", ".config.parameters.log_directory") // "spec.config.parameters.log_directory"
 */
export function withFieldPath(field: string, fieldPath: string | undefined): string {
  if (fieldPath === undefined || fieldPath === "") return field;
  let out = field;
  for (const match of fieldPath.matchAll(/\.([^.[\]]+)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[(\d+)\]/g)) {
    const [, name, single, double, index] = match;
    if (name !== undefined) out = child(out, name);
    else if (index !== undefined) out = `${out}[${index}]`;
    else out = `${out}[${single ?? double ?? ""}]`;
  }
  return out;
}
