/**
 * Writing a rendered cluster tree to `generated/<cluster>/`.
 */
import { linkSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { UserError } from "../errors/user-error.ts";
import { INVENTORY_FILE, readExistingTree } from "./existing-tree.ts";
import { hasChanges, planChanges, type FileContent, type TreeChanges } from "./plan-changes.ts";
import { recoverInterruptedSwap, swapFolders, swapInStagedTree } from "./swap.ts";

/** What {@link writeTree} did. */
export interface WriteResult {
  /** The cluster. */
  readonly cluster: string;
  /** The changes it applied. */
  readonly changes: TreeChanges;
  /** Whether anything was written; `false` leaves every file and mtime as it was. */
  readonly wrote: boolean;
}

/**
 * Resolves `relative` inside `root`, refusing any path that would leave it.
 * Rendered paths are already made of checked names; this is the last guard.
 */
export function containedPath(root: string, relative: string): string {
  const base = resolve(root);
  const full = resolve(base, relative);
  if (full === base || !full.startsWith(base + sep)) {
    throw new Error(`refusing to write ${JSON.stringify(relative)}: it is outside ${base}`);
  }
  return full;
}

/**
 * Writes `tree` to `generatedDir/<cluster>/`. Files the writer does not own
 * stop it before anything is written; owned files that are no longer
 * rendered are removed; when nothing changed nothing is written. Unchanged
 * files are carried into the new tree as hard links, so their mtimes stay.
 *
 * The caller holds the lock of `generatedDir` (see `lock.ts`).
 *
 * @throws {UserError} when files that the writer does not own are in the tree.
 */
export function writeTree(generatedDir: string, tree: TreeFiles): WriteResult {
  const result = stageTree(generatedDir, tree);
  if (result.wrote) swapInStagedTree(generatedDir, tree.cluster);
  return result;
}

/** What the writer needs of a rendered tree: its cluster and its files, as text or UTF-8 bytes. */
export interface TreeFiles {
  /** The cluster, which is also its folder under `generated/`. */
  readonly cluster: string;
  /** File contents keyed by path relative to the cluster folder, `/`-separated. */
  readonly files: ReadonlyMap<string, FileContent>;
}

/**
 * The first half of {@link writeTree}: builds the new tree in the cluster's
 * staging folder (see `swap.ts`) and stops there. `wrote: true` means a
 * staged tree waits to be swapped in with `swapInStagedTree`, or dropped
 * with `discardStagedTree`; `wrote: false` means nothing changed and
 * nothing was staged.
 *
 * The caller holds the lock of `generatedDir` until the staged tree is
 * swapped in or dropped.
 *
 * @throws {UserError} when files that the writer does not own are in the tree.
 */
export function stageTree(generatedDir: string, tree: TreeFiles): WriteResult {
  recoverInterruptedSwap(generatedDir, tree.cluster);
  const { target, staging } = swapFolders(generatedDir, tree.cluster);
  const existing = readExistingTree(target);
  const changes = planChanges(tree.files, existing);
  if (changes.unowned.length > 0) {
    throw new UserError({
      where: `generated/${tree.cluster}`,
      what: `${changes.unowned.length} file(s) not written by gen (not in ${INVENTORY_FILE}): ${changes.unowned.slice(0, 10).join(", ")}${changes.unowned.length > 10 ? ", …" : ""}`,
      hint: `generated/${tree.cluster}/ is output only: move these files out of it (or delete them), then run gen again`,
    });
  }
  if (!hasChanges(changes)) return { cluster: tree.cluster, changes, wrote: false };

  const reuse = new Set(changes.unchanged);
  const madeFolders = new Set<string>();
  mkdirSync(staging, { recursive: true });
  for (const [path, content] of tree.files) {
    const destination = containedPath(staging, path);
    const folder = dirname(destination);
    if (!madeFolders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      madeFolders.add(folder);
    }
    if (reuse.has(path)) linkSync(join(target, path), destination);
    else writeFileSync(destination, content);
  }
  writeFileSync(join(staging, INVENTORY_FILE), changes.inventory.text);
  return { cluster: tree.cluster, changes, wrote: true };
}
