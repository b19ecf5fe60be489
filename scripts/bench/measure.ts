/**
 * Running one measured operation in a child process: wall time from spawn
 * to exit, and the peak RSS and CPU time of the child and of the Node
 * processes it starts (reported by usage-probe.cjs).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { delimiter, dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** The preload that reports a process's peak RSS and CPU time. */
const USAGE_PROBE = fileURLToPath(new URL("./usage-probe.cjs", import.meta.url));

/** What usage-probe.cjs writes when a measured process exits (one JSON line each). */
interface ProbeReport {
  /** Peak resident set size, in bytes. */
  readonly peakRssBytes: number;
  /** User plus system CPU time, in seconds. */
  readonly cpuSeconds: number;
}

/** The children running now, so an interrupted benchmark can stop them. */
const running = new Set<ChildProcess>();

/** Kills every running child (SIGKILL: the benchmark is being abandoned). */
export function killRunningChildren(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** One run of a child process. */
export interface RunResult {
  /** Wall time from spawn to exit, in seconds. */
  readonly wallSeconds: number;
  /**
   * The child's peak resident set size, in bytes; when it starts Node
   * processes of its own, the sum of their peaks (at most what they held at
   * once).
   */
  readonly peakRssBytes: number;
  /** The CPU time (user + system) of the child and the Node processes it starts, in seconds: less sensitive than wall time to other load. */
  readonly cpuSeconds: number;
  /** What the child printed. */
  readonly stdout: string;
  readonly stderr: string;
}

/** Checks one run's effects; throws when they are not what the operation must do. */
export type Verifier = (run: RunResult) => void;

/** An operation to measure. */
export interface Operation {
  /** A stable identifier, used in the JSON output. */
  readonly id: string;
  /** The name shown in the table. */
  readonly label: string;
  /** The arguments of {@link Operation.program}: for Node, a script and its arguments. */
  readonly args: readonly string[];
  /**
   * The program to run.
   * @default the Node binary of the benchmark
   */
  readonly program?: string;
  /** Untimed set-up before each run (e.g. deleting output); returns the check of that run. */
  readonly prepare: () => Verifier;
  /**
   * Environment variables set for its runs, on top of the benchmark's.
   * @default none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * How many runs; slow operations run once.
   * @default the benchmark's runs per operation
   */
  readonly runs?: number;
}

/** The runs of one operation and their summary. */
export interface Measurement {
  readonly operation: Operation;
  /** Wall time of each run, in seconds, in run order. */
  readonly wallSeconds: readonly number[];
  /** The median of {@link wallSeconds}. */
  readonly medianWallSeconds: number;
  /** The highest peak RSS of all runs, in bytes. */
  readonly peakRssBytes: number;
  /** CPU time of each run, in seconds, in run order. */
  readonly cpuSeconds: readonly number[];
  /** The median of {@link cpuSeconds}. */
  readonly medianCpuSeconds: number;
}

/** Where the child writes its resource usage, and the working folder. */
export interface ChildOptions {
  readonly cwd: string;
  readonly usageFile: string;
}

/** Returns the median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Reads what usage-probe.cjs wrote for the run with `args`: CPU times summed, peaks summed. */
function readProbeReport(file: string, args: readonly string[]): ProbeReport {
  let reports: Partial<ProbeReport>[];
  try {
    reports = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Partial<ProbeReport>);
  } catch (error) {
    throw new Error(`node ${args.join(" ")} reported no resource usage: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (reports.length === 0) throw new Error(`node ${args.join(" ")} reported no resource usage`);
  let peakRssBytes = 0;
  let cpuSeconds = 0;
  for (const report of reports) {
    if (typeof report.peakRssBytes !== "number" || report.peakRssBytes <= 0 || typeof report.cpuSeconds !== "number") {
      throw new Error(`node ${args.join(" ")} reported an invalid resource usage: ${JSON.stringify(report)}`);
    }
    peakRssBytes += report.peakRssBytes;
    cpuSeconds += report.cpuSeconds;
  }
  return { peakRssBytes, cpuSeconds };
}

/**
 * Runs `program ...args` (by default the Node binary of this process) with
 * `NODE_OPTIONS=--require usage-probe.cjs`, and waits for it to exit.
 *
 * @throws {Error} when the child fails or does not report its resource usage.
 */
export async function runChild(args: readonly string[], options: ChildOptions, env: Readonly<Record<string, string>> = {}, program: string = process.execPath): Promise<RunResult> {
  rmSync(options.usageFile, { force: true });
  const started = performance.now();
  const child = spawn(program, [...args], {
    cwd: options.cwd,
    env: {
      ...process.env,
      ...env,
      // A program that runs `node` finds the benchmark's.
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
      NODE_OPTIONS: `--require ${JSON.stringify(USAGE_PROBE)}`,
      BENCH_USAGE_FILE: options.usageFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
  }).finally(() => running.delete(child));
  const wallSeconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    const how = signal === null ? `exited with ${code}` : `was killed by ${signal}`;
    throw new Error(`${program === process.execPath ? "node" : program} ${args.join(" ")} ${how}\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`);
  }
  const { peakRssBytes, cpuSeconds } = readProbeReport(options.usageFile, args);
  return { wallSeconds, peakRssBytes, cpuSeconds, stdout, stderr };
}

/**
 * Runs an operation `runs` times, each after its `prepare` and checked by
 * the verifier that returned.
 *
 * @param onRun - called after each verified run, for progress output.
 */
export async function measureOperation(
  operation: Operation,
  runs: number,
  options: ChildOptions,
  onRun: (run: RunResult, index: number) => void,
): Promise<Measurement> {
  const [measurement] = await measureInterleaved([operation], runs, options, (_operation, run, index) => onRun(run, index));
  return measurement!;
}

/**
 * Runs several operations in rounds, one run of each per round, so that
 * they meet the same machine conditions when the load drifts: what they
 * are compared with each other, measured side by side.
 *
 * @returns one measurement per operation, in the order given.
 */
export async function measureInterleaved(
  operations: readonly Operation[],
  runs: number,
  options: ChildOptions,
  onRun: (operation: Operation, run: RunResult, index: number) => void,
): Promise<Measurement[]> {
  const results = operations.map(() => [] as RunResult[]);
  for (let index = 0; index < runs; index++) {
    for (const [position, operation] of operations.entries()) {
      const verify = operation.prepare();
      const run = await runChild(operation.args, options, operation.env, operation.program);
      try {
        verify(run);
      } catch (error) {
        throw new Error(`${operation.label}, run ${index + 1}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      results[position]!.push(run);
      onRun(operation, run, index);
    }
  }
  return operations.map((operation, position) => {
    const runsOf = results[position]!;
    const wallSeconds = runsOf.map((run) => run.wallSeconds);
    const cpuSeconds = runsOf.map((run) => run.cpuSeconds);
    return {
      operation,
      wallSeconds,
      medianWallSeconds: median(wallSeconds),
      peakRssBytes: Math.max(...runsOf.map((run) => run.peakRssBytes)),
      cpuSeconds,
      medianCpuSeconds: median(cpuSeconds),
    };
  });
}
