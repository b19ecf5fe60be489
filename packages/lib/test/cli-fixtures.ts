/**
 * Temporary projects for the CLI tests of the daily commands: git helpers,
 * and a copy of the reference platform as committed (its definitions,
 * schemas and tree), with the repository's dependencies and pinned tools
 * linked in, so the real CLI runs in it exactly as in the repository.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLI } from "./project-fixture.ts";

/** The repository root (the reference platform). */
export const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** A fixed identity and date, so commits do not depend on the machine. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.org",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.org",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** Runs git in `root` and returns its output. */
export function git(root: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
}

/** Makes `root` a git repository (if needed) and commits everything in it. */
export function commitAll(root: string, message: string): void {
  git(root, "init", "-q");
  git(root, "add", "-A");
  git(root, "commit", "-q", "--allow-empty", "-m", message);
}

/** The paths of the reference platform a copy needs. */
const PLATFORM_PATHS = ["clusters", "apps", "infrastructure", "schemas", "generated", "package.json", "tsconfig.json", "tsconfig.base.json", "vitest.config.ts", ".sops.yaml", ".sourceignore"];

/** A copy of the reference platform. */
export interface PlatformCopy {
  /** Its root. */
  readonly root: string;
  /** Runs the CLI in it. */
  cli(args: readonly string[], env?: NodeJS.ProcessEnv): SpawnSyncReturns<string>;
  /** Removes it. */
  remove(): void;
}

/**
 * Copies the reference platform as committed at HEAD (so edits other work
 * makes to the working tree do not leak in) into a temporary folder, with
 * `node_modules`, `.tools` and `packages` linked to the repository's.
 */
export function copyPlatform(): PlatformCopy {
  const root = mkdtempSync(join(tmpdir(), "typed-gitops-platform-"));
  const archive = spawnSync("git", ["archive", "--format=tar", "HEAD", "--", ...PLATFORM_PATHS], { cwd: REPOSITORY, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr.toString()}`);
  execFileSync("tar", ["-x", "-C", root], { input: archive.stdout });
  for (const link of ["node_modules", ".tools", "packages"]) symlinkSync(join(REPOSITORY, link), join(root, link));
  return {
    root,
    cli: (args, env) => spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
