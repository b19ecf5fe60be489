/**
 * The drift check: does `generated/<cluster>/` hold exactly what the
 * definitions render?
 */
import { lazyModel } from "../resource/lazy-model.ts";
import type { RenderedTree } from "../render/render-cluster.ts";
import { inventoryText, readExistingTree } from "./existing-tree.ts";
import { swapFolders } from "./swap.ts";

/** The `diff` package, loaded on first use. */
const diffPackage = lazyModel<typeof import("diff")>(import.meta.resolve("diff"));

/** One file whose contents differ from what is rendered. */
export interface ChangedFile {
  /** The path relative to the cluster folder. */
  readonly path: string;
  /** A unified diff from the file on disk (`a/`) to the rendered file (`b/`). */
  readonly diff: string;
}

/** The drift of one cluster tree, each list in code-unit order. */
export interface DriftReport {
  /** The cluster. */
  readonly cluster: string;
  /** Rendered files that are not on disk. */
  readonly missing: readonly string[];
  /** Files on disk that are not rendered (hand-added, or left from an older render). */
  readonly stale: readonly string[];
  /** Files whose contents differ. */
  readonly changed: readonly ChangedFile[];
  /** Whether the inventory differs from the rendered file list. */
  readonly inventoryChanged: boolean;
}

/** Whether a report shows any drift. */
export function hasDrift(report: DriftReport): boolean {
  return report.missing.length + report.stale.length + report.changed.length > 0 || report.inventoryChanged;
}

/**
 * Compares a rendered tree with `generatedDir/<cluster>/` without writing.
 * Ownership does not matter here: any file that is not rendered is stale.
 */
export function checkTree(generatedDir: string, tree: RenderedTree): DriftReport {
  const { target } = swapFolders(generatedDir, tree.cluster);
  const existing = readExistingTree(target);
  const prefix = `generated/${tree.cluster}/`;
  const missing: string[] = [];
  const changed: ChangedFile[] = [];
  for (const [path, rendered] of tree.files) {
    const onDisk = existing.files.get(path);
    if (onDisk === undefined) missing.push(path);
    else if (onDisk !== rendered) {
      changed.push({ path, diff: diffPackage().createTwoFilesPatch(`a/${prefix}${path}`, `b/${prefix}${path}`, onDisk, rendered, "", "", { context: 3 }) });
    }
  }
  const stale = [...existing.files.keys(), ...existing.others].filter((path) => !tree.files.has(path));
  return {
    cluster: tree.cluster,
    missing,
    stale: stale.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    changed,
    inventoryChanged: existing.inventoryText !== inventoryText(tree.files.keys()),
  };
}
