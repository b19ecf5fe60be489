/**
 * Running a command in a process started from the start-up snapshot: the
 * command line re-runs itself as `node --snapshot-blob <file> <args>`, with
 * the same standard streams, and exits as that process does.
 */
import { spawn } from "node:child_process";

/** The signals passed on to the process started from the snapshot. */
const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Whether the command `argv` (the arguments after the program name) runs from the snapshot: `gen`, except `gen --watch`. */
export function runsFromSnapshot(argv: readonly string[]): boolean {
  return argv[0] === "gen" && !argv.includes("--watch") && !argv.includes("--help") && !argv.includes("-h");
}

/**
 * Runs `argv` in a Node process started from the snapshot at `snapshot`
 * and returns its exit code; a signal that ends it is passed on to this
 * process.
 */
export function startFromSnapshot(snapshot: string, argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, ["--snapshot-blob", snapshot, ...argv], { stdio: "inherit" });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      for (const forwarded of FORWARDED_SIGNALS) process.off(forwarded, forward);
      if (signal !== null) {
        process.kill(process.pid, signal);
        return;
      }
      resolve(code ?? 1);
    });
  });
}
