/**
 * The message of a failed rule, as the API server words it
 * (`k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel`,
 * `validation.go`): the evaluated `messageExpression` when it yields a
 * non-blank single-line string, else the trimmed `message`, else
 * `failed rule: <rule>`; and `<error> evaluating rule: <message or rule>`
 * when the rule itself cannot be evaluated.
 */
import type { CelRule } from "../schemas/cel-rules.ts";
import { compileCelExpression } from "./compile.ts";
import { denormalizeCelText } from "./source.ts";

/** The rule's `message`, or `failed rule: <rule>`. */
export function ruleMessageOrDefault(rule: CelRule): string {
  const message = rule.message?.trim() ?? "";
  return message === "" ? `failed rule: ${rule.rule.trim()}` : message;
}

/** The rule's `message`, or the rule itself, for error messages. */
export function ruleErrorString(rule: CelRule): string {
  const message = rule.message?.trim() ?? "";
  return message === "" ? rule.rule.trim() : message;
}

/** A runtime error's text in cel-go's words where they differ (`no such key: x`). */
export function evaluationErrorText(error: unknown): string {
  const text = denormalizeCelText((error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "");
  return text.replace(/^No such key: /, "no such key: ");
}

/** The outcome of a rule's `messageExpression`. */
export type MessageExpressionResult = { readonly kind: "message"; readonly message: string } | { readonly kind: "fallback"; readonly problem?: string };

/**
 * Evaluates a rule's `messageExpression` with the rule's variables.
 *
 * @returns the message, or a fallback; `problem` says why the expression
 *   could not be compiled (runtime errors and blank results fall back
 *   silently, as in the API server).
 */
export function evaluateMessageExpression(expression: string, variables: Readonly<Record<string, unknown>>, optionalOldSelf: boolean): MessageExpressionResult {
  const compiled = compileCelExpression(expression, { resultType: "string", optionalOldSelf });
  if (compiled.kind === "unsupported") return { kind: "fallback", problem: `messageExpression cannot be compiled: ${compiled.reason}` };
  let value: unknown;
  try {
    value = compiled.program(variables);
  } catch {
    return { kind: "fallback" };
  }
  if (typeof value !== "string" || value.trim() === "" || value.includes("\n")) return { kind: "fallback" };
  return { kind: "message", message: value };
}
