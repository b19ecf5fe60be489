/**
 * `check`: the drift check — does `generated/` hold exactly what the
 * definitions render? The same as `gen --check`, with `--json` for tools.
 */
import { resolve } from "node:path";
import { discoverClusters } from "../../cluster/load-clusters.ts";
import { lookupRenderCache, renderCacheKey, storeRenderCache } from "../../project/render-cache.ts";
import { inventoryText } from "../../write/existing-tree.ts";
import { fingerprintTree } from "../../write/tree-fingerprint.ts";
import { ExitCode, parseCommandArgs, type CommandContext, type ExitCodeValue } from "../io.ts";
import { startProgress } from "../progress.ts";
import { colourDiff, styleFor } from "../style.ts";

/** The help text of `check`. */
export const CHECK_HELP = `Usage: typed-gitops check [cluster...] [--json] [--no-validate] [--no-cache] [--root DIR]

The drift check: render the clusters in memory and compare the result with
generated/, writing nothing. Every changed, missing and stale file is listed
(hand edits, stray files and deleted files are all caught), with a unified
diff of each changed file. The same as \`gen --check\`.

Arguments:
  cluster          check only these clusters (default: all)

Options:
  --json           print the result as JSON (files, diffs, the fix)
  --no-validate    skip schema validation of typed models
  --no-cache       render even when no input changed since the last render
                   that matched generated/
  --root DIR       the project root (default: the current directory)
  -h, --help       show this help

Examples:
  pnpm check                    the drift check CI runs
  pnpm check production --json

Exit codes: 0 up to date, 1 drift or invalid definitions, 2 usage or environment error.
`;

/** Options of {@link runCheck}. */
export interface CheckOptions {
  /** The clusters named on the command line (none: all). */
  readonly clusters: readonly string[];
  /** Whether to validate the typed models while rendering. */
  readonly validate: boolean;
  /** Whether the render cache may answer. */
  readonly cache: boolean;
  /** Whether to print JSON. */
  readonly json: boolean;
}

/** One cluster's drift, as `--json` prints it; paths are relative to the project root. */
interface ClusterCheck {
  readonly cluster: string;
  readonly files: number;
  readonly upToDate: boolean;
  readonly changed: readonly { readonly path: string; readonly diff: string }[];
  readonly missing: readonly string[];
  readonly stale: readonly string[];
  readonly inventoryChanged: boolean;
}

/** Runs the drift check (for `check` and `gen --check`). */
export async function runCheck(root: string, options: CheckOptions, context: CommandContext): Promise<ExitCodeValue> {
  const known = discoverClusters(root).map((cluster) => cluster.name);
  const selected = options.clusters.length === 0 ? known : [...new Set(options.clusters)].sort();
  const cacheOptions = { clusters: options.clusters.length === 0 ? "all" : selected, validate: options.validate };
  const print = (value: unknown) => context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  // The key of the inputs as they are now, before rendering reads them.
  const cacheKey = renderCacheKey(root, cacheOptions);
  if (options.cache && selected.every((name) => known.includes(name))) {
    const hit = lookupRenderCache(root, cacheKey, selected, { everyCluster: options.clusters.length === 0 });
    if (hit !== undefined) {
      if (options.json) {
        print({ upToDate: true, cached: true, clusters: [...hit].map(([cluster, files]) => ({ cluster, files, upToDate: true, changed: [], missing: [], stale: [], inventoryChanged: false })), orphaned: [], projectFiles: [], fix: null });
      } else {
        context.stdout.write(`generated/ is up to date (${[...hit].map(([cluster, count]) => `${cluster}: ${count} files`).join(", ")})\n`);
      }
      return ExitCode.ok;
    }
  }
  const { checkProject, renderProject } = await import("../../project/generate.ts");
  const { hasDrift } = await import("../../write/check-tree.ts");
  const progress = startProgress(context.stderr, `rendering ${selected.length === 1 ? selected[0] : `${selected.length} clusters`}`);
  let rendered;
  try {
    rendered = await renderProject(root, { clusters: options.clusters, validate: options.validate, sourceLocations: "on-problems" });
  } finally {
    progress.done();
  }
  const drift = checkProject(rendered, { onWait: (pid) => context.stderr.write(`waiting for another gen (pid ${pid}) to finish…\n`) });
  const drifted = drift.reports.filter(hasDrift);
  const clean = drifted.length === 0 && drift.orphaned.length === 0 && drift.projectFiles.length === 0;
  if (clean) storeRenderCache(root, cacheKey, rendered.trees.map((tree) => ({ cluster: tree.cluster, fingerprint: fingerprintTree(tree.files, inventoryText(tree.files.keys())) })));
  const only = options.clusters.length > 0 ? ` ${[...options.clusters].sort().join(" ")}` : "";
  const fix = `pnpm gen${only}`;
  if (options.json) {
    const clusters: ClusterCheck[] = drift.reports.map((report, index) => ({
      cluster: report.cluster,
      files: rendered.trees[index]!.files.size,
      upToDate: !hasDrift(report),
      changed: report.changed.map((entry) => ({ path: `generated/${report.cluster}/${entry.path}`, diff: entry.diff })),
      missing: report.missing.map((path) => `generated/${report.cluster}/${path}`),
      stale: report.stale.map((path) => `generated/${report.cluster}/${path}`),
      inventoryChanged: report.inventoryChanged,
    }));
    print({ upToDate: clean, cached: false, clusters, orphaned: drift.orphaned.map((cluster) => `generated/${cluster}`), projectFiles: drift.projectFiles, fix: clean ? null : fix });
    return clean ? ExitCode.ok : ExitCode.findings;
  }
  if (clean) {
    context.stdout.write(`generated/ is up to date (${rendered.trees.map((tree) => `${tree.cluster}: ${tree.files.size} files`).join(", ")})\n`);
    return ExitCode.ok;
  }
  const style = styleFor(context.stdout, context.env);
  let out = `${style.bold("generated/ does not match the definitions:")}\n`;
  for (const report of drifted) {
    out += `\n${report.cluster}:\n`;
    for (const entry of report.changed) out += `  ${style.yellow("changed")}  generated/${report.cluster}/${entry.path}\n`;
    for (const path of report.missing) out += `  ${style.red("missing")}  generated/${report.cluster}/${path}\n`;
    for (const path of report.stale) out += `  ${style.red("stale")}    generated/${report.cluster}/${path}\n`;
    if (report.inventoryChanged) out += `  ${style.yellow("changed")}  generated/${report.cluster}/.gen-inventory\n`;
  }
  for (const cluster of drift.orphaned) out += `\n${cluster}: generated/${cluster}/ belongs to no cluster under clusters/\n`;
  for (const file of drift.projectFiles) out += `\n${file.status.padEnd(8)} ${file.path}\n`;
  for (const report of drifted) for (const entry of report.changed) out += `\n${colourDiff(entry.diff, style)}`;
  for (const file of drift.projectFiles) if (file.diff !== undefined) out += `\n${colourDiff(file.diff, style)}`;
  out += `\nRun \`${fix}\` and commit the result.\n`;
  context.stdout.write(out);
  return ExitCode.findings;
}

/** Runs `check`. */
export async function check(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, {
    json: { type: "boolean", default: false },
    "no-validate": { type: "boolean", default: false },
    "no-cache": { type: "boolean", default: false },
    root: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (parsed.values.help) {
    context.stdout.write(CHECK_HELP);
    return ExitCode.ok;
  }
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  return runCheck(root, { clusters: parsed.positionals, validate: !parsed.values["no-validate"], cache: !parsed.values["no-cache"], json: parsed.values.json }, context);
}
