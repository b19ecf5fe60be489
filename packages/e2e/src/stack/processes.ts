/**
 * Child processes that never outlive the test.
 *
 * Each program starts in its own process group, with its output in a log
 * file. Stopping sends SIGTERM to the whole group, then SIGKILL to whatever
 * is left after a grace period. Every live group is also recorded in memory,
 * and handlers for exit, SIGINT, SIGTERM and SIGHUP kill the groups still
 * running; and each run writes its groups to a file, so that a run killed
 * with SIGKILL (which no handler sees) is cleaned up by the next run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A program started in its own process group. */
export interface ManagedProcess {
  /** A short name, used in messages. */
  readonly name: string;
  /** The process id, also the process group id. */
  readonly pid: number;
  /** The file its stdout and stderr go to. */
  readonly logFile: string;
  /** Resolves with the exit code (or signal) once it has exited. */
  readonly exited: Promise<string>;
  /** Whether it has exited. */
  hasExited(): boolean;
}

const live = new Map<number, { name: string; child: ChildProcess; registry: string | undefined }>();
const registries = new Set<string>();
let handlersInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const killAll = (): void => {
    for (const pgid of live.keys()) killGroup(pgid, "SIGKILL");
    live.clear();
    for (const registry of registries) rmSync(join(registry, String(process.pid)), { force: true });
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

function recordGroups(registry: string | undefined): void {
  if (registry === undefined) return;
  const mine = [...live.entries()].filter(([, entry]) => entry.registry === registry).map(([pgid, entry]) => `${pgid} ${entry.name}`);
  writeFileSync(join(registry, String(process.pid)), mine.length === 0 ? "" : `${mine.join("\n")}\n`);
}

/** Options of {@link startProcess}. */
export interface StartProcessOptions {
  /** A short name, used in messages. */
  readonly name: string;
  /** The program. */
  readonly command: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** The file its output goes to. */
  readonly logFile: string;
  /** Its working directory. */
  readonly cwd: string;
  /** Its whole environment (nothing is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * A folder where the run records its process groups, for
   * {@link reapOrphans}.
   * @default none
   */
  readonly registry?: string;
}

/** Starts a program in its own process group, its output going to a log file. */
export function startProcess(options: StartProcessOptions): ManagedProcess {
  installHandlers();
  const out = openSync(options.logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", out, out] });
  } finally {
    closeSync(out);
  }
  if (child.pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
  const pid = child.pid;
  let done = false;
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      done = true;
      live.delete(pid);
      recordGroups(options.registry);
      // the program is gone, but children it started may remain in its group
      killGroup(pid, "SIGKILL");
      resolve(signal ?? String(code));
    });
    child.once("error", (error) => {
      done = true;
      live.delete(pid);
      resolve(`error: ${error.message}`);
    });
  });
  live.set(pid, { name: options.name, child, registry: options.registry });
  if (options.registry !== undefined) {
    registries.add(options.registry);
    mkdirSync(options.registry, { recursive: true });
    recordGroups(options.registry);
  }
  return { name: options.name, pid, logFile: options.logFile, exited, hasExited: () => done };
}

/**
 * Stops a program and its process group: SIGTERM, then SIGKILL after
 * `graceMs`. Resolves once the program has exited.
 */
export async function stopProcess(managed: ManagedProcess, graceMs = 10_000): Promise<void> {
  if (managed.hasExited()) return;
  killGroup(managed.pid, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), graceMs);
  });
  const outcome = await Promise.race([managed.exited, grace]);
  clearTimeout(timer);
  if (outcome === "timeout") {
    killGroup(managed.pid, "SIGKILL");
    await managed.exited;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Kills the process groups recorded by earlier runs whose test process is
 * gone (killed without a chance to clean up). A group is killed only while
 * its leader still runs one of `commands`, so a reused process id is never
 * touched. Returns what was killed.
 */
export function reapOrphans(registry: string, commands: readonly string[]): string[] {
  if (!existsSync(registry)) return [];
  const killed: string[] = [];
  for (const owner of readdirSync(registry)) {
    const ownerPid = Number(owner);
    if (!Number.isInteger(ownerPid) || (ownerPid !== process.pid && isAlive(ownerPid))) continue;
    if (ownerPid === process.pid) continue;
    for (const line of readFileSync(join(registry, owner), "utf8").split("\n")) {
      const [pgid, name] = line.split(" ");
      if (pgid === undefined || name === undefined || pgid === "") continue;
      let commandLine = "";
      try {
        commandLine = readFileSync(`/proc/${pgid}/cmdline`, "utf8").split("\0")[0] ?? "";
      } catch {
        continue; // gone
      }
      if (commands.includes(commandLine)) {
        killGroup(Number(pgid), "SIGKILL");
        killed.push(`${name} (pid ${pgid})`);
      }
    }
    rmSync(join(registry, owner), { force: true });
  }
  return killed;
}

/** The last `lines` lines of a log file, for error messages. */
export function logTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
