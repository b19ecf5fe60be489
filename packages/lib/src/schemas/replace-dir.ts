/**
 * Writing a schema folder as a whole: it is built in a staging folder
 * beside the target and renamed into place, so readers see the old folder
 * or the new one, never a half-written one. A stamp file marks the folders
 * this code owns; any other non-empty folder is never replaced.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserError } from "../errors/user-error.ts";

/** The stamp file at the top of every schema folder written by {@link replaceDirectory}. */
export const STAMP_FILE = "schema-store.json";

/**
 * Reads a schema folder's stamp.
 *
 * @returns the parsed stamp, or `undefined` when the folder or its stamp is missing or unreadable.
 */
export function readStamp(dir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, STAMP_FILE), "utf8"));
  } catch {
    return undefined;
  }
}

function isReplaceable(dir: string): boolean {
  if (!existsSync(dir)) return true;
  return readdirSync(dir).length === 0 || existsSync(join(dir, STAMP_FILE));
}

/**
 * Builds a folder in `.<name>.staging-*` beside `target`, writes `stamp`
 * into it, and renames it into place; the previous folder, if any, is
 * removed afterwards. When another process renames its own folder into
 * place first, that folder is kept.
 *
 * @param build - writes the content into the staging folder.
 * @throws {UserError} when `target` is a non-empty folder without a stamp
 *   (not written by this code), which is never touched.
 */
export async function replaceDirectory(target: string, stamp: unknown, build: (staging: string) => void | Promise<void>): Promise<void> {
  if (!isReplaceable(target)) {
    throw new UserError({
      where: target,
      what: `not a schema folder (no ${STAMP_FILE}) and not empty; refusing to replace it`,
      hint: "choose another output folder, or empty this one",
    });
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.staging-`));
  try {
    await build(staging);
    writeFileSync(join(staging, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
    if (existsSync(target)) {
      const previous = `${staging.replace(".staging-", ".previous-")}`;
      renameSync(target, previous);
      renameSync(staging, target);
      rmSync(previous, { recursive: true, force: true });
    } else {
      try {
        renameSync(staging, target);
      } catch (error) {
        // Another process renamed its folder into place first; keep that one.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
