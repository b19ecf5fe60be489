/**
 * The benchmark's results: machine facts, the targets, and their rendering
 * as a text table or as JSON.
 */
import { statfsSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { dirname } from "node:path";
import { median, type Measurement } from "./measure.ts";

/** The operation ids the targets refer to. */
export const OPERATION_IDS = {
  genCold: "gen-cold",
  genColdSources: "gen-cold-sources",
  genUnchanged: "gen-unchanged",
  genUnchangedNoCache: "gen-unchanged-no-cache",
  genCheck: "gen-check",
  yaml: "yaml-stringify",
  cdk8s: "cdk8s-synth",
  floor: "floor",
  validate: "validate",
  validateReference: "validate-reference",
} as const;

/** The operations run in interleaved rounds with cdk8s: cold `gen` (from the start-up snapshot and from the sources) and the references. */
export const COMPARED_OPERATION_IDS: ReadonlySet<string> = new Set([OPERATION_IDS.genCold, OPERATION_IDS.genColdSources, OPERATION_IDS.yaml, OPERATION_IDS.cdk8s, OPERATION_IDS.floor]);

/** Facts about the machine the figures come from. */
export interface MachineFacts {
  readonly node: string;
  readonly os: string;
  readonly cpuCount: number;
  readonly cpuModel: string;
  readonly totalMemoryMB: number;
  /** The folder holding the benchmark project (from TMPDIR), and its filesystem. */
  readonly tempDir: string;
  readonly tempFilesystem: string;
  /** The 1-minute load average when the benchmark started: other work on the machine skews the figures. */
  readonly loadAverage: number;
}

/** The size of the benchmark. */
export interface Workload {
  readonly clusters: number;
  readonly appsPerCluster: number;
  readonly objectsPerApp: number;
  readonly objects: number;
  /** Runs of cold `gen` and of the references, interleaved round by round. */
  readonly comparedRuns: number;
  /** Runs of each other operation. */
  readonly runsPerOperation: number;
}

/** The library's start-up snapshot, which `gen` starts from (see `typed-gitops snapshot`). */
export interface StartupSnapshotFacts {
  /** Its size in bytes. */
  readonly bytes: number;
  /** How long building it took before the measurements, in seconds; `undefined` when it was up to date. */
  readonly buildSeconds: number | undefined;
}

/** Everything measured. */
export interface BenchResults {
  readonly machine: MachineFacts;
  readonly workload: Workload;
  readonly startupSnapshot: StartupSnapshotFacts;
  readonly measurements: readonly Measurement[];
}

/** A target and whether it was met. */
export interface TargetResult {
  /** The operation it applies to. */
  readonly operation: string;
  /** What is compared, e.g. `wall < 3 s`. */
  readonly description: string;
  readonly actual: number;
  readonly limit: number;
  readonly met: boolean;
}

/** A target: a figure of one operation compared with a limit. */
interface TargetSpec {
  readonly operation: string;
  readonly description: string;
  readonly limit: number;
  /** `below`: actual < limit; `atLeast`: actual >= limit. */
  readonly kind: "below" | "atLeast";
  readonly figure: (measurement: Measurement, cdk8s: Measurement) => number;
}

const MB = 1_000_000;

const wall = (measurement: Measurement): number => measurement.medianWallSeconds;
const rssMB = (measurement: Measurement): number => measurement.peakRssBytes / MB;

/** How many times slower cdk8s is than `measurement` (median wall times). */
export function cdk8sRatio(measurement: Measurement, cdk8s: Measurement): number {
  return cdk8s.medianWallSeconds / measurement.medianWallSeconds;
}

/**
 * cdk8s's wall time over `measurement`'s in each interleaved round, or
 * `undefined` for an operation not run in those rounds. Each ratio compares
 * two runs made seconds apart, so it drifts less with the machine's speed
 * than the ratio of the medians, whose runs may come minutes apart.
 */
export function roundCdk8sRatios(measurement: Measurement, cdk8s: Measurement): number[] | undefined {
  if (!COMPARED_OPERATION_IDS.has(measurement.operation.id) || measurement.wallSeconds.length !== cdk8s.wallSeconds.length) return undefined;
  return measurement.wallSeconds.map((seconds, round) => cdk8s.wallSeconds[round]! / seconds);
}

/** The targets gen is held to. */
const TARGETS: readonly TargetSpec[] = [
  { operation: OPERATION_IDS.genCold, description: "wall < 3 s", limit: 3, kind: "below", figure: wall },
  { operation: OPERATION_IDS.genCold, description: "RSS < 500 MB", limit: 500, kind: "below", figure: rssMB },
  { operation: OPERATION_IDS.genCold, description: ">= 3x faster than cdk8s", limit: 3, kind: "atLeast", figure: cdk8sRatio },
  { operation: OPERATION_IDS.genUnchanged, description: "wall < 1.5 s", limit: 1.5, kind: "below", figure: wall },
  { operation: OPERATION_IDS.genCheck, description: "wall < 1.5 s", limit: 1.5, kind: "below", figure: wall },
];

/** Linux filesystem magic numbers (statfs f_type) of common filesystems. */
const FILESYSTEM_TYPES: Readonly<Record<number, string>> = {
  0x01021994: "tmpfs",
  0xef53: "ext4",
  0x58465342: "xfs",
  0x9123683e: "btrfs",
  0x794c7630: "overlayfs",
  0x6969: "nfs",
};

/** The filesystem `path` is on, by name when known. */
function filesystemOf(path: string): string {
  try {
    const type = statfsSync(path).type;
    return FILESYSTEM_TYPES[type] ?? `type 0x${type.toString(16)}`;
  } catch {
    return "unknown";
  }
}

/**
 * Facts about this machine and the Node that runs the children (this
 * process's binary), taken before measuring. File creation costs differ
 * widely between filesystems, so the temporary folder's is part of the
 * facts, and so is the load other processes put on the machine.
 *
 * @param projectRoot - the benchmark project folder.
 */
export function machineFacts(projectRoot: string): MachineFacts {
  const cores = cpus();
  const tempDir = dirname(projectRoot);
  return {
    node: process.version,
    os: `${process.platform} ${release()} ${process.arch}`,
    cpuCount: cores.length,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    totalMemoryMB: Math.round(totalmem() / MB),
    tempDir,
    tempFilesystem: filesystemOf(tempDir),
    loadAverage: round(loadavg()[0] ?? 0, 2),
  };
}

/** The measurement of operation `id`. */
function find(results: BenchResults, id: string): Measurement {
  const found = results.measurements.find((measurement) => measurement.operation.id === id);
  if (found === undefined) throw new Error(`no measurement of ${id}`);
  return found;
}

/** Evaluates every target. */
export function evaluateTargets(results: BenchResults): TargetResult[] {
  const cdk8s = find(results, OPERATION_IDS.cdk8s);
  return TARGETS.map((target) => {
    const actual = target.figure(find(results, target.operation), cdk8s);
    const met = target.kind === "below" ? actual < target.limit : actual >= target.limit;
    return { operation: target.operation, description: target.description, actual, limit: target.limit, met };
  });
}

/** Lays out rows as columns: the first left-aligned, the others right-aligned except the last. */
function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const last = widths.length - 1;
  return rows
    .map((row) => row.map((cell, column) => (column === 0 || column === last ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ").trimEnd())
    .join("\n");
}

/** The targets of one operation as a table cell, e.g. `wall < 3 s: ok, RSS < 500 MB: MISSED`. */
function targetCell(targets: readonly TargetResult[], operation: string): string {
  return targets
    .filter((target) => target.operation === operation)
    .map((target) => `${target.description}: ${target.met ? "ok" : "MISSED"}`)
    .join(", ");
}

/** The load average from which the machine counts as busy: one core's worth of other work. */
const BUSY_LOAD = 1;

/** A warning when other processes were busy as the benchmark started, which inflates wall times. */
function busyWarning(machine: MachineFacts): string[] {
  if (machine.loadAverage < BUSY_LOAD) return [];
  return [`warning: the machine was busy (load average ${machine.loadAverage} on ${machine.cpuCount} CPUs); wall times include waiting for the CPU`];
}

/** The results as a text report. */
export function formatText(results: BenchResults): string {
  const { machine, workload } = results;
  const targets = evaluateTargets(results);
  const cdk8s = find(results, OPERATION_IDS.cdk8s);
  const header = ["operation", "wall runs (s)", "median wall (s)", "median CPU (s)", "peak RSS (MB)", "cdk8s wall / this", "targets"];
  const rows = results.measurements.map((measurement) => [
    measurement.operation.label,
    measurement.wallSeconds.map((seconds) => seconds.toFixed(2)).join(" "),
    measurement.medianWallSeconds.toFixed(2),
    measurement.medianCpuSeconds.toFixed(2),
    rssMB(measurement).toFixed(0),
    `${cdk8sRatio(measurement, cdk8s).toFixed(2)}x`,
    targetCell(targets, measurement.operation.id) || "-",
  ]);
  const missed = targets.filter((target) => !target.met);
  const roundLine = (id: string, what: string): string[] => {
    const rounds = roundCdk8sRatios(find(results, id), cdk8s);
    return rounds === undefined ? [] : [`cdk8s wall / ${what}, round by round: ${rounds.map((ratio) => `${ratio.toFixed(2)}x`).join(" ")} (median ${median(rounds).toFixed(2)}x)`];
  };
  const snapshot = results.startupSnapshot;
  const lines = [
    `typed-gitops gen benchmark: ${workload.clusters} clusters x ${workload.appsPerCluster} apps x ${workload.objectsPerApp} objects = ${workload.objects} objects; cold gen and the references ${workload.comparedRuns} runs each, interleaved; the others ${workload.runsPerOperation}`,
    `machine: node ${machine.node}, ${machine.os}, ${machine.cpuCount} CPUs (${machine.cpuModel}), ${machine.totalMemoryMB} MB RAM, load average ${machine.loadAverage} at start`,
    `temp folder: ${machine.tempDir} (${machine.tempFilesystem}); set TMPDIR to measure on another filesystem`,
    `start-up snapshot: ${(snapshot.bytes / 1_000_000).toFixed(1)} MB, ${snapshot.buildSeconds === undefined ? "up to date" : `built in ${snapshot.buildSeconds.toFixed(1)} s before the runs`}; gen (cold) starts from it, gen (cold, from the sources) runs with TYPED_GITOPS_SNAPSHOT=off`,
    ...busyWarning(machine),
    "",
    formatTable([header, ...rows]),
    ...roundLine(OPERATION_IDS.genCold, "cold gen"),
    ...roundLine(OPERATION_IDS.genColdSources, "cold gen from the sources"),
    "",
    `targets: ${targets.length - missed.length} of ${targets.length} met`,
    ...missed.map((target) => `  MISSED  ${target.operation}: ${target.description} (actual ${target.actual.toFixed(2)})`),
  ];
  return `${lines.join("\n")}\n`;
}

/** Rounds to `digits` decimals, for stable JSON. */
function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The round-by-round cdk8s ratios of an interleaved operation, as JSON fields. */
function roundRatiosJson(measurement: Measurement, cdk8s: Measurement): { cdk8sWallRatioByRound?: { median: number; rounds: number[] } } {
  const rounds = roundCdk8sRatios(measurement, cdk8s);
  return rounds === undefined ? {} : { cdk8sWallRatioByRound: { median: round(median(rounds), 2), rounds: rounds.map((ratio) => round(ratio, 2)) } };
}

/** The results as JSON. */
export function formatJson(results: BenchResults): string {
  const cdk8s = find(results, OPERATION_IDS.cdk8s);
  const targets = evaluateTargets(results);
  return `${JSON.stringify(
    {
      machine: results.machine,
      workload: results.workload,
      startupSnapshot: results.startupSnapshot,
      operations: results.measurements.map((measurement) => ({
        id: measurement.operation.id,
        label: measurement.operation.label,
        wallSeconds: { median: round(measurement.medianWallSeconds, 3), runs: measurement.wallSeconds.map((seconds) => round(seconds, 3)) },
        cpuSeconds: { median: round(measurement.medianCpuSeconds, 3), runs: measurement.cpuSeconds.map((seconds) => round(seconds, 3)) },
        peakRssMB: round(rssMB(measurement), 1),
        cdk8sWallRatio: round(cdk8sRatio(measurement, cdk8s), 2),
        ...roundRatiosJson(measurement, cdk8s),
      })),
      targets: targets.map((target) => ({ ...target, actual: round(target.actual, 3) })),
      allTargetsMet: targets.every((target) => target.met),
    },
    null,
    2,
  )}\n`;
}
