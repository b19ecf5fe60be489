/**
 * Rendering, writing and checking every cluster of a project.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { discoverClusters, loadCluster, type ClusterSource } from "../cluster/load-clusters.ts";
import { withArchitecturePage } from "../docs/add-architecture-page.ts";
import { ARCHITECTURE_FILE } from "../docs/architecture-page.ts";
import { isUserError, ProblemList, UserError, type Problem } from "../errors/user-error.ts";
import { renderCluster, type RenderedTree } from "../render/render-cluster.ts";
import { captureSourceLocations, capturingSourceLocations } from "../resource/source-location.ts";
import { sopsConfigDrift, writeSopsConfig, type ProjectFileDrift } from "./sops-config-file.ts";
import { checkTree, type DriftReport } from "../write/check-tree.ts";
import { INVENTORY_FILE, readExistingTree } from "../write/existing-tree.ts";
import { acquireLock, type LockOptions } from "../write/lock.ts";
import type { TreeFingerprint } from "../write/tree-fingerprint.ts";
import type { StagedTree, TreeStream } from "../write/tree-writer.ts";
import { writeTree, type WriteResult } from "../write/write-tree.ts";

/** The output folder of a project, relative to its root. */
export const GENERATED_DIR = "generated";

/** Options of {@link renderProject}. */
export interface RenderProjectOptions {
  /**
   * Clusters to render, by name.
   * @default every cluster under `clusters/`
   */
  readonly clusters?: readonly string[];
  /**
   * Whether to run schema validation of typed models.
   * @default true
   */
  readonly validate?: boolean;
  /**
   * Called with each file of a cluster's tree (its architecture page
   * included) as soon as its content is known, before the cluster's checks
   * are done: a consumer may start writing, but must drop what it got for
   * a cluster if `renderProject` then throws.
   * @default none
   */
  readonly onFile?: (cluster: string, path: string, content: string) => void;
  /**
   * Called with each cluster's tree (its architecture page included) as
   * soon as it is rendered, before the next cluster loads.
   * @default none
   */
  readonly onTree?: (tree: RenderedTree) => void;
  /**
   * When to record where each object is declared, for the `declared at`
   * line of problems. `always` records while rendering. `on-problems`
   * renders without recording, and when clusters have problems, renders
   * those again on a thread of their own with recording on and reports
   * that render's problems: a render without problems is faster (recording
   * costs more than 10 µs an object), one with problems slower.
   * @default "always"
   */
  readonly sourceLocations?: "always" | "on-problems";
}

/** The rendered trees of a project and which clusters they cover. */
export interface RenderedProject {
  /** The project root. */
  readonly root: string;
  /** The rendered trees, in cluster-name order. */
  readonly trees: readonly RenderedTree[];
  /** Whether every cluster of the project was rendered (no cluster filter). */
  readonly complete: boolean;
}

/**
 * Loads and renders the clusters of the project at `root`, collecting the
 * problems of every cluster before failing.
 *
 * @throws {UserError} for unknown cluster names and every definition problem.
 */
export async function renderProject(root: string, options: RenderProjectOptions = {}): Promise<RenderedProject> {
  const recordLater = options.sourceLocations === "on-problems" && !capturingSourceLocations();
  if (!recordLater) captureSourceLocations();
  const all = discoverClusters(root);
  let selected: ClusterSource[] = all;
  if (options.clusters !== undefined && options.clusters.length > 0) {
    const byName = new Map(all.map((cluster) => [cluster.name, cluster]));
    const unknown = options.clusters.filter((name) => !byName.has(name));
    if (unknown.length > 0) {
      throw new UserError({
        where: "clusters/",
        what: `no cluster named ${unknown.map((name) => JSON.stringify(name)).join(", ")}`,
        hint: `known clusters: ${all.map((cluster) => cluster.name).join(", ") || "none"}`,
      });
    }
    selected = [...new Set(options.clusters)].sort().map((name) => byName.get(name)!);
  }
  const problems: Problem[] = [];
  const failed: string[] = [];
  const trees: RenderedTree[] = [];
  // One callback for every cluster, told which cluster renders: with a new
  // closure per cluster, V8 would throw away the optimized code of
  // renderCluster's loop when the second cluster calls it, and compile it again.
  const onFile = options.onFile;
  let rendering = "";
  const onClusterFile = onFile === undefined ? undefined : (path: string, content: string) => onFile(rendering, path, content);
  for (const cluster of selected) {
    try {
      const definition = await loadCluster(root, cluster);
      rendering = cluster.name;
      // The architecture page (docs/) joins each tree here, after rendering.
      const tree = withArchitecturePage(
        renderCluster(definition, { source: cluster.source, validate: options.validate, root, onFile: onClusterFile }),
        cluster.source,
      );
      onFile?.(cluster.name, ARCHITECTURE_FILE, tree.files.get(ARCHITECTURE_FILE)!);
      trees.push(tree);
      options.onTree?.(tree);
    } catch (error) {
      if (!isUserError(error)) throw error;
      problems.push(...error.problems);
      failed.push(cluster.name);
    }
  }
  if (problems.length === 0) return { root, trees, complete: selected.length === all.length };
  if (!recordLater || problems.every((problem) => problem.source !== undefined)) throw new UserError(problems);
  const { problemsWithSources, withSourcesFrom } = await import("./sources-rerun.ts");
  throw new UserError(withSourcesFrom(problems, await problemsWithSources({ root, clusters: failed, validate: options.validate !== false })));
}

/**
 * Cluster folders under `generated/` that the writer owns (they hold an
 * inventory) but whose cluster no longer exists.
 */
export function orphanedTrees(root: string, rendered: RenderedProject): string[] {
  if (!rendered.complete) return [];
  const generatedDir = join(root, GENERATED_DIR);
  if (!existsSync(generatedDir)) return [];
  const known = new Set(rendered.trees.map((tree) => tree.cluster));
  return readdirSync(generatedDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !known.has(entry.name))
    .filter((entry) => existsSync(join(generatedDir, entry.name, INVENTORY_FILE)))
    .map((entry) => entry.name)
    .sort();
}

/** What {@link writeProject} did. */
export interface WriteProjectResult {
  /** Per-cluster results, in cluster-name order. */
  readonly results: readonly WriteResult[];
  /** What happened to the repository's `.sops.yaml`. */
  readonly sopsConfig: "written" | "removed" | "unchanged";
  /** Clusters whose trees were removed because the cluster no longer exists. */
  readonly removedTrees: readonly string[];
}

/**
 * Writes rendered trees to `generated/`, holding the lock, and removes the
 * trees of clusters that no longer exist (only if every file there is owned).
 *
 * @throws {UserError} when a tree holds files the writer does not own, or
 *   another run holds the lock for longer than `lock.waitMs`.
 */
export function writeProject(rendered: RenderedProject, lock: LockOptions = {}): WriteProjectResult {
  const generatedDir = join(rendered.root, GENERATED_DIR);
  const release = acquireLock(generatedDir, lock);
  try {
    const problems = new ProblemList();
    const results: WriteResult[] = [];
    for (const tree of rendered.trees) {
      try {
        results.push(writeTree(generatedDir, tree));
      } catch (error) {
        problems.collect(error);
      }
    }
    return finishProject(rendered, results, problems);
  } finally {
    release();
  }
}

/** What {@link generateProject} rendered and wrote. */
export interface GenerateProjectResult {
  /** The rendered trees. */
  readonly rendered: RenderedProject;
  /** What was written. */
  readonly written: WriteProjectResult;
  /** The fingerprint of each rendered tree, in cluster-name order, for the render cache. */
  readonly fingerprints: readonly { readonly cluster: string; readonly fingerprint: TreeFingerprint }[];
}

/**
 * `renderProject` and `writeProject` in one, faster: each file is staged
 * on a writer thread as soon as it is rendered, while rendering goes on. Staged
 * trees are swapped in only once every cluster has rendered and staged
 * without problems, so a problem anywhere leaves `generated/` as it was.
 * The lock is held from before the first cluster renders.
 *
 * @throws {UserError} for every definition problem, files the writer does
 *   not own, or a lock held by another run for longer than `lock.waitMs`.
 */
export async function generateProject(root: string, options: RenderProjectOptions & { readonly lock?: LockOptions } = {}): Promise<GenerateProjectResult> {
  const generatedDir = join(root, GENERATED_DIR);
  const release = acquireLock(generatedDir, options.lock ?? {});
  const { TreeWriter } = await import("../write/tree-writer.ts");
  const writer = new TreeWriter(generatedDir);
  const streams = new Map<string, TreeStream>();
  const streamOf = (cluster: string): TreeStream => {
    let stream = streams.get(cluster);
    if (stream === undefined) {
      stream = writer.open(cluster);
      streams.set(cluster, stream);
    }
    return stream;
  };
  let swapped = false;
  try {
    const staging: Promise<StagedTree>[] = [];
    const rendered = await renderProject(root, {
      ...options,
      onFile: (cluster, path, content) => {
        streamOf(cluster).add(path, content);
        options.onFile?.(cluster, path, content);
      },
      onTree: (tree) => {
        const staged = streamOf(tree.cluster).finish();
        staged.catch(() => undefined); // collected below, once every cluster is rendered
        staging.push(staged);
        options.onTree?.(tree);
      },
    });
    const problems = new ProblemList();
    const done: StagedTree[] = [];
    for (const settled of await Promise.allSettled(staging)) {
      if (settled.status === "fulfilled") done.push(settled.value);
      else problems.collect(settled.reason);
    }
    problems.throwIfAny();
    swapped = true;
    for (const { result } of done) if (result.wrote) await writer.swap(result.cluster);
    return {
      rendered,
      written: finishProject(rendered, done.map(({ result }) => result), problems),
      fingerprints: done.map(({ result, fingerprint }) => ({ cluster: result.cluster, fingerprint })),
    };
  } catch (error) {
    // Whatever stopped the run before the swap, no staged tree is left behind.
    if (!swapped) await Promise.allSettled([...streams.keys()].map((cluster) => writer.discard(cluster)));
    throw error;
  } finally {
    await writer.close();
    release();
  }
}

/**
 * The end of a write: removes the trees of clusters that no longer exist
 * (only if every file there is owned) and writes the repository's
 * `.sops.yaml`. The caller holds the lock.
 *
 * @throws {UserError} with the problems collected so far and those found here.
 */
function finishProject(rendered: RenderedProject, results: readonly WriteResult[], problems: ProblemList): WriteProjectResult {
  const generatedDir = join(rendered.root, GENERATED_DIR);
  const removedTrees: string[] = [];
  for (const cluster of orphanedTrees(rendered.root, rendered)) {
    const folder = join(generatedDir, cluster);
    const existing = readExistingTree(folder);
    const unowned = [...existing.files.keys(), ...existing.others].filter((path) => !existing.owned.has(path));
    if (unowned.length > 0) {
      problems.add({
        where: `generated/${cluster}`,
        what: `cluster ${cluster} no longer exists, but its folder holds files gen did not write: ${unowned.slice(0, 10).join(", ")}`,
        hint: "move those files out, then run gen again to remove the folder",
      });
      continue;
    }
    rmSync(folder, { recursive: true, force: true });
    removedTrees.push(cluster);
  }
  let sops: "written" | "removed" | "unchanged" = "unchanged";
  try {
    sops = writeSopsConfig(rendered);
  } catch (error) {
    problems.collect(error);
  }
  problems.throwIfAny();
  return { results, removedTrees, sopsConfig: sops };
}

/** The drift of every rendered tree, and the trees of clusters that no longer exist. */
export interface ProjectDrift {
  /** Per-cluster reports, in cluster-name order. */
  readonly reports: readonly DriftReport[];
  /** Cluster folders under `generated/` whose cluster no longer exists. */
  readonly orphaned: readonly string[];
  /** Project-level generated files that differ (the repository's `.sops.yaml`). */
  readonly projectFiles: readonly ProjectFileDrift[];
}

/** Compares rendered trees with `generated/` without writing anything. */
export function checkProject(rendered: RenderedProject, lock: LockOptions = {}): ProjectDrift {
  const generatedDir = join(rendered.root, GENERATED_DIR);
  const release = acquireLock(generatedDir, lock);
  try {
    const sops = sopsConfigDrift(rendered);
    return {
      reports: rendered.trees.map((tree) => checkTree(generatedDir, tree)),
      orphaned: orphanedTrees(rendered.root, rendered),
      projectFiles: sops === undefined ? [] : [sops],
    };
  } finally {
    release();
  }
}
