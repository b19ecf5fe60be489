/**
 * Finding shared project files upward: a project nested in a workspace
 * (such as the examples of this repository, each with its own clusters and
 * generated tree) uses the workspace's pinned tools and schema sources
 * when it has none of its own.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The first of `root` and its ancestors for which `holds(dir)` is true, or
 * `undefined` when none is.
 */
export function findUpward(root: string, holds: (dir: string) => boolean): string | undefined {
  let dir = resolve(root);
  for (;;) {
    if (holds(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The folder whose `relativePath` a project uses: `root` itself when the
 * file exists there, else the nearest ancestor that has it, else `root`
 * (so errors name the project's own path).
 */
export function sharedRoot(root: string, relativePath: string): string {
  return findUpward(root, (dir) => existsSync(join(dir, relativePath))) ?? root;
}
