/**
 * `tools`: install or list the pinned external tools.
 */
import { resolve } from "node:path";
import { installTools, toolPath } from "../../tools/install-tools.ts";
import { PINNED_TOOLS } from "../../tools/versions.ts";
import { existsSync } from "node:fs";
import { ExitCode, parseCommandArgs, UsageError, type CommandContext, type ExitCodeValue } from "../io.ts";
import { startProgress } from "../progress.ts";

/** The help text of `tools`. */
export const TOOLS_HELP = `Usage: typed-gitops tools <install|list> [--root DIR]

The external tools typed-gitops runs are pinned in packages/lib/src/tools/versions.ts
and built with \`go install\` into .tools/<name>/<version>/ (gitignored). A tool
already built at its pinned version is reused without network.

Subcommands:
  install    build every pinned tool that is missing (needs Go and the Go module proxy)
  list       show each pinned tool, its version and whether it is installed

Options:
  --root DIR   the project root (default: the current directory)
  -h, --help   show this help

Examples:
  pnpm tools install
  pnpm tools list
`;

/** Runs `tools`. */
export async function tools(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, { root: { type: "string" }, help: { type: "boolean", short: "h", default: false } });
  if (parsed.values.help) {
    context.stdout.write(TOOLS_HELP);
    return ExitCode.ok;
  }
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const [subcommand, ...rest] = parsed.positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
  if (subcommand === "list") {
    for (const tool of PINNED_TOOLS) {
      const installed = existsSync(toolPath(root, tool));
      context.stdout.write(`${tool.name.padEnd(12)} ${tool.version.padEnd(9)} ${installed ? "installed" : "missing"}  ${tool.module}\n`);
    }
    return ExitCode.ok;
  }
  if (subcommand !== "install") throw new UsageError(subcommand === undefined ? "missing subcommand: install or list" : `unknown subcommand ${JSON.stringify(subcommand)}`);
  // On a terminal, the build in progress is a spinner line; each finished build is a line of its own.
  const progress = startProgress(context.stderr, "checking the pinned tools");
  let results;
  try {
    results = await installTools(root, {
      onProgress: ({ tool, phase, result }) => {
        if (phase === "start") progress.update(`building ${tool.name} ${tool.version} (go install ${tool.module}@${tool.version})`);
        else if (result?.outcome === "installed") progress.print(`built ${tool.name} ${tool.version} in ${(result.ms / 1000).toFixed(1)} s\n`);
      },
    });
  } finally {
    progress.done();
  }
  const built = results.filter((result) => result.outcome === "installed").length;
  context.stdout.write(`${results.length} pinned tools ready in ${resolve(root, ".tools")} (${built} built, ${results.length - built} already present)\n`);
  return ExitCode.ok;
}
