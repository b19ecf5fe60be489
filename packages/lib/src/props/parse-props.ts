/**
 * Validation of component and cluster inputs with zod, reported as
 * {@link UserError}s that name every wrong field.
 */
import type { z } from "zod";
import { UserError, type Problem } from "../errors/user-error.ts";

/**
 * Formats a zod issue path as a field path: `spec.hosts[0].name`.
 *
 * @param base - the prefix, such as the component name.
 */
export function formatFieldPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/**
 * Parses `input` with `schema` and returns the result with defaults applied.
 * Every issue becomes one problem, `where.field: message`.
 *
 * @param where - what is being parsed, e.g. `app "web"` or `clusters/production`.
 * @throws {UserError} listing every invalid or unknown field.
 */
export function parseProps<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => {
    const field = formatFieldPath("", issue.path);
    const location = field === "" ? where : `${where}: ${field}`;
    if (issue.code === "unrecognized_keys") {
      return {
        where: location,
        what: `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}`,
        hint: "remove it, or check its spelling against the documented props",
      };
    }
    if (issue.code === "invalid_key" && issue.issues.length > 0) {
      return { where: location, what: issue.issues.map((inner) => inner.message).join("; ") };
    }
    return { where: location, what: issue.message };
  });
  throw new UserError(problems);
}
