/**
 * The command-line entry: dispatches to one file per command and turns
 * errors into exit codes. User mistakes are printed without stack traces;
 * anything else is reported as a bug.
 */
import { ExitCode, type CommandContext, type ExitCodeValue } from "./io.ts";
import { runCommand, type Command } from "./run-command.ts";



/** Each command's module, loaded only when it runs, so start-up stays short. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  gen: async () => (await import("./commands/gen.ts")).gen,
  check: async () => (await import("./commands/check.ts")).check,
  validate: async () => (await import("./commands/validate.ts")).validate,
  diff: async () => (await import("./commands/diff.ts")).diff,
  docs: async () => (await import("./commands/docs.ts")).docs,
  new: async () => (await import("./commands/new.ts")).newCommand,
  secrets: async () => (await import("./commands/secrets.ts")).secrets,
  doctor: async () => (await import("./commands/doctor.ts")).doctor,
  tools: async () => (await import("./commands/tools.ts")).tools,
  schemas: async () => (await import("./commands/schemas.ts")).schemas,
  snapshot: async () => (await import("./commands/snapshot.ts")).snapshot,
};

/** The top-level help text. */
export const MAIN_HELP = `Usage: typed-gitops <command> [options]

Daily use:
  gen       render every cluster to generated/ (--check: the drift check; --watch: re-render on change)
  check     the drift check: does generated/ hold what the definitions render? (--json)
  validate  validate the committed trees offline: schemas, CEL rules, policies, kustomize builds (--json)
  diff      what the working tree changes in each cluster, object by object, against a git revision
  docs      the architecture page of each cluster (generated/<cluster>/ARCHITECTURE.md)
  new       scaffold an app or an infrastructure component, its test, and register it in the clusters

Secrets and environment:
  secrets   author and check the secrets of a cluster: SOPS with age, Sealed Secrets (init, set, edit, rotate, verify, seal)
  doctor    check the environment: Node, pnpm, Go, the pinned tools, the schema store, age keys
  tools     install or list the pinned external tools (kubeconform, sops, age, kustomize, kubeseal)
  schemas   build the schema store kubeconform validates against (schemas/sources.json)
  snapshot  build the start-up snapshot \`gen\` starts from (the library loaded and compiled once)

Run \`typed-gitops <command> --help\` for a command's options and examples.

Exit codes: 0 ok, 1 findings (invalid definitions, drift, failed checks),
2 usage or environment error, 3 internal error (a bug: please report it).
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
  return runCommand(command, load, args, context);
}
