/**
 * The command-line entry: dispatches to one file per command and turns
 * errors into exit codes. User mistakes are printed without stack traces;
 * anything else is reported as a bug.
 */
import { isUserError, formatProblem } from "../errors/user-error.ts";
import { ExitCode, UsageError, type CommandContext, type ExitCodeValue } from "./io.ts";

type Command = (args: readonly string[], context: CommandContext) => Promise<ExitCodeValue>;

/** Each command's module, loaded only when it runs, so start-up stays short. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  gen: async () => (await import("./commands/gen.ts")).gen,
  tools: async () => (await import("./commands/tools.ts")).tools,
  schemas: async () => (await import("./commands/schemas.ts")).schemas,
  validate: async () => (await import("./commands/validate.ts")).validate,
  secrets: async () => (await import("./commands/secrets.ts")).secrets,
};

/** The top-level help text. */
export const MAIN_HELP = `Usage: typed-gitops <command> [options]

Commands:
  gen      render every cluster to generated/ (--check: the drift check)
  tools    install or list the pinned external tools (kubeconform, sops, age, kustomize, kubeseal)
  validate validate the committed trees offline: schemas, CEL rules, policies, kustomize builds
  secrets  author and check the secrets of a cluster: SOPS with age, Sealed Secrets (init, set, edit, rotate, verify, seal)
  schemas  build the schema store kubeconform validates against (schemas/sources.json)

Run \`typed-gitops <command> --help\` for a command's options.
`;

/**
 * Runs the command line and returns the exit code.
 *
 * @param argv - the arguments after the program name.
 */
export async function main(argv: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const [command, ...args] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    (command === undefined ? context.stderr : context.stdout).write(MAIN_HELP);
    return command === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const load = COMMANDS[command];
  if (load === undefined) {
    context.stderr.write(`error: unknown command ${JSON.stringify(command)}\n\n${MAIN_HELP}`);
    return ExitCode.usage;
  }
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
