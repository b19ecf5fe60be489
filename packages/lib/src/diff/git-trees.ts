/**
 * Reading the committed `generated/` trees of a git revision, without a
 * checkout: `git ls-tree` lists the files, one `git cat-file --batch` reads
 * them all.
 */
import { spawnSync } from "node:child_process";
import { relative } from "node:path";
import { EnvironmentError, UserError } from "../errors/user-error.ts";

function git(root: string, args: readonly string[], input?: string): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync("git", args, { cwd: root, input, maxBuffer: 1 << 30 });
  if (result.error !== undefined) {
    throw new EnvironmentError({ where: "git", what: `cannot run git: ${result.error.message}`, hint: "install git; diff compares with a git revision" });
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString("utf8") };
}

/** The repository's top folder, and the project root's path inside it (`""` or `sub/dir/`). */
export function repositoryOf(root: string): { top: string; prefix: string } {
  const result = git(root, ["rev-parse", "--show-toplevel"]);
  if (result.status !== 0) {
    throw new EnvironmentError({ where: root, what: "is not in a git repository", hint: "diff compares the definitions with a git revision; run it in a clone" });
  }
  const top = result.stdout.toString("utf8").trim();
  const inside = relative(top, root).split("\\").join("/");
  return { top, prefix: inside === "" ? "" : `${inside}/` };
}

/**
 * The default base: `origin/main` when that ref exists, else `HEAD`.
 */
export function defaultBase(root: string): string {
  return git(root, ["rev-parse", "--verify", "--quiet", "refs/remotes/origin/main^{commit}"]).status === 0 ? "origin/main" : "HEAD";
}

/**
 * Resolves a revision to a commit id.
 *
 * @throws {UserError} when it names no commit.
 */
export function resolveCommit(root: string, ref: string): string {
  const result = git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  if (result.status !== 0) {
    throw new UserError({ where: `--base ${ref}`, what: "names no commit of this repository", hint: "give a branch, tag or commit; in CI, fetch the base branch first (actions/checkout with fetch-depth: 0)" });
  }
  return result.stdout.toString("utf8").trim();
}

/**
 * Reads every file under `<project>/generated/` at a commit, grouped by
 * cluster folder, each keyed by its path relative to `generated/<cluster>/`.
 */
export function readCommittedTrees(root: string, commit: string): Map<string, Map<string, string>> {
  const { prefix } = repositoryOf(root);
  const listing = git(root, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", `${prefix}generated/`]);
  if (listing.status !== 0) throw new EnvironmentError({ where: "git ls-tree", what: listing.stderr.trim() || `failed with status ${listing.status}` });
  const blobs: { oid: string; cluster: string; path: string }[] = [];
  for (const record of listing.stdout.toString("utf8").split("\0")) {
    if (record === "") continue;
    const tab = record.indexOf("\t");
    const [, type, oid] = record.slice(0, tab).split(" ") as [string, string, string];
    const full = record.slice(tab + 1);
    if (type !== "blob") continue;
    const inside = full.slice(`${prefix}generated/`.length);
    const slash = inside.indexOf("/");
    if (slash <= 0 || inside.startsWith(".")) continue;
    blobs.push({ oid, cluster: inside.slice(0, slash), path: inside.slice(slash + 1) });
  }
  const trees = new Map<string, Map<string, string>>();
  if (blobs.length === 0) return trees;
  const batch = git(root, ["cat-file", "--batch"], `${blobs.map((blob) => blob.oid).join("\n")}\n`);
  if (batch.status !== 0) throw new EnvironmentError({ where: "git cat-file", what: batch.stderr.trim() || `failed with status ${batch.status}` });
  let offset = 0;
  const out = batch.stdout;
  for (const blob of blobs) {
    const newline = out.indexOf(10, offset);
    const header = out.subarray(offset, newline).toString("utf8").split(" ");
    const size = Number(header[2]);
    const content = out.subarray(newline + 1, newline + 1 + size).toString("utf8");
    offset = newline + 1 + size + 1;
    const tree = trees.get(blob.cluster) ?? new Map<string, string>();
    tree.set(blob.path, content);
    trees.set(blob.cluster, tree);
  }
  return trees;
}
