/**
 * The fingerprint of a cluster tree: its file count and one digest of every
 * file, path and content. Whoever writes a tree can take it from the
 * rendered files; comparing it with a folder on disk tells, without
 * rendering, whether the folder still holds exactly that tree (hand edits,
 * stray files and deleted files all change it).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { INVENTORY_FILE } from "./existing-tree.ts";

/** What identifies a tree's files; JSON-serializable. */
export interface TreeFingerprint {
  /** How many files the tree has (the inventory not counted). */
  readonly count: number;
  /** sha256 over every file's path and content, in code-unit order of the paths. */
  readonly files: string;
  /** sha256 of the inventory file. */
  readonly inventory: string;
}

/** A file's content: rendered text, or the bytes read from disk. */
type FileContent = string | Uint8Array;

function sha256(data: FileContent): string {
  return createHash("sha256").update(data).digest("hex");
}

/** One digest over the files at `paths`, in the order given, each content read by `contentOf` when its turn comes. */
function digestOf(paths: readonly string[], contentOf: (path: string) => FileContent): string {
  const hash = createHash("sha256");
  for (const path of paths) {
    hash.update(path);
    hash.update("\0");
    hash.update(contentOf(path));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * The fingerprint of rendered files.
 *
 * @param files - contents keyed by path relative to the cluster folder, any order.
 * @param inventory - the text of the tree's inventory file.
 */
export function fingerprintTree(files: ReadonlyMap<string, string>, inventory: string): TreeFingerprint {
  const paths = [...files.keys()].sort();
  return { count: paths.length, files: digestOf(paths, (path) => files.get(path)!), inventory: sha256(inventory) };
}

/** Whether the folder `dir` holds exactly the files of `fingerprint`, and nothing else but regular files and folders. */
export function folderMatches(dir: string, fingerprint: TreeFingerprint): boolean {
  if (!existsSync(dir)) return false;
  const paths: string[] = [];
  let inventory = false;
  const walk = (folder: string, relative: string): boolean => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!walk(join(folder, entry.name), path)) return false;
      } else if (!entry.isFile()) {
        return false;
      } else if (path === INVENTORY_FILE) {
        inventory = true;
      } else {
        paths.push(path);
      }
    }
    return true;
  };
  if (!walk(dir, "") || !inventory || paths.length !== fingerprint.count) return false;
  if (sha256(readFileSync(join(dir, INVENTORY_FILE))) !== fingerprint.inventory) return false;
  paths.sort();
  return digestOf(paths, (path) => readFileSync(join(dir, path))) === fingerprint.files;
}
