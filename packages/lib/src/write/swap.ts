/**
 * Replacing a cluster tree as a whole. The new tree is built beside the old
 * one in `.<cluster>.staging`, then swapped in with two renames:
 * `<cluster>` → `.<cluster>.previous`, `.<cluster>.staging` → `<cluster>`.
 * A process killed at any point leaves the complete old tree or the
 * complete new tree; killed between the two renames, it leaves the old tree
 * in `.<cluster>.previous`, which {@link recoverInterruptedSwap} (run at the
 * start of every `gen`) puts back.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

/** The sibling folders a swap uses for `cluster`. */
export function swapFolders(generatedDir: string, cluster: string): { target: string; staging: string; previous: string } {
  return {
    target: join(generatedDir, cluster),
    staging: join(generatedDir, `.${cluster}.staging`),
    previous: join(generatedDir, `.${cluster}.previous`),
  };
}

/**
 * Brings a cluster folder back to a complete tree after an interrupted run:
 * restores the old tree if the swap stopped between its renames, and
 * removes leftover staging and previous folders.
 *
 * @returns what it did, for the log: `"restored"`, `"cleaned"` or `"none"`.
 */
export function recoverInterruptedSwap(generatedDir: string, cluster: string): "restored" | "cleaned" | "none" {
  const { target, staging, previous } = swapFolders(generatedDir, cluster);
  let outcome: "restored" | "cleaned" | "none" = "none";
  if (existsSync(previous)) {
    if (existsSync(target)) {
      rmSync(previous, { recursive: true, force: true });
      outcome = "cleaned";
    } else {
      renameSync(previous, target);
      outcome = "restored";
    }
  }
  if (existsSync(staging)) {
    rmSync(staging, { recursive: true, force: true });
    if (outcome === "none") outcome = "cleaned";
  }
  return outcome;
}

/**
 * Swaps the staged tree in place of the cluster folder and removes the old
 * tree.
 */
export function swapInStagedTree(generatedDir: string, cluster: string): void {
  const { target, staging, previous } = swapFolders(generatedDir, cluster);
  if (existsSync(target)) {
    renameSync(target, previous);
    renameSync(staging, target);
    rmSync(previous, { recursive: true, force: true });
  } else {
    renameSync(staging, target);
  }
}

/** Drops the staged tree of `cluster`, leaving the cluster folder as it was. */
export function discardStagedTree(generatedDir: string, cluster: string): void {
  rmSync(swapFolders(generatedDir, cluster).staging, { recursive: true, force: true });
}
