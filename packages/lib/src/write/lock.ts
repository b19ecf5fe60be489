/**
 * A lock on `generated/`, so two `gen` runs never write at once.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors/user-error.ts";

/** The lock file's name inside `generated/`. */
export const LOCK_FILE = ".gen.lock";

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /**
   * How long to wait for another run to finish, in milliseconds.
   * @default 60000
   */
  readonly waitMs?: number;
  /** Called once when the lock is held by another live process and we start waiting. */
  readonly onWait?: (holderPid: number) => void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the lock of `generatedDir`, waiting while another live process
 * holds it and taking over a lock left by a process that died.
 *
 * @returns a function that releases the lock; it is also released when the
 *   process exits.
 * @throws {UserError} when another run still holds the lock after `waitMs`.
 */
export function acquireLock(generatedDir: string, options: LockOptions = {}): () => void {
  mkdirSync(generatedDir, { recursive: true });
  const path = join(generatedDir, LOCK_FILE);
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number.parseInt(readFileSync(path, "utf8"), 10);
    } catch {
      continue; // released between our open and read: try again
    }
    if (!Number.isInteger(holder) || !isAlive(holder)) {
      try {
        unlinkSync(path); // left by a run that died
      } catch {
        // another run took it over first
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new UserError({
        where: path,
        what: `another gen (pid ${holder}) is still writing generated/`,
        hint: `wait for it to finish; if no gen is running, delete ${path}`,
      });
    }
    if (!announced) {
      options.onWait?.(holder);
      announced = true;
    }
    sleep(50);
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    try {
      if (Number.parseInt(readFileSync(path, "utf8"), 10) === process.pid) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return release;
}
