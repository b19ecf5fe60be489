/**
 * `snapshot`: build the start-up snapshot that `gen` starts from.
 */
import { buildStartupSnapshot } from "../../snapshot/build-snapshot.ts";
import { ExitCode, parseCommandArgs, UsageError, type CommandContext, type ExitCodeValue } from "../io.ts";

/** The help text of `snapshot`. */
export const SNAPSHOT_HELP = `Usage: typed-gitops snapshot [--force]

Builds the start-up snapshot of the library: the library, zod and the common
kinds of kubernetes-models loaded and compiled once, then saved with
\`node --build-snapshot\`. \`gen\` starts from it when it matches the code on
disk (the library's files, its installed dependencies and Node's version), and
from the sources otherwise. It lives in packages/lib/node_modules/.cache/ and is
rebuilt by this command after any change; scripts/setup.sh runs it.
TYPED_GITOPS_SNAPSHOT=off makes \`gen\` run from the sources.

Options:
  --force      build even when the snapshot is up to date
  -h, --help   show this help
`;

/** Runs `snapshot`. */
export async function snapshot(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, { force: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } });
  if (parsed.values.help) {
    context.stdout.write(SNAPSHOT_HELP);
    return ExitCode.ok;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
  const started = performance.now();
  const result = await buildStartupSnapshot({ force: parsed.values.force });
  const size = `${(result.bytes / 1_000_000).toFixed(1)} MB`;
  context.stdout.write(
    result.built
      ? `built the start-up snapshot in ${((performance.now() - started) / 1000).toFixed(1)} s (${size}): ${result.path}\n`
      : `the start-up snapshot is up to date (${size}): ${result.path}\n`,
  );
  return ExitCode.ok;
}
