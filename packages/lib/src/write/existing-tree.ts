/**
 * Reading what `generated/<cluster>/` holds now, and which of it the writer
 * owns according to the inventory it left there.
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The file, in every cluster tree, that lists the files the writer owns. */
export const INVENTORY_FILE = ".gen-inventory";

const INVENTORY_HEADER = "# Files written by typed-gitops gen; it prunes only these. DO NOT EDIT.\n";

/** A cluster tree as found on disk. */
export interface ExistingTree {
  /** Whether the cluster folder exists. */
  readonly exists: boolean;
  /** Regular files (the inventory excluded) and their contents, keyed by `/`-separated relative path. */
  readonly files: ReadonlyMap<string, string>;
  /** Entries that are not regular files or folders (symbolic links, sockets…), which the writer never touches. */
  readonly others: readonly string[];
  /** The paths the inventory lists as owned. */
  readonly owned: ReadonlySet<string>;
  /** The inventory file's text, or `undefined` when there is none. */
  readonly inventoryText: string | undefined;
}

/** Serializes an inventory of `paths` (sorted by the caller). */
export function inventoryText(paths: Iterable<string>): string {
  let out = INVENTORY_HEADER;
  for (const path of paths) out += `${path}\n`;
  return out;
}

function parseInventory(text: string): Set<string> {
  const owned = new Set<string>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    owned.add(line);
  }
  return owned;
}

/**
 * Reads a cluster tree: every regular file with its contents, and the
 * inventory. Symbolic links are listed but never followed.
 */
export function readExistingTree(dir: string): ExistingTree {
  const files = new Map<string, string>();
  const others: string[] = [];
  let inventory: string | undefined;
  let exists = true;
  const walk = (absolute: string, relative: string): void => {
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && relative === "") {
        exists = false;
        return;
      }
      throw error;
    }
    for (const entry of entries) {
      const childRelative = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const childAbsolute = join(absolute, entry.name);
      if (entry.isDirectory()) walk(childAbsolute, childRelative);
      else if (entry.isFile()) {
        if (childRelative === INVENTORY_FILE) inventory = readFileSync(childAbsolute, "utf8");
        else files.set(childRelative, readFileSync(childAbsolute, "utf8"));
      } else others.push(childRelative);
    }
  };
  if (exists) {
    try {
      if (!lstatSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: "ENOTDIR" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      exists = false;
    }
  }
  if (exists) walk(dir, "");
  return {
    exists,
    files,
    others: others.sort(),
    owned: inventory === undefined ? new Set() : parseInventory(inventory),
    inventoryText: inventory,
  };
}
