/**
 * `doctor`: what the environment lacks, and what to do about it.
 */
import { resolve } from "node:path";
import { ExitCode, parseCommandArgs, UsageError, type CommandContext, type ExitCodeValue } from "../io.ts";
import { withProgress } from "../progress.ts";
import { styleFor } from "../style.ts";

/** The help text of `doctor`. */
export const DOCTOR_HELP = `Usage: typed-gitops doctor [--json] [--root DIR]

Check the environment of the project and say what to do about each problem:
  - Node.js and pnpm: the versions running against the pins in package.json
    (devDependencies.node, packageManager);
  - Go, which builds the pinned tools (a problem only while a tool is missing);
  - git, which \`diff\` reads base revisions with;
  - each pinned tool in .tools/: installed, runs, reports the pinned version;
  - the schema store for the current schemas/sources.json;
  - per cluster: its age key (.secrets/age/<cluster>.agekey) present, private,
    and one of the cluster's SOPS recipients; its sealing certificate valid.

Options:
  --json       print the checks as JSON
  --root DIR   the project root (default: the current directory)
  -h, --help   show this help

Examples:
  pnpm run doctor                   (\`pnpm doctor\` alone runs pnpm's own doctor)
  pnpm --silent run doctor --json | jq '.checks[] | select(.status != "ok")'

Exit codes: 0 nothing wrong (warnings allowed), 1 something is wrong, 2 usage error.
`;

/** Runs `doctor`. */
export async function doctor(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, { json: { type: "boolean", default: false }, root: { type: "string" }, help: { type: "boolean", short: "h", default: false } });
  if (parsed.values.help) {
    context.stdout.write(DOCTOR_HELP);
    return ExitCode.ok;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const { runDoctor } = await import("../../doctor/doctor.ts");
  const report = await withProgress(context.stderr, "checking the environment", () => runDoctor(root));
  if (parsed.values.json) {
    context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? ExitCode.ok : ExitCode.findings;
  }
  const style = styleFor(context.stdout, context.env);
  const marks = { ok: style.green("ok  "), warn: style.yellow("warn"), fail: style.red("FAIL") };
  let out = `typed-gitops doctor: ${root}\n\n`;
  for (const check of report.checks) {
    out += `${marks[check.status]}  ${check.summary}\n`;
    if (check.fix !== undefined && check.status !== "ok") out += `      fix: ${check.fix}\n`;
  }
  const failed = report.checks.filter((check) => check.status === "fail").length;
  const warned = report.checks.filter((check) => check.status === "warn").length;
  out += `\n${failed === 0 ? style.green("nothing is wrong") : style.red(`${failed} problem${failed === 1 ? "" : "s"}`)}${warned === 0 ? "" : `, ${warned} warning${warned === 1 ? "" : "s"}`}.\n`;
  context.stdout.write(out);
  return report.ok ? ExitCode.ok : ExitCode.findings;
}
