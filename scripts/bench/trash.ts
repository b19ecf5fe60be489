/**
 * Where the benchmarks put the output of a run before the next run of the
 * same operation: moved aside with one rename, not deleted. Deleting
 * thousands of files right before a measured run puts the file system's
 * deferred work for the deletion into that run: on an ext4 disk mounted
 * with `discard`, a cold `gen` measured right after deleting the previous
 * tree took 13–18 s, and 1.6–2.0 s after moving it aside. Everything moved
 * here is deleted once, after the last measurement, with the benchmark's
 * temporary folder.
 */
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";

/** A folder that collects the output of earlier runs. */
export class Trash {
  readonly #dir: string;
  #count = 0;

  /**
   * @param dir - the trash folder; it must be on the file system of every
   *   path moved into it (a rename does not cross file systems), so put it
   *   in the benchmark's temporary folder. It is created on first use.
   */
  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Moves `path` into the trash, when it exists, so that the next run starts without it. */
  discard(path: string): void {
    if (!existsSync(path)) return;
    mkdirSync(this.#dir, { recursive: true });
    renameSync(path, join(this.#dir, String(this.#count++)));
  }
}
