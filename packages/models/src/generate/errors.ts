/**
 * Errors of the generator that are caused by its inputs or its environment,
 * not by a bug. The command line prints them without a stack trace. They have
 * the shape and the names of `@typed-gitops/lib`'s errors, so its
 * `isUserError` recognises them too.
 */

/** One finding: where it is, what is wrong, and how to fix it. */
export interface Problem {
  /** Where: a file or a field, e.g. `schemas/sources.json: crds["flux-operator"]`. */
  readonly where: string;
  /** What is wrong, in one sentence. */
  readonly what: string;
  /** How to fix it, when there is a likely fix. */
  readonly hint?: string;
}

/** Formats a problem as `where: what`, then its hint on its own line when there is one. */
export function formatProblem(problem: Problem): string {
  return problem.hint === undefined ? `${problem.where}: ${problem.what}` : `${problem.where}: ${problem.what}\n  hint: ${problem.hint}`;
}

/** A mistake in an input (a pin that does not match, a CRD set that changed). Carries every problem found. */
export class UserError extends Error {
  /** The problems, in the order they were found. */
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[] | Problem) {
    const list: readonly Problem[] = Array.isArray(problems) ? problems : [problems as Problem];
    super(list.map(formatProblem).join("\n"));
    this.name = "UserError";
    this.problems = list;
  }
}

/** A missing prerequisite: the mirror folder or a file in it. */
export class EnvironmentError extends UserError {
  constructor(problems: readonly Problem[] | Problem) {
    super(problems);
    this.name = "EnvironmentError";
  }
}

/** Type guard for {@link UserError} (and so {@link EnvironmentError}), also across module copies. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof Error && (error.name === "UserError" || error.name === "EnvironmentError") && Array.isArray((error as UserError).problems);
}
