/**
 * Running `gen` from the start-up snapshot: the command line becomes
 * `node --snapshot-blob <file> <args>`. Where Node can replace the running
 * program (`process.execve`, on Linux and macOS), it does so: the same
 * process, standard streams and signals, nothing left waiting. Elsewhere it
 * starts that command as a child with the same standard streams, passes
 * signals on and exits as the child does.
 */
import { spawn } from "node:child_process";
import module from "node:module";

/** The signals passed on to the child, when there is one. */
const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Whether the command `argv` (the arguments after the program name) runs from the snapshot: `gen`, except `gen --watch`. */
export function runsFromSnapshot(argv: readonly string[]): boolean {
  return argv[0] === "gen" && !argv.includes("--watch") && !argv.includes("--help") && !argv.includes("-h");
}

/**
 * Runs `argv` in Node started from the snapshot at `snapshot`: replaces
 * this program when Node can (and then never returns), otherwise runs it
 * as a child and returns its exit code; a signal that ends the child is
 * passed on to this process.
 */
export function startFromSnapshot(snapshot: string, argv: readonly string[]): Promise<number> {
  const args = ["--snapshot-blob", snapshot, ...argv];
  if (typeof process.execve === "function") {
    // What this process compiled would be lost with it: the next run starts sooner with it cached.
    module.flushCompileCache?.();
    process.execve(process.execPath, [process.execPath, ...args], process.env);
  }
  const child = spawn(process.execPath, args, { stdio: "inherit" });
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
