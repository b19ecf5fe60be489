/**
 * What writing a rendered tree over an existing one would change.
 */
import { inventoryText, type ExistingTree } from "./existing-tree.ts";

/** The changes from the existing tree to the rendered one, each list in code-unit order. */
export interface TreeChanges {
  /** Files to create. */
  readonly added: readonly string[];
  /** Files whose contents differ. */
  readonly changed: readonly string[];
  /** Owned files that the rendered tree no longer has. */
  readonly removed: readonly string[];
  /** Files already identical. */
  readonly unchanged: readonly string[];
  /** Files or links the writer does not own (not in the inventory) that are in its way. */
  readonly unowned: readonly string[];
  /** The inventory to write, and whether it differs from the one on disk. */
  readonly inventory: { readonly text: string; readonly changed: boolean };
}

/** Whether applying `changes` writes anything at all. */
export function hasChanges(changes: TreeChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0 || changes.inventory.changed;
}

/**
 * Compares the rendered files with the existing tree.
 *
 * @param desired - the rendered files, keyed by relative path in code-unit order.
 * @param isUnchanged - whether the owned file at `path`, read as `current`,
 *   already holds `content`; a caller that compared them already answers
 *   from what it found. By default the two are compared here.
 */
export function planChanges(
  desired: ReadonlyMap<string, string>,
  existing: ExistingTree,
  isUnchanged: (path: string, current: string, content: string) => boolean = (_path, current, content) => current === content,
): TreeChanges {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  const unchanged: string[] = [];
  const unowned: string[] = [...existing.others];
  for (const [path, content] of desired) {
    const current = existing.files.get(path);
    if (current === undefined) added.push(path);
    else if (!existing.owned.has(path)) unowned.push(path);
    else if (isUnchanged(path, current, content)) unchanged.push(path);
    else changed.push(path);
  }
  for (const path of existing.files.keys()) {
    if (desired.has(path)) continue;
    if (existing.owned.has(path)) removed.push(path);
    else unowned.push(path);
  }
  const text = inventoryText(desired.keys());
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    added,
    changed,
    removed: removed.sort(byCodeUnits),
    unchanged,
    unowned: unowned.sort(byCodeUnits),
    inventory: { text, changed: existing.inventoryText !== text },
  };
}
