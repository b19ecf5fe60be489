/**
 * A private temporary folder for plaintext that must exist as a file for a
 * moment (for an editor): mode 0700, in memory-backed `/dev/shm` when the
 * machine has it, and removed with everything in it however the work ends.
 */
import { accessSync, constants, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withCleanup } from "./cleanup-on-signal.ts";

/** Where private temporary folders go by default: `/dev/shm` when it is a writable folder, else the OS temp folder. */
export function defaultTempParent(): string {
  try {
    if (statSync("/dev/shm").isDirectory()) {
      accessSync("/dev/shm", constants.W_OK);
      return "/dev/shm";
    }
  } catch {
    // no /dev/shm here
  }
  return tmpdir();
}

/** Options of {@link withPrivateTempDir}. */
export interface PrivateTempDirOptions {
  /**
   * The folder the private folder is made in.
   * @default {@link defaultTempParent}
   */
  readonly parent?: string;
  /**
   * The start of the folder's name.
   * @default "typed-gitops-"
   */
  readonly prefix?: string;
}

/**
 * Makes a private folder (mode 0700), runs `body` with its path, and
 * removes it recursively when `body` settles or a signal ends the process.
 */
export async function withPrivateTempDir<T>(body: (dir: string) => Promise<T>, options: PrivateTempDirOptions = {}): Promise<T> {
  const dir = mkdtempSync(join(options.parent ?? defaultTempParent(), options.prefix ?? "typed-gitops-"));
  return withCleanup(() => rmSync(dir, { recursive: true, force: true }), () => body(dir));
}
