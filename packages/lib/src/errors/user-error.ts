/**
 * Errors caused by a definition, an input or the state of the working tree,
 * as opposed to bugs in the tool. The CLI prints them without a stack trace.
 */

/** One finding: where it is, what is wrong, and how to fix it. */
export interface Problem {
  /** Where: a file, an object or a field path, e.g. `clusters/production: components["apps/web"]`. */
  readonly where: string;
  /** What is wrong, in one sentence. */
  readonly what: string;
  /** How to fix it, when there is a likely fix. */
  readonly hint?: string;
  /** The TypeScript source that declared the object concerned, e.g. `apps/web/web.ts:42:7`. */
  readonly source?: string;
}

/**
 * A mistake in a definition or input. Carries every problem found, so they
 * can be fixed in one go rather than one run at a time.
 */
export class UserError extends Error {
  /** The problems, in the order they were found. */
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[] | Problem) {
    const list = Array.isArray(problems) ? problems : [problems as Problem];
    super(list.map(formatProblem).join("\n"));
    this.name = "UserError";
    this.problems = list;
  }
}

/**
 * A missing prerequisite in the environment (a tool, Go, the network), as
 * opposed to a mistake in the definitions. The CLI exits with code 2.
 */
export class EnvironmentError extends UserError {
  constructor(problems: readonly Problem[] | Problem) {
    super(problems);
    this.name = "EnvironmentError";
  }
}

/** Formats a problem as `where: what`, then its source and hint on their own lines when known. */
export function formatProblem(problem: Problem): string {
  let text = `${problem.where}: ${problem.what}`;
  if (problem.source !== undefined) text += `\n  declared at: ${problem.source}`;
  if (problem.hint !== undefined) text += `\n  hint: ${problem.hint}`;
  return text;
}

/** Type guard for {@link UserError}, also across module copies. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof Error && (error.name === "UserError" || error.name === "EnvironmentError") && Array.isArray((error as UserError).problems);
}

/**
 * Collects problems and throws them together.
 *
 * @example
 * const problems = new ProblemList();
 * problems.add({ where: "x", what: "y" });
 * problems.throwIfAny();
 */
export class ProblemList {
  readonly #problems: Problem[] = [];

  /** Records a problem. */
  add(problem: Problem): void {
    this.#problems.push(problem);
  }

  /** Records every problem of a {@link UserError}; rethrows anything else. */
  collect(error: unknown): void {
    if (!isUserError(error)) throw error;
    for (const problem of error.problems) this.#problems.push(problem);
  }

  /** The number of problems recorded. */
  get size(): number {
    return this.#problems.length;
  }

  /** Throws a {@link UserError} with every recorded problem, if there is one. */
  throwIfAny(): void {
    if (this.#problems.length > 0) throw new UserError(this.#problems);
  }
}
