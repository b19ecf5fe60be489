/**
 * How much of a cold `gen` is the process warming up rather than the work
 * (a script, not a timed test). Each measured render runs in a fresh child
 * process that loads the library and renders the benchmark project (two
 * clusters × N apps) with `generateProject`, the function `gen` calls, in
 * one of three states:
 *
 *   - cold: nothing rendered before, as in every `gen`;
 *   - primed: a 2-app project rendered first, so that every module and every
 *     function on the render path is loaded and compiled before the measured
 *     render. This is the most a startup snapshot or a complete code cache
 *     could save, and more: nothing a snapshot would cost to deserialize is
 *     counted;
 *   - warm: a second copy of the full project rendered first, as a
 *     long-lived process would have done (optimized code and inline caches
 *     included).
 *
 * cdk8s synth of the same objects (reference 2 of `pnpm bench`) runs in the
 * same rounds. Each state's render is compared with it, adding the child's
 * own start (up to its first line) to every state and the library's loading
 * to the cold state only.
 *
 * Usage: pnpm bench:warm-up [--apps N] [--rounds R]
 *   --apps N     apps per cluster (default 1000, i.e. 10,000 objects)
 *   --rounds R   rounds of the three states and cdk8s (default 5)
 * Progress goes to stderr; the report to stdout.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median, runChild, type ChildOptions } from "./measure.ts";
import { writeProject } from "./project.ts";
import { Trash } from "./trash.ts";
import { verifyGeneratedTrees } from "./verify.ts";
import type { WarmUpReport } from "./warm-up-child.ts";

/** The states a measured render can start from. */
const STATES = ["cold", "primed", "warm"] as const;
type State = (typeof STATES)[number];

/** Apps per cluster of the project rendered to prime a process. */
const PRIMING_APPS = 2;

/** Parses the command line. */
function parseOptions(argv: readonly string[]): { apps: number; rounds: number } {
  const { values } = parseArgs({
    args: [...argv],
    options: { apps: { type: "string", default: "1000" }, rounds: { type: "string", default: "5" } },
    strict: true,
  });
  const positive = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
    return value;
  };
  return { apps: positive("apps", values.apps), rounds: positive("rounds", values.rounds) };
}

/** The figures of one state over all rounds. */
interface StateFigures {
  readonly state: State;
  readonly reports: WarmUpReport[];
}

/** Formats milliseconds as seconds. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Builds the projects, runs the rounds and prints the report. */
async function parent(apps: number, rounds: number): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "typed-gitops-warm-up-"));
  try {
    process.stderr.write(`[warm-up] projects in ${root}\n`);
    const project = join(root, "project");
    const copy = join(root, "copy");
    const priming = join(root, "priming");
    for (const [dir, count] of [[project, apps], [copy, apps], [priming, PRIMING_APPS]] as const) {
      mkdirSync(dir);
      writeProject(dir, count);
    }
    const options: ChildOptions = { cwd: root, usageFile: join(root, ".usage.json") };
    const script = fileURLToPath(new URL("warm-up-child.ts", import.meta.url));
    const firstOf: Record<State, string | undefined> = { cold: undefined, primed: priming, warm: copy };
    const figures: StateFigures[] = STATES.map((state) => ({ state, reports: [] }));
    const cdk8sMs: number[] = [];
    const cdk8sOut = join(root, "reference-cdk8s");
    // The output of the previous run is moved aside, not deleted (see trash.ts).
    const trash = new Trash(join(root, ".trash"));
    for (let round = 0; round < rounds; round++) {
      for (const entry of figures) {
        const first = firstOf[entry.state];
        for (const dir of [project, first]) if (dir !== undefined) trash.discard(join(dir, "generated"));
        const run = await runChild([script, "--project", project, ...(first === undefined ? [] : ["--first", first])], options);
        verifyGeneratedTrees(join(project, "generated"), apps);
        const report = JSON.parse(run.stdout) as WarmUpReport;
        entry.reports.push(report);
        process.stderr.write(`[warm-up] ${entry.state} ${round + 1}/${rounds}: render ${seconds(report.renderMs)} (${seconds(report.renderCpuMs)} CPU)\n`);
      }
      trash.discard(cdk8sOut);
      const cdk8s = await runChild([fileURLToPath(new URL("reference-cdk8s.ts", import.meta.url)), "--apps", String(apps), "--out", cdk8sOut], options);
      cdk8sMs.push(cdk8s.wallSeconds * 1000);
      process.stderr.write(`[warm-up] cdk8s ${round + 1}/${rounds}: ${seconds(cdk8sMs.at(-1)!)}\n`);
    }
    const cdk8s = median(cdk8sMs);
    const lines = [
      `Renders of ${apps} apps × 2 clusters (${apps * 10} objects), ${rounds} rounds; medians. cdk8s synth: ${seconds(cdk8s)}.`,
      "",
      "| state | render (wall) | render (CPU) | + start and load | cdk8s / this |",
      "|---|---|---|---|---|",
    ];
    for (const { state, reports } of figures) {
      const render = median(reports.map((report) => report.renderMs));
      const cpu = median(reports.map((report) => report.renderCpuMs));
      // Every state pays Node's start; only a cold one loads the library (a snapshot would hold it).
      const overhead = median(reports.map((report) => report.startMs + (state === "cold" ? report.loadMs : 0)));
      lines.push(`| ${state} | ${seconds(render)} | ${seconds(cpu)} | ${seconds(render + overhead)} | ${(cdk8s / (render + overhead)).toFixed(2)}× |`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

try {
  const options = parseOptions(process.argv.slice(2));
  await parent(options.apps, options.rounds);
} catch (error) {
  process.stderr.write(`warm-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
