/**
 * Replacing a source file all at once: the new content is written beside
 * it and renamed over it, so a crash leaves the old file or the new one,
 * never half of one. Only encrypted content goes through these files.
 */
import { copyFileSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { UserError } from "../errors/user-error.ts";

/** A fresh scratch path beside `file`, hidden and unique. */
function scratchBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
}

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * Fail instead of replacing an existing file.
   * @default false
   */
  readonly exclusive?: boolean;
  /**
   * How the file is named in messages.
   * @default the path as given
   */
  readonly where?: string;
}

/**
 * Writes `content` to `file` atomically, creating its folder.
 *
 * @throws {UserError} with `exclusive` when the file exists.
 */
export function writeFileAtomic(file: string, content: string, options: WriteFileAtomicOptions = {}): void {
  mkdirSync(dirname(file), { recursive: true });
  const scratch = scratchBeside(file);
  try {
    writeFileSync(scratch, content, { flag: "wx" });
    if (options.exclusive === true) {
      try {
        linkSync(scratch, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") {
          throw new UserError({ where: options.where ?? file, what: "was created by someone else in the meantime; nothing was written" });
        }
        throw error;
      }
    } else {
      renameSync(scratch, file);
    }
  } finally {
    rmSync(scratch, { force: true });
  }
}

/**
 * Changes a file through a copy: `change` edits the copy in place (with a
 * tool that writes its file directly, such as `sops set` or `kubeseal
 * --merge-into`), then the copy replaces the file. When `change` throws,
 * the file is left as it was.
 *
 * @param change - receives the copy's path.
 */
export async function changeThroughCopy(file: string, change: (copy: string) => Promise<void>): Promise<void> {
  const scratch = scratchBeside(file);
  try {
    copyFileSync(file, scratch);
    await change(scratch);
    renameSync(scratch, file);
  } finally {
    rmSync(scratch, { force: true });
  }
}
