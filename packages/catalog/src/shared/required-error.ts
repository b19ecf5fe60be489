/**
 * The error of a missing required value, for zod schemas whose own message
 * ("Invalid input: expected string, received undefined") says less.
 */

/** An error function that says `is required` for a missing value and leaves other messages to zod. */
export function requiredError(issue: { readonly input?: unknown }): string | undefined {
  return issue.input === undefined ? "is required" : undefined;
}
