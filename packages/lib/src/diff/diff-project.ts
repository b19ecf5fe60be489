/**
 * `diff`: what a change does to the rendered trees. The head side is the
 * working tree's definitions, rendered in memory. The base side is the
 * `generated/` tree committed at the base revision, read straight from git:
 * it is what Flux applies from that revision, and the drift check that CI
 * runs on every commit keeps it equal to the rendering of that revision's
 * definitions — so nothing has to be installed or rendered for the base,
 * whatever library or dependency versions it had.
 */
import { renderProject } from "../project/generate.ts";
import { byCodeUnit } from "../docs/markdown.ts";
import { diffTrees, type ClusterDiff } from "./diff-trees.ts";
import type { ProjectDiff } from "./format-diff.ts";
import { defaultBase, readCommittedTrees, resolveCommit } from "./git-trees.ts";

/** Options of {@link diffProject}. */
export interface DiffProjectOptions {
  /**
   * The base revision.
   * @default `origin/main` when it exists, else `HEAD`
   */
  readonly base?: string;
  /**
   * Clusters to compare, by name.
   * @default every cluster of the head and of the base
   */
  readonly clusters?: readonly string[];
}

/**
 * Compares the rendering of the working tree with the committed trees of
 * the base revision.
 *
 * @throws {UserError} when the base names no commit, or the definitions do not render.
 * @throws {EnvironmentError} when the project is not in a git repository.
 */
export async function diffProject(root: string, options: DiffProjectOptions = {}): Promise<ProjectDiff> {
  const ref = options.base ?? defaultBase(root);
  const commit = resolveCommit(root, ref);
  const base = readCommittedTrees(root, commit);
  const wanted = options.clusters ?? [];
  const rendered = await renderProject(root, { clusters: wanted.length === 0 ? undefined : wanted, validate: false });
  const head = new Map(rendered.trees.map((tree) => [tree.cluster, tree.files]));
  const names = wanted.length > 0 ? [...new Set(wanted)] : [...new Set([...head.keys(), ...base.keys()])];
  const clusters: ClusterDiff[] = names.sort(byCodeUnit).map((cluster) => diffTrees(cluster, base.get(cluster), head.get(cluster)));
  return { base: { ref, commit }, head: "working tree", clusters };
}
