/**
 * The render cache: lets `gen` and `gen --check` answer "unchanged" without
 * loading and rendering the definitions, when nothing they could read has
 * changed since a render that matched `generated/`.
 *
 * The key is conservative: a digest of every file of the project outside
 * `generated/`, `.git/`, `node_modules/` and the tool and secret folders
 * (so the definitions, the lockfile and every data file are in it), of
 * every workspace package it links to (the library and the catalog, also
 * for a project nested in their workspace) and of the workspace's
 * lockfile, plus the Node version and the command's options. A
 * change anywhere misses the cache. What it cannot see is the environment:
 * definitions must not read environment variables or files outside the
 * project, which deterministic output forbids anyway. `--no-cache` skips it.
 *
 * On a hit, the committed tree is still read and compared with the digests
 * of the last render, so hand edits, stray files and deleted files are
 * always caught (and then rendered the full way).
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { INVENTORY_FILE } from "../write/existing-tree.ts";
import { folderMatches, type TreeFingerprint } from "../write/tree-fingerprint.ts";
import { sharedRoot } from "./workspace-root.ts";

/** The workspace's lockfile, which pins every installed package. */
const LOCKFILE = "pnpm-lock.yaml";

/** The cache file, relative to the project root (gitignored with `.tools/`). */
export const RENDER_CACHE_FILE = ".tools/cache/gen.json";

/** Folders (at any depth) that are not inputs of a render. */
const SKIPPED = new Set([".git", "node_modules", "generated", ".tools", ".secrets", ".turbo"]);

interface CacheFile {
  /** The format of the file: a cache of another format is a miss. */
  readonly format: typeof CACHE_FORMAT;
  readonly key: string;
  readonly clusters: Readonly<Record<string, TreeFingerprint>>;
}

/** The current format of the cache file. */
const CACHE_FORMAT = 2;

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Lists the project's input files, sorted, skipping output, dependency and tool folders. */
function inputFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, relative: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(root, "");
  return files.sort();
}

/**
 * The workspace packages a folder's `node_modules` links to (such as the
 * library itself when the project is nested in its workspace), found
 * through their links' real paths, and theirs in turn. Installed
 * third-party packages (real paths inside a `node_modules`) are left to the
 * lockfile.
 */
function linkedPackages(dir: string, found: Map<string, string>): void {
  const modules = join(dir, "node_modules");
  if (!existsSync(modules)) return;
  const entries: string[] = [];
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (entry.name.startsWith("@") && entry.isDirectory()) {
      for (const scoped of readdirSync(join(modules, entry.name))) entries.push(join(modules, entry.name, scoped));
    } else if (!entry.name.startsWith(".")) entries.push(join(modules, entry.name));
  }
  for (const link of entries.sort()) {
    if (!lstatSync(link).isSymbolicLink()) continue;
    const target = realpathSync(link);
    if (target.split(sep).includes("node_modules") || found.has(target)) continue;
    found.set(target, relative(dir, link));
    linkedPackages(target, found);
  }
}

/**
 * The cache key of a run: the project's input files, those of the
 * workspace packages it links to and the workspace's lockfile (for a
 * project nested in a workspace), the Node version and the options that
 * change what is rendered.
 *
 * @param options - e.g. `{ clusters: ["production"], validate: true }`.
 */
export function renderCacheKey(root: string, options: Readonly<Record<string, unknown>>): string {
  const hash = createHash("sha256");
  hash.update(`node ${process.version}\n${JSON.stringify(options)}\n`);
  for (const path of inputFiles(root)) hash.update(`${path}\0${sha256(readFileSync(join(root, path)))}\n`);
  const projectDir = realpathSync(root);
  const packages = new Map<string, string>();
  linkedPackages(root, packages);
  for (const [dir, name] of [...packages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (dir === projectDir || dir.startsWith(`${projectDir}${sep}`)) continue; // already hashed as project files
    for (const path of inputFiles(dir)) hash.update(`${name}/${path}\0${sha256(readFileSync(join(dir, path)))}\n`);
  }
  const lockRoot = sharedRoot(root, LOCKFILE);
  if (realpathSync(lockRoot) !== projectDir && existsSync(join(lockRoot, LOCKFILE))) hash.update(`${LOCKFILE}\0${sha256(readFileSync(join(lockRoot, LOCKFILE)))}\n`);
  return hash.digest("hex");
}

function readCache(root: string): CacheFile | undefined {
  try {
    return JSON.parse(readFileSync(join(root, RENDER_CACHE_FILE), "utf8")) as CacheFile;
  } catch {
    return undefined;
  }
}

/**
 * Looks the run up in the cache. A hit means: the inputs are those of a
 * render that matched `generated/`, and `generated/<cluster>/` still holds
 * exactly that render, for every cluster.
 *
 * @param clusters - the clusters of the run, by name.
 * @returns the file count of each cluster on a hit, `undefined` on a miss.
 */
export function lookupRenderCache(
  root: string,
  key: string,
  clusters: readonly string[],
  options: { readonly everyCluster: boolean },
): Map<string, number> | undefined {
  const cache = readCache(root);
  if (cache === undefined || cache.format !== CACHE_FORMAT || cache.key !== key) return undefined;
  if (options.everyCluster) {
    // A tree of a cluster that no longer exists must be reported (or removed): the full run does that.
    const generated = join(root, "generated");
    const trees = existsSync(generated)
      ? readdirSync(generated, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && existsSync(join(generated, entry.name, INVENTORY_FILE)))
      : [];
    if (trees.some((entry) => !clusters.includes(entry.name))) return undefined;
  }
  const counts = new Map<string, number>();
  for (const cluster of clusters) {
    const cached = cache.clusters[cluster];
    if (cached === undefined || !folderMatches(join(root, "generated", cluster), cached)) return undefined;
    counts.set(cluster, cached.count);
  }
  return counts;
}

/**
 * Remembers a render that matches `generated/` (after a successful `gen`,
 * or a `gen --check` that found no drift).
 *
 * @param trees - each cluster's fingerprint (see `fingerprintTree`).
 */
export function storeRenderCache(root: string, key: string, trees: readonly { readonly cluster: string; readonly fingerprint: TreeFingerprint }[]): void {
  const clusters: Record<string, TreeFingerprint> = {};
  for (const tree of trees) clusters[tree.cluster] = tree.fingerprint;
  const file = join(root, RENDER_CACHE_FILE);
  mkdirSync(join(file, ".."), { recursive: true });
  const staging = `${file}.${process.pid}.tmp`;
  writeFileSync(staging, JSON.stringify({ format: CACHE_FORMAT, key, clusters } satisfies CacheFile));
  renameSync(staging, file);
}
