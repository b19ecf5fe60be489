/**
 * Which functions, macros and operators CEL expressions use, from their
 * parsed syntax tree: the survey behind the choice of the Kubernetes
 * libraries implemented in `library/`.
 */
import { Environment, type ASTNode } from "@marcbachmann/cel-js";

const parser = new Environment({ enableOptionalTypes: true, unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

function isNode(value: unknown): value is ASTNode {
  return typeof value === "object" && value !== null && typeof (value as { op?: unknown }).op === "string";
}

function visit(value: unknown, count: (name: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, count);
    return;
  }
  if (!isNode(value)) return;
  if (value.op === "call") count(`${value.args[0]}()`);
  else if (value.op === "rcall") count(`.${value.args[0]}()`);
  else if (value.op === ".?" || value.op === "[?]") count(value.op === ".?" ? "optional field .?x" : "optional index [?x]");
  visit(value.args, count);
}

/** How often each function or macro is used by `expressions`, as `name()` (global) or `.name()` (receiver style). */
export interface FunctionUsage {
  /** Uses per name, most used first. */
  readonly counts: ReadonlyMap<string, number>;
  /** Expressions that do not even parse, with the parser's message. */
  readonly unparsable: readonly { readonly expression: string; readonly error: string }[];
}

/**
 * Counts the functions, macros and optional-syntax operators that CEL
 * expressions use (each occurrence counts).
 *
 * @example
 * celFunctionUsage(["has(self.a) && self.b.all(x, x.matches('^a'))"]).counts // Map { "has()" => 1, ".all()" => 1, ".matches()" => 1 }
 */
export function celFunctionUsage(expressions: Iterable<string>): FunctionUsage {
  const counts = new Map<string, number>();
  const unparsable: { expression: string; error: string }[] = [];
  for (const expression of expressions) {
    try {
      visit(parser.parse(expression).ast, (name) => counts.set(name, (counts.get(name) ?? 0) + 1));
    } catch (error) {
      unparsable.push({ expression, error: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error) });
    }
  }
  return { counts: new Map([...counts].sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]))), unparsable };
}
