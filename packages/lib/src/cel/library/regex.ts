/**
 * Regular expressions with RE2 syntax: `matches` (renamed to `k8s_matches`
 * by `source.ts`, in both the `s.matches(re)` and `matches(s, re)` forms)
 * and the Kubernetes regex library's `find` and `findAll`.
 */
import { EvaluationError, type Environment } from "@marcbachmann/cel-js";
import { compileRe2, compileRe2Global } from "./re2.ts";

function compile(pattern: string, global: boolean): RegExp {
  try {
    return global ? compileRe2Global(pattern) : compileRe2(pattern);
  } catch (error) {
    throw new EvaluationError(error instanceof Error ? error.message : String(error));
  }
}

function matches(text: string, pattern: string): boolean {
  return compile(pattern, false).test(text);
}

function find(text: string, pattern: string): string {
  return compile(pattern, false).exec(text)?.[0] ?? "";
}

function findAll(text: string, pattern: string, limit: bigint = -1n): string[] {
  if (limit === 0n) return [];
  const found = [...text.matchAll(compile(pattern, true))].map((match) => match[0]);
  return limit < 0n ? found : found.slice(0, Number(limit));
}

/** Registers `k8s_matches`, `find` and `findAll` on strings. */
export function registerRegex(env: Environment): void {
  env
    .registerFunction("string.k8s_matches(string): bool", matches)
    .registerFunction("k8s_matches(string, string): bool", matches)
    .registerFunction("string.find(string): string", find)
    .registerFunction("string.findAll(string): list<string>", (text: string, pattern: string) => findAll(text, pattern))
    .registerFunction("string.findAll(string, int): list<string>", findAll);
}
