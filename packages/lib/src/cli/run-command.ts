/**
 * Running one command of the command line: what it throws becomes an exit
 * code and a message, never a stack trace for a user's mistake.
 */
import { isUserError, formatProblem } from "../errors/user-error.ts";
import { ExitCode, UsageError, type CommandContext, type ExitCodeValue } from "./io.ts";

/** A command: its arguments (after its name) to an exit code. */
export type Command = (args: readonly string[], context: CommandContext) => Promise<ExitCodeValue>;

/**
 * Loads and runs one command, and turns what it throws into an exit code:
 * a usage error or a user's mistake is printed without a stack trace,
 * anything else is reported as a bug.
 */
export async function runCommand(command: string, load: () => Promise<Command>, args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  try {
    const run = await load();
    return await run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`error: ${error.message}\nRun \`typed-gitops ${command} --help\` for usage.\n`);
      return ExitCode.usage;
    }
    if (isUserError(error)) {
      const count = error.problems.length;
      context.stderr.write(`${error.problems.map(formatProblem).join("\n")}\n\n${count} problem${count === 1 ? "" : "s"} found.\n`);
      return error.name === "EnvironmentError" ? ExitCode.usage : ExitCode.findings;
    }
    context.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nThis is a bug in typed-gitops; please report it with the output above.\n`);
    return ExitCode.internal;
  }
}
