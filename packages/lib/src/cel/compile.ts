/**
 * Compiling CEL expressions (rules and message expressions) once: parsed,
 * type-checked against the Kubernetes environment, and cached per
 * expression text, so that validating thousands of objects compiles each
 * distinct rule one time.
 */
import type { ParseResult } from "@marcbachmann/cel-js";
import { kubernetesCelEnvironment } from "./environment.ts";
import { denormalizeCelText, normalizeCelSource } from "./source.ts";

/** A compiled expression, ready to run with `{ self, oldSelf }`. */
export interface CompiledExpression {
  readonly kind: "compiled";
  /** The program; call it with the variables. */
  readonly program: ParseResult;
  /** Whether the expression references `oldSelf`, which makes a rule a transition rule. */
  readonly referencesOldSelf: boolean;
}

/** An expression this evaluator cannot compile, and why. */
export interface UnsupportedExpression {
  readonly kind: "unsupported";
  /** The compiler's reason, e.g. `found no matching overload for 'foo(dyn)'`. */
  readonly reason: string;
}

/** What {@link compileCelExpression} returns. */
export type CompileResult = CompiledExpression | UnsupportedExpression;

/** Options of {@link compileCelExpression}. */
export interface CompileOptions {
  /**
   * What the expression must evaluate to: `bool` for rules, `string` for
   * message expressions (`dyn` is accepted for both).
   * @default "bool"
   */
  readonly resultType?: "bool" | "string";
  /**
   * Whether `oldSelf` is `optional<dyn>` (a rule with `optionalOldSelf: true`) rather than `dyn`.
   * @default false
   */
  readonly optionalOldSelf?: boolean;
}

function referencesVariable(node: unknown, name: string, seen: Set<unknown>): boolean {
  if (typeof node !== "object" || node === null || seen.has(node)) return false;
  seen.add(node);
  if (Array.isArray(node)) return node.some((item: unknown) => referencesVariable(item, name, seen));
  const candidate = node as { readonly op?: unknown; readonly args?: unknown };
  if (typeof candidate.op === "string") return (candidate.op === "id" && candidate.args === name) || referencesVariable(candidate.args, name, seen);
  return Object.values(node).some((value: unknown) => referencesVariable(value, name, seen));
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return denormalizeCelText(message.split("\n")[0] ?? message);
}

function compileUncached(expression: string, resultType: "bool" | "string", optionalOldSelf: boolean): CompileResult {
  let program: ParseResult;
  try {
    program = kubernetesCelEnvironment(optionalOldSelf).parse(normalizeCelSource(expression));
  } catch (error) {
    return { kind: "unsupported", reason: firstLine(error) };
  }
  const checked = program.check();
  if (!checked.valid) return { kind: "unsupported", reason: firstLine(checked.error) };
  if (checked.type !== resultType && checked.type !== "dyn") {
    return { kind: "unsupported", reason: `the expression must evaluate to ${resultType}, not ${checked.type ?? "unknown"}` };
  }
  return { kind: "compiled", program, referencesOldSelf: referencesVariable(program.ast, "oldSelf", new Set()) };
}

const cache = new Map<string, CompileResult>();

/**
 * Compiles a CEL expression in the Kubernetes environment (see
 * `kubernetesCelEnvironment`), or says why it cannot. Results are cached
 * per expression and options.
 *
 * @example
 * compileCelExpression("self.minReplicas <= self.maxReplicas") // { kind: "compiled", … }
 * compileCelExpression("self.foo()") // { kind: "unsupported", reason: "found no matching overload for 'dyn.foo()'" }
 */
export function compileCelExpression(expression: string, options: CompileOptions = {}): CompileResult {
  const resultType = options.resultType ?? "bool";
  const optionalOldSelf = options.optionalOldSelf ?? false;
  const key = `${resultType}:${optionalOldSelf ? "1" : "0"}:${expression}`;
  let result = cache.get(key);
  if (result === undefined) {
    result = compileUncached(expression, resultType, optionalOldSelf);
    cache.set(key, result);
  }
  return result;
}
