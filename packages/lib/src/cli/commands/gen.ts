/**
 * `gen`: render every cluster to `generated/<cluster>/`, or with `--check`
 * compare the rendering with what is committed.
 */
import { resolve } from "node:path";
import { discoverClusters } from "../../cluster/load-clusters.ts";
import { lookupRenderCache, renderCacheKey, storeRenderCache } from "../../project/render-cache.ts";
import { ExitCode, parseCommandArgs, UsageError, type CommandContext, type ExitCodeValue } from "../io.ts";
import { startProgress } from "../progress.ts";
import { styleFor } from "../style.ts";
import { runCheck } from "./check.ts";

/** The help text of `gen`. */
export const GEN_HELP = `Usage: typed-gitops gen [cluster...] [--check [--json]] [--watch] [--no-validate] [--no-cache] [--root DIR]

Render the clusters under clusters/ to generated/<cluster>/, with each
cluster's architecture page (generated/<cluster>/ARCHITECTURE.md).

Arguments:
  cluster          render only these clusters (default: all)

Options:
  --check          render in memory and compare with generated/; write nothing.
                   Exit 1 with a diff when they differ (the same as \`check\`)
  --json           with --check: print the result as JSON
  --watch          render, then render again the clusters a change affects, on
                   every change under clusters/, apps/, infrastructure/ and
                   packages/*/src; each render runs in a fresh process. Ctrl-C stops
  --no-validate    skip schema validation of typed models (faster while iterating)
  --no-cache       render even when no input changed since the last render that
                   matched generated/ (see the README's render cache)
  --root DIR       the project root (default: the current directory)
  -h, --help       show this help

Examples:
  pnpm gen                     render every cluster
  pnpm gen production          render one cluster
  pnpm gen --check             the drift check CI runs
  pnpm gen --watch --no-validate
                               re-render on every save while editing

gen starts from the library's start-up snapshot when it matches the code on
disk (built by \`pnpm snapshot\`); TYPED_GITOPS_SNAPSHOT=off runs it from the sources.

Exit codes: 0 ok, 1 findings (invalid definitions or drift), 2 usage or environment error.
`;

/** Runs `gen`. */
export async function gen(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, {
    check: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    watch: { type: "boolean", default: false },
    "no-validate": { type: "boolean", default: false },
    "no-cache": { type: "boolean", default: false },
    root: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (parsed.values.help) {
    context.stdout.write(GEN_HELP);
    return ExitCode.ok;
  }
  if (parsed.values.json && !parsed.values.check) throw new UsageError("--json goes with --check (gen itself prints one line per cluster)");
  if (parsed.values.watch && parsed.values.check) throw new UsageError("--watch and --check do not go together");
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const validate = !parsed.values["no-validate"];
  if (parsed.values.check) return runCheck(root, { clusters: parsed.positionals, validate, cache: !parsed.values["no-cache"], json: parsed.values.json }, context);
  if (parsed.values.watch) {
    const { watchProject } = await import("../../watch/watch-project.ts");
    discoverClusters(root);
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      await watchProject({ root, clusters: parsed.positionals, validate, stdout: context.stdout, stderr: context.stderr, env: context.env, signal: stop.signal });
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    return ExitCode.ok;
  }
  const known = discoverClusters(root).map((cluster) => cluster.name);
  const selected = parsed.positionals.length === 0 ? known : [...new Set(parsed.positionals)].sort();
  const cacheOptions = { clusters: parsed.positionals.length === 0 ? "all" : selected, validate };
  // The key of the inputs as they are now, before rendering reads them.
  const cacheKey = renderCacheKey(root, cacheOptions);
  if (!parsed.values["no-cache"] && selected.every((name) => known.includes(name))) {
    const hit = lookupRenderCache(root, cacheKey, selected, { everyCluster: parsed.positionals.length === 0 });
    if (hit !== undefined) {
      const width = Math.max(...[...hit.keys()].map((cluster) => cluster.length), 0);
      for (const [cluster, count] of hit) context.stdout.write(`${cluster.padEnd(width)}  unchanged (${count} files in generated/${cluster})\n`);
      return ExitCode.ok;
    }
  }
  // A miss: load and render the definitions (the modules that do it load only now).
  const { generateProject } = await import("../../project/generate.ts");
  const waiting = (pid: number) => context.stderr.write(`waiting for another gen (pid ${pid}) to finish…\n`);
  const progress = startProgress(context.stderr, `rendering ${selected.length === 1 ? selected[0] : `${selected.length} clusters`}`);
  let written, fingerprints;
  try {
    ({ written, fingerprints } = await generateProject(root, { clusters: parsed.positionals, validate, sourceLocations: "on-problems", lock: { onWait: waiting } }));
  } finally {
    progress.done();
  }
  storeRenderCache(root, cacheKey, fingerprints);
  const style = styleFor(context.stdout, context.env);
  const count = (n: number, word: string, colour: (text: string) => string) => (n === 0 ? `${n} ${word}` : colour(`${n} ${word}`));
  const width = Math.max(...written.results.map((result) => result.cluster.length), 0);
  for (const result of written.results) {
    const { added, changed, removed, unchanged } = result.changes;
    const total = added.length + changed.length + unchanged.length;
    const summary = result.wrote
      ? `${count(added.length, "added", style.green)}, ${count(changed.length, "changed", style.yellow)}, ${count(removed.length, "removed", style.red)}, ${unchanged.length} unchanged`
      : "unchanged";
    context.stdout.write(`${result.cluster.padEnd(width)}  ${summary} (${total} files in generated/${result.cluster})\n`);
  }
  for (const cluster of written.removedTrees) context.stdout.write(`${cluster}  removed generated/${cluster}/ (no such cluster any more)\n`);
  if (written.sopsConfig !== "unchanged") context.stdout.write(`.sops.yaml ${written.sopsConfig} (from the clusters' secrets.sops.ageRecipients)\n`);
  return ExitCode.ok;
}
