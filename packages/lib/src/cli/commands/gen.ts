/**
 * `gen`: render every cluster to `generated/<cluster>/`, or with `--check`
 * compare the rendering with what is committed.
 */
import { resolve } from "node:path";
import { discoverClusters } from "../../cluster/load-clusters.ts";
import { lookupRenderCache, renderCacheKey, storeRenderCache } from "../../project/render-cache.ts";
import { INVENTORY_FILE, inventoryText } from "../../write/existing-tree.ts";
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
  --no-cache       render even when no input changed since the last render that
                   matched generated/ (see the README's render cache)
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
    "no-cache": { type: "boolean", default: false },
    root: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (parsed.values.help) {
    context.stdout.write(GEN_HELP);
    return ExitCode.ok;
  }
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const known = discoverClusters(root).map((cluster) => cluster.name);
  const selected = parsed.positionals.length === 0 ? known : [...new Set(parsed.positionals)].sort();
  const cacheOptions = { clusters: parsed.positionals.length === 0 ? "all" : selected, validate: !parsed.values["no-validate"] };
  if (!parsed.values["no-cache"] && selected.every((name) => known.includes(name))) {
    const hit = lookupRenderCache(root, renderCacheKey(root, cacheOptions), selected, { inventoryFile: INVENTORY_FILE, everyCluster: parsed.positionals.length === 0 });
    if (hit !== undefined) {
      if (parsed.values.check) {
        context.stdout.write(`generated/ is up to date (${[...hit].map(([cluster, count]) => `${cluster}: ${count} files`).join(", ")})\n`);
      } else {
        const width = Math.max(...[...hit.keys()].map((cluster) => cluster.length), 0);
        for (const [cluster, count] of hit) context.stdout.write(`${cluster.padEnd(width)}  unchanged (${count} files in generated/${cluster})\n`);
      }
      return ExitCode.ok;
    }
  }
  // A miss: load and render the definitions (the modules that do it load only now).
  const { checkProject, renderProject, writeProject } = await import("../../project/generate.ts");
  const { hasDrift } = await import("../../write/check-tree.ts");
  const remember = (trees: readonly { cluster: string; files: ReadonlyMap<string, string> }[]): void =>
    storeRenderCache(root, renderCacheKey(root, cacheOptions), trees.map((tree) => ({ cluster: tree.cluster, files: tree.files, inventory: inventoryText(tree.files.keys()) })));
  const rendered = await renderProject(root, {
    clusters: parsed.positionals,
    validate: !parsed.values["no-validate"],
  });
  const waiting = (pid: number) => context.stderr.write(`waiting for another gen (pid ${pid}) to finish…\n`);

  if (parsed.values.check) {
    const drift = checkProject(rendered, { onWait: waiting });
    const drifted = drift.reports.filter(hasDrift);
    if (drifted.length === 0 && drift.orphaned.length === 0 && drift.projectFiles.length === 0) {
      remember(rendered.trees);
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
  remember(rendered.trees);
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
