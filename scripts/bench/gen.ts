/**
 * The gen benchmark (a script, not a timed test): builds a synthetic project
 * of two clusters × N apps × 5 objects in a temporary folder and measures,
 * each run in its own child process, the wall time and peak RSS of
 *
 *   - `gen` into an empty generated/ (cold),
 *   - `gen` again with nothing changed,
 *   - `gen --check`,
 *   - reference 1: the same objects through `yaml.stringify`, one file each,
 *   - reference 2: the same objects through cdk8s `app.synth()`,
 *   - reference 3, the floor: each object validated, emitted by the
 *     library's emitter and written, on one thread, and nothing else,
 *
 * three runs each (five for cold `gen` and the references, which are
 * compared, run in interleaved rounds so that they meet the same machine
 * conditions), then prints the median wall time, the highest peak RSS and
 * the targets (and the median CPU time, steadier than wall time on a busy
 * machine). Every run is checked to have done its work.
 *
 * Usage: pnpm bench [--apps N] [--json]
 *   --apps N   apps per cluster (default 1000, i.e. 10,000 objects)
 *   --json     print the figures as JSON instead of a table
 * Progress goes to stderr; the report to stdout.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { killRunningChildren, measureInterleaved, measureOperation, type ChildOptions, type Measurement, type Operation, type RunResult } from "./measure.ts";
import { REPO_ROOT, writeProject } from "./project.ts";
import { buildStartupSnapshot } from "../../packages/lib/src/snapshot/build-snapshot.ts";
import { COMPARED_OPERATION_IDS, formatJson, formatText, machineFacts, OPERATION_IDS, type BenchResults, type StartupSnapshotFacts } from "./report.ts";
import { Trash } from "./trash.ts";
import { verifyCdk8sReference, verifyCheck, verifyColdGen, verifyUnchangedGen, verifyValidate, verifyYamlReference } from "./verify.ts";
import { CLUSTERS, OBJECTS_PER_APP } from "./workload/apps.ts";

/** Runs per operation. */
const RUNS = 3;

/**
 * Runs of cold `gen` and of the two references, which are compared: more
 * runs, interleaved round by round so that all three meet the same machine
 * conditions.
 */
const COMPARED_RUNS = 5;

/**
 * The project's folder in the benchmark's temporary folder. Everything else
 * there (the references' output, the children's usage reports) stays out of
 * it: `gen` hashes every file of its project for the render cache.
 */
const PROJECT_DIR = "project";

/**
 * The command line of the library, as pnpm installs it: the shell launcher
 * that starts `gen` from the start-up snapshot (see the README).
 */
const CLI = join(REPO_ROOT, "packages/lib/bin/typed-gitops");

/** The program that runs {@link CLI}. */
const SHELL = "/bin/sh";

/** The options of the benchmark. */
interface BenchOptions {
  /** Apps per cluster. */
  readonly apps: number;
  /** Print JSON instead of a table. */
  readonly json: boolean;
}

/** Parses the command line. */
function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { apps: { type: "string", default: "1000" }, json: { type: "boolean", default: false } },
    strict: true,
  });
  const apps = Number(values.apps);
  if (!Number.isInteger(apps) || apps < 1) throw new Error(`--apps must be a positive integer, got ${JSON.stringify(values.apps)}`);
  return { apps, json: values.json };
}

/** A script of this folder, as a path to pass to node. */
function benchScript(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

/** Deletes a folder if it exists. */
function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The measured operations, in the order of the report: cold `gen` and the
 * references (compared, interleaved), then the others in the order they
 * must run (each relies on the tree the cold runs left).
 */
function operations(root: string, apps: number): { compared: Operation[]; others: Operation[] } {
  // The output of the previous run is moved aside, not deleted (see trash.ts).
  const trash = new Trash(join(root, ".trash"));
  const project = join(root, PROJECT_DIR);
  const generated = join(project, "generated");
  // The references write beside the project, not in it: files in the project are gen's inputs.
  const yamlOut = join(root, "reference-yaml");
  const cdk8sOut = join(root, "reference-cdk8s");
  const floorOut = join(root, "reference-floor");
  const gen = [CLI, "gen", "--root", project];
  const reference = (script: string, out: string): string[] => [benchScript(script), "--apps", String(apps), "--out", out];
  const all: Operation[] = [
    {
      id: OPERATION_IDS.genCold,
      label: "gen (cold)",
      args: gen,
      program: SHELL,
      prepare: () => {
        trash.discard(generated);
        return verifyColdGen(generated, apps);
      },
    },
    {
      id: OPERATION_IDS.genColdSources,
      label: "gen (cold, from the sources)",
      args: gen,
      program: SHELL,
      env: { TYPED_GITOPS_SNAPSHOT: "off" },
      prepare: () => {
        trash.discard(generated);
        return verifyColdGen(generated, apps);
      },
    },
    { id: OPERATION_IDS.genUnchanged, label: "gen (unchanged)", args: gen, program: SHELL, prepare: () => verifyUnchangedGen(generated, apps) },
    {
      id: OPERATION_IDS.genUnchangedNoCache,
      label: "gen (unchanged, --no-cache)",
      args: [...gen, "--no-cache"],
      program: SHELL,
      prepare: () => verifyUnchangedGen(generated, apps),
    },
    { id: OPERATION_IDS.genCheck, label: "gen --check", args: [CLI, "gen", "--check", "--root", project], program: SHELL, prepare: () => verifyCheck(apps) },
    // kustomize build of a layer with 1,000 nested kustomizations takes minutes: one run.
    { id: OPERATION_IDS.validate, label: "validate", args: [CLI, "validate", "--root", project], program: SHELL, prepare: () => verifyValidate(CLUSTERS), runs: 1 },
    {
      id: OPERATION_IDS.validateReference,
      label: "validate (reference clusters)",
      args: [CLI, "validate", "--root", REPO_ROOT],
      program: SHELL,
      prepare: () => verifyValidate(["production", "staging"]),
    },
    {
      id: OPERATION_IDS.yaml,
      label: "ref 1: yaml.stringify + write",
      args: reference("reference-yaml.ts", yamlOut),
      prepare: () => {
        trash.discard(yamlOut);
        return verifyYamlReference(yamlOut, apps);
      },
    },
    {
      id: OPERATION_IDS.cdk8s,
      label: "ref 2: cdk8s synth",
      args: reference("reference-cdk8s.ts", cdk8sOut),
      prepare: () => {
        trash.discard(cdk8sOut);
        return verifyCdk8sReference(cdk8sOut, apps);
      },
    },
    {
      id: OPERATION_IDS.floor,
      label: "ref 3: floor (validate + emit + write)",
      args: reference("reference-floor.ts", floorOut),
      prepare: () => {
        trash.discard(floorOut);
        return verifyYamlReference(floorOut, apps);
      },
    },
  ];
  return { compared: all.filter((operation) => COMPARED_OPERATION_IDS.has(operation.id)), others: all.filter((operation) => !COMPARED_OPERATION_IDS.has(operation.id)) };
}

/**
 * Builds the library's start-up snapshot when it does not match the code,
 * as `scripts/setup.sh` does, so that cold `gen` is measured as it runs
 * after set-up.
 */
async function prepareStartupSnapshot(): Promise<StartupSnapshotFacts> {
  const started = performance.now();
  const result = await buildStartupSnapshot();
  const buildSeconds = result.built ? (performance.now() - started) / 1000 : undefined;
  process.stderr.write(`[bench] start-up snapshot ${result.built ? `built in ${buildSeconds!.toFixed(1)} s` : "up to date"}: ${result.path}\n`);
  return { bytes: result.bytes, buildSeconds };
}

/** Reports one finished run on stderr. */
function progress(operation: Operation, run: RunResult, index: number, runs: number): void {
  process.stderr.write(
    `[bench] ${operation.label} ${index + 1}/${runs}: ${run.wallSeconds.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU, ${(run.peakRssBytes / 1_000_000).toFixed(0)} MB\n`,
  );
}

/** Builds the project in `root` and measures every operation. */
async function runBenchmark(root: string, options: BenchOptions): Promise<BenchResults> {
  const machine = machineFacts(root);
  const startupSnapshot = await prepareStartupSnapshot();
  const project = join(root, PROJECT_DIR);
  mkdirSync(project);
  writeProject(project, options.apps);
  const child: ChildOptions = { cwd: root, usageFile: join(root, ".usage.json") };
  const { compared, others } = operations(root, options.apps);
  const measurements: Measurement[] = await measureInterleaved(compared, COMPARED_RUNS, child, (operation, run, index) => progress(operation, run, index, COMPARED_RUNS));
  for (const operation of others) {
    const runs = operation.runs ?? RUNS;
    measurements.push(await measureOperation(operation, runs, child, (run, index) => progress(operation, run, index, runs)));
  }
  const order: string[] = [OPERATION_IDS.genCold, OPERATION_IDS.genColdSources, ...others.map((operation) => operation.id), OPERATION_IDS.yaml, OPERATION_IDS.cdk8s, OPERATION_IDS.floor];
  measurements.sort((a, b) => order.indexOf(a.operation.id) - order.indexOf(b.operation.id));
  return {
    machine,
    startupSnapshot,
    workload: {
      clusters: CLUSTERS.length,
      appsPerCluster: options.apps,
      objectsPerApp: OBJECTS_PER_APP,
      objects: CLUSTERS.length * options.apps * OBJECTS_PER_APP,
      comparedRuns: COMPARED_RUNS,
      runsPerOperation: RUNS,
    },
    measurements,
  };
}

/** Runs the benchmark in a temporary folder that is removed afterwards, even on failure or interruption. */
async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const root = mkdtempSync(join(tmpdir(), "typed-gitops-bench-"));
  const onSignal = (signal: NodeJS.Signals): void => {
    killRunningChildren();
    remove(root);
    process.exit(128 + constants.signals[signal]);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    process.stderr.write(`[bench] project in ${join(root, PROJECT_DIR)}\n`);
    const results = await runBenchmark(root, options);
    process.stdout.write(options.json ? formatJson(results) : formatText(results));
    return 0;
  } finally {
    remove(root);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
