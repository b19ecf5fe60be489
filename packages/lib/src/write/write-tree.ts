/**
 * Writing a rendered cluster tree to `generated/<cluster>/`.
 */
import { linkSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { UserError } from "../errors/user-error.ts";
import { INVENTORY_FILE, readExistingTree, type ExistingTree } from "./existing-tree.ts";
import { hasChanges, planChanges, type TreeChanges } from "./plan-changes.ts";
import { discardStagedTree, recoverInterruptedSwap, swapFolders, swapInStagedTree } from "./swap.ts";

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
 * Whether `relative` is made of plain names joined by `/`: none empty, `.`
 * or `..`, and no `\\`, `:` or NUL anywhere. Such a path stays inside any
 * folder it is joined to, so it needs none of {@link containedPath}'s work.
 */
function isPlainRelative(relative: string): boolean {
  if (relative === "" || relative.includes("\\") || relative.includes(":") || relative.includes("\0")) return false;
  for (const name of relative.split("/")) if (name === "" || name === "." || name === "..") return false;
  return true;
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

/** What the writer needs of a rendered tree: its cluster and its files' text. */
export interface TreeFiles {
  /** The cluster, which is also its folder under `generated/`. */
  readonly cluster: string;
  /** File contents keyed by path relative to the cluster folder, `/`-separated. */
  readonly files: ReadonlyMap<string, string>;
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
  const stager = new TreeStager(generatedDir, tree.cluster);
  for (const [path, content] of tree.files) stager.add(path, content);
  return stager.finish();
}

/**
 * Stages a cluster tree file by file, as the files become known: each file
 * is written to the staging folder when it is added, so that writing can
 * start before the whole tree is rendered. Nothing is staged until the
 * first file that differs from the tree on disk; unchanged files are then
 * carried over as hard links. {@link TreeStager.finish} decides, once every
 * file is known, whether the staged tree can be swapped in.
 */
export class TreeStager {
  readonly #cluster: string;
  readonly #generatedDir: string;
  readonly #target: string;
  readonly #staging: string;
  readonly #existing: ExistingTree;
  readonly #files = new Map<string, string>();
  /** Every file added so far that is identical to the owned file on disk. */
  readonly #same = new Set<string>();
  /** Unchanged files added before anything was staged, to link once staging starts. */
  readonly #unchanged: string[] = [];
  readonly #madeFolders = new Set<string>();
  #staged = false;

  /** Reads the cluster's tree on disk, after putting back a tree an interrupted run left. */
  constructor(generatedDir: string, cluster: string) {
    recoverInterruptedSwap(generatedDir, cluster);
    const { target, staging } = swapFolders(generatedDir, cluster);
    this.#cluster = cluster;
    this.#generatedDir = generatedDir;
    this.#target = target;
    this.#staging = staging;
    this.#existing = readExistingTree(target);
  }

  /** The files added so far, in the order they were added. */
  get files(): ReadonlyMap<string, string> {
    return this.#files;
  }

  /**
   * Adds one file of the tree and stages it.
   *
   * @param path - relative to the cluster folder, `/`-separated.
   * @throws {Error} for a path added twice or one that leaves the staging folder.
   */
  add(path: string, content: string): void {
    if (this.#files.has(path)) throw new Error(`${path} is in the tree of ${this.#cluster} twice`);
    this.#files.set(path, content);
    const current = this.#existing.files.get(path);
    const unchanged = current !== undefined && this.#existing.owned.has(path) && current === content;
    if (unchanged) this.#same.add(path);
    if (!this.#staged) {
      if (unchanged) {
        this.#unchanged.push(path);
        return;
      }
      this.#startStaging();
    }
    this.#put(path, content, unchanged);
  }

  /**
   * Completes the staged tree with its inventory, or drops it when nothing
   * changed.
   *
   * @throws {UserError} when files that the writer does not own are in the
   *   tree; the staged files are dropped first.
   */
  finish(): WriteResult {
    // The default sort compares by code unit, as the rest of the tree does.
    const files = new Map([...this.#files.keys()].sort().map((path) => [path, this.#files.get(path)!]));
    // Each file was compared with the one on disk as it was added.
    const changes = planChanges(files, this.#existing, (path) => this.#same.has(path));
    if (changes.unowned.length > 0) {
      discardStagedTree(this.#generatedDir, this.#cluster);
      throw new UserError({
        where: `generated/${this.#cluster}`,
        what: `${changes.unowned.length} file(s) not written by gen (not in ${INVENTORY_FILE}): ${changes.unowned.slice(0, 10).join(", ")}${changes.unowned.length > 10 ? ", …" : ""}`,
        hint: `generated/${this.#cluster}/ is output only: move these files out of it (or delete them), then run gen again`,
      });
    }
    if (!hasChanges(changes)) return { cluster: this.#cluster, changes, wrote: false };
    if (!this.#staged) this.#startStaging();
    writeFileSync(join(this.#staging, INVENTORY_FILE), changes.inventory.text);
    return { cluster: this.#cluster, changes, wrote: true };
  }

  /** Creates the staging folder and links the unchanged files added so far into it. */
  #startStaging(): void {
    this.#staged = true;
    mkdirSync(this.#staging, { recursive: true });
    for (const path of this.#unchanged) this.#put(path, "", true);
    this.#unchanged.length = 0;
  }

  /** Writes one file to the staging folder, or links it from the tree on disk when unchanged. */
  #put(path: string, content: string, unchanged: boolean): void {
    // Rendered paths are plain; anything else takes the full check.
    const destination = isPlainRelative(path) ? `${this.#staging}${sep}${sep === "/" ? path : path.replaceAll("/", sep)}` : containedPath(this.#staging, path);
    const folder = dirname(destination);
    if (!this.#madeFolders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.#madeFolders.add(folder);
    }
    if (unchanged) linkSync(join(this.#target, path), destination);
    else writeFileSync(destination, content);
  }
}
