/**
 * One measured render of `pnpm bench:warm-up`, in a process of its own:
 * loads the library as the command line does (Node's compile cache and the
 * resolution cache on),
 * renders `--first` when given, then renders `--project` and prints a
 * {@link WarmUpReport} as JSON. It imports nothing else before the library,
 * so that its start and loading compare with those of `gen`.
 *
 * Usage: node scripts/bench/warm-up-child.ts --project DIR [--first DIR]
 */
import module from "node:module";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

/** What the child reports, in milliseconds. */
export interface WarmUpReport {
  /** From the process's start to this script's start. */
  readonly startMs: number;
  /** Loading `generateProject` and its modules. */
  readonly loadMs: number;
  /** The render before the measured one (0 without `--first`). */
  readonly firstMs: number;
  /** The measured render, wall time. */
  readonly renderMs: number;
  /** The measured render, CPU time of the process (all threads). */
  readonly renderCpuMs: number;
}

const startMs = performance.now();
module.enableCompileCache?.();
const { enableResolutionCache } = await import("../../packages/lib/src/cli/resolution-cache.ts");
enableResolutionCache();
const { values } = parseArgs({ options: { project: { type: "string" }, first: { type: "string" } }, strict: true });
if (values.project === undefined) throw new Error("--project is required");
const { generateProject } = await import("../../packages/lib/src/project/generate.ts");
const loadMs = performance.now() - startMs;

/**
 * Renders and writes the project at `root` into an empty generated/: the
 * parent has moved the previous one aside (see trash.ts), outside the
 * measured time.
 */
async function render(root: string): Promise<void> {
  if (existsSync(join(root, "generated"))) throw new Error(`${join(root, "generated")} exists; the parent moves it aside before each run`);
  await generateProject(root, { sourceLocations: "on-problems" });
}

let firstMs = 0;
if (values.first !== undefined) {
  const started = performance.now();
  await render(values.first);
  firstMs = performance.now() - started;
}
const cpu = process.cpuUsage();
const started = performance.now();
await render(values.project);
const renderMs = performance.now() - started;
const used = process.cpuUsage(cpu);
const report: WarmUpReport = { startMs, loadMs, firstMs, renderMs, renderCpuMs: (used.user + used.system) / 1000 };
process.stdout.write(`${JSON.stringify(report)}\n`);
