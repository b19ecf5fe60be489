/**
 * `gen`: render every cluster to `generated/<cluster>/`, or with `--check`
 * compare the rendering with what is committed.
 */
import { resolve } from "node:path";
import { checkProject, renderProject, writeProject } from "../../project/generate.ts";
import { hasDrift } from "../../write/check-tree.ts";
import { ExitCode, parseCommandArgs, UsageError, type CommandContext, type ExitCodeValue } from "../io.ts";

/** The help text of `gen`. */
export const GEN_HELP = `Usage: typed-gitops gen [cluster...] [--check] [--no-validate] [--root DIR]

Render the clusters under clusters/ to generated/<cluster>/.

Arguments:
  cluster          render only these clusters (default: all)

Options:
  --check          render in memory and compare with generated/; write nothing.
                   Exit 1 with a diff when they differ.
  --no-validate    skip schema validation of typed models (faster while iterating)
  --root DIR       the project root (default: the current directory)
  -h, --help       show this help

Examples:
  pnpm gen                     render every cluster
  pnpm gen production          render one cluster
  pnpm gen --check             the drift check CI runs

Exit codes: 0 ok, 1 findings (invalid definitions or drift), 2 usage or environment error.
`;

/** Runs `gen`. */
export async function gen(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, {
    check: { type: "boolean", default: false },
    "no-validate": { type: "boolean", default: false },
    root: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (parsed.values.help) {
    context.stdout.write(GEN_HELP);
    return ExitCode.ok;
  }
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const rendered = await renderProject(root, {
    clusters: parsed.positionals,
    validate: !parsed.values["no-validate"],
  });
  const waiting = (pid: number) => context.stderr.write(`waiting for another gen (pid ${pid}) to finish…\n`);

  if (parsed.values.check) {
    const drift = checkProject(rendered, { onWait: waiting });
    const drifted = drift.reports.filter(hasDrift);
    if (drifted.length === 0 && drift.orphaned.length === 0 && drift.projectFiles.length === 0) {
      context.stdout.write(`generated/ is up to date (${rendered.trees.map((tree) => `${tree.cluster}: ${tree.files.size} files`).join(", ")})\n`);
      return ExitCode.ok;
    }
    let out = "generated/ does not match the definitions:\n";
    for (const report of drifted) {
      out += `\n${report.cluster}:\n`;
      for (const entry of report.changed) out += `  changed  generated/${report.cluster}/${entry.path}\n`;
      for (const path of report.missing) out += `  missing  generated/${report.cluster}/${path}\n`;
      for (const path of report.stale) out += `  stale    generated/${report.cluster}/${path}\n`;
      if (report.inventoryChanged) out += `  changed  generated/${report.cluster}/.gen-inventory\n`;
    }
    for (const cluster of drift.orphaned) out += `\n${cluster}: generated/${cluster}/ belongs to no cluster under clusters/\n`;
    for (const file of drift.projectFiles) out += `\n${file.status.padEnd(8)} ${file.path}\n`;
    for (const report of drifted) for (const entry of report.changed) out += `\n${entry.diff}`;
    for (const file of drift.projectFiles) if (file.diff !== undefined) out += `\n${file.diff}`;
    const only = parsed.positionals.length > 0 ? ` ${[...parsed.positionals].sort().join(" ")}` : "";
    out += `\nRun \`pnpm gen${only}\` and commit the result.\n`;
    context.stdout.write(out);
    return ExitCode.findings;
  }

  const written = writeProject(rendered, { onWait: waiting });
  const width = Math.max(...written.results.map((result) => result.cluster.length), 0);
  for (const result of written.results) {
    const { added, changed, removed, unchanged } = result.changes;
    const total = added.length + changed.length + unchanged.length;
    const summary = result.wrote
      ? `${added.length} added, ${changed.length} changed, ${removed.length} removed, ${unchanged.length} unchanged`
      : "unchanged";
    context.stdout.write(`${result.cluster.padEnd(width)}  ${summary} (${total} files in generated/${result.cluster})\n`);
  }
  for (const cluster of written.removedTrees) context.stdout.write(`${cluster}  removed generated/${cluster}/ (no such cluster any more)\n`);
  if (written.sopsConfig !== "unchanged") context.stdout.write(`.sops.yaml ${written.sopsConfig} (from the clusters' secrets.sops.ageRecipients)\n`);
  return ExitCode.ok;
}
