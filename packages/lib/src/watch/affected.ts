/**
 * Which clusters a change affects: the files each cluster definition
 * reaches through relative imports and `new URL("…", import.meta.url)`
 * references (data files such as `images.yaml` and secret sources). A
 * change under a workspace package's sources (the library) affects every
 * cluster; a file no cluster reaches affects none.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import type { ClusterSource } from "../cluster/load-clusters.ts";

const REFERENCES = [
  /\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\bimport\s+["']([^"']+)["']/g,
  /\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g,
];

/** The relative files a module refers to, resolved to absolute paths. */
function referencesOf(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const pattern of REFERENCES) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1]!;
      if (specifier.startsWith("./") || specifier.startsWith("../")) found.push(resolve(dirname(file), specifier));
    }
  }
  return found;
}

/** The files a cluster definition reaches, its own file included. */
export function reachableFiles(cluster: ClusterSource): Set<string> {
  const seen = new Set<string>();
  const queue = [cluster.file];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (/\.(ts|mts|js|mjs)$/.test(file) && existsSync(file)) queue.push(...referencesOf(file));
  }
  return seen;
}

/** The dependency map of every cluster, to answer {@link affectedClusters}. */
export interface ClusterInputs {
  /** Each cluster's name and the files it reaches. */
  readonly clusters: readonly { readonly name: string; readonly files: ReadonlySet<string> }[];
}

/** Builds the dependency map of the clusters. */
export function clusterInputs(clusters: readonly ClusterSource[]): ClusterInputs {
  return { clusters: clusters.map((cluster) => ({ name: cluster.name, files: reachableFiles(cluster) })) };
}

/**
 * Whether a file (relative to the root) is an input of every cluster: a
 * workspace package's sources, or the dependencies (`package.json`,
 * `pnpm-lock.yaml` at the root).
 */
export function isSharedInput(path: string): boolean {
  return /^packages\/[^/]+\/(src|vendor)\//.test(path) || path === "package.json" || path === "pnpm-lock.yaml";
}

/**
 * The clusters that changed files affect, in name order.
 *
 * @param changed - absolute paths of the files that changed (or appeared, or went away).
 */
export function affectedClusters(root: string, inputs: ClusterInputs, changed: Iterable<string>): string[] {
  const affected = new Set<string>();
  for (const file of changed) {
    const path = relative(root, file).split(sep).join("/");
    if (isSharedInput(path)) return inputs.clusters.map((cluster) => cluster.name).sort();
    const inCluster = /^clusters\/([^/]+)\//.exec(path);
    for (const cluster of inputs.clusters) {
      if (cluster.files.has(file) || inCluster?.[1] === cluster.name) affected.add(cluster.name);
    }
  }
  return [...affected].sort();
}
