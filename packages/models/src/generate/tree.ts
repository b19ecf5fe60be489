/**
 * Comparing a freshly generated tree with the committed one, and swapping
 * the new one in.
 */
import { cp, readdir, readFile, rename, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** The files of a folder, as sorted `/`-separated paths relative to it; none when it does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/** How a committed tree differs from a fresh one. */
export interface TreeDiff {
  /** Files in both whose bytes differ. */
  readonly changed: readonly string[];
  /** Files of the fresh tree missing from the committed one. */
  readonly missing: readonly string[];
  /** Files of the committed tree the fresh one does not have. */
  readonly stale: readonly string[];
}

/** True when the trees are identical. */
export function isSame(diff: TreeDiff): boolean {
  return diff.changed.length === 0 && diff.missing.length === 0 && diff.stale.length === 0;
}

/** Compares `committed` with `fresh`, byte for byte. */
export async function compareTrees(fresh: string, committed: string): Promise<TreeDiff> {
  const freshFiles = await listFiles(fresh);
  const committedFiles = new Set(await listFiles(committed));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of freshFiles) {
    if (!committedFiles.has(file)) missing.push(file);
    else if (!(await readFile(join(fresh, file))).equals(await readFile(join(committed, file)))) changed.push(file);
    committedFiles.delete(file);
  }
  return { changed, missing, stale: [...committedFiles] };
}

/**
 * Replaces `target` with a copy of `source`: the copy is made beside the
 * target first, then swapped in with two renames, so the target is never
 * half-written.
 */
export async function replaceTree(source: string, target: string): Promise<void> {
  const staging = `${target}.staging`;
  const previous = `${target}.previous`;
  await rm(staging, { recursive: true, force: true });
  await rm(previous, { recursive: true, force: true });
  await cp(source, staging, { recursive: true });
  if (existsSync(target)) await rename(target, previous);
  await rename(staging, target);
  await rm(previous, { recursive: true, force: true });
}
