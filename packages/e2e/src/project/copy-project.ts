/**
 * Temporary copies of a project, to change its definitions and render them
 * without touching the original: the definitions and the rendered tree are
 * copied; dependencies are linked, not copied.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { PINNED_TOOLS, TOOLS_DIR } from "@typed-gitops/lib/tooling";
import { REPOSITORY_ROOT } from "../paths.ts";

const run = promisify(execFile);

/** What is never copied: dependencies, tool caches, VCS data, secrets, build output. */
const NOT_COPIED = new Set(["node_modules", ".git", TOOLS_DIR, ".turbo", ".secrets", "packages", "bench-output"]);

/**
 * Copies a project into `destination` (which must not exist) and links its
 * dependencies: the project's own node_modules when it has one, else the
 * packages a definition imports (`@typed-gitops/lib` and the libraries it
 * builds on, from this repository). The pinned tools are linked from this
 * repository's `.tools/`, so `typed-gitops secrets` works in the copy.
 */
export function copyProject(root: string, destination: string): string {
  mkdirSync(destination, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (NOT_COPIED.has(entry)) continue;
    cpSync(join(root, entry), join(destination, entry), { recursive: true, filter: (path) => !/\/generated\/\.[^/]+$/.test(path) });
  }
  if (existsSync(join(root, "node_modules"))) {
    symlinkSync(realpathSync(join(root, "node_modules")), join(destination, "node_modules"));
  } else {
    linkDefinitionDependencies(destination);
  }
  for (const tool of PINNED_TOOLS) {
    const from = join(REPOSITORY_ROOT, TOOLS_DIR, tool.name, tool.version);
    const to = join(destination, TOOLS_DIR, tool.name, tool.version);
    if (!existsSync(from) || existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    symlinkSync(from, to);
  }
  return destination;
}

/** Links `@typed-gitops/lib`, kubernetes-models and zod into a project without node_modules. */
export function linkDefinitionDependencies(project: string): void {
  const lib = join(REPOSITORY_ROOT, "packages", "lib");
  const links: Record<string, string> = {
    "@typed-gitops/lib": lib,
    "kubernetes-models": realpathSync(join(lib, "node_modules", "kubernetes-models")),
    zod: realpathSync(join(lib, "node_modules", "zod")),
  };
  for (const [name, target] of Object.entries(links)) {
    const link = join(project, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link);
  }
}

/** Runs this repository's `typed-gitops` CLI in a project; rejects with its output when it fails. */
export async function typedGitops(project: string, args: readonly string[], input?: string): Promise<string> {
  const cli = join(REPOSITORY_ROOT, "packages", "lib", "bin", "typed-gitops.js");
  const child = run(process.execPath, [cli, ...args, "--root", project], { cwd: project, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout } = await child;
    return stdout;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`typed-gitops ${args.join(" ")} failed in ${project}:\n${failure.stdout ?? ""}${failure.stderr ?? failure.message}`);
  }
}

/** Renders one cluster of a project (`typed-gitops gen <cluster> --no-cache`). */
export async function renderCluster(project: string, cluster: string): Promise<void> {
  await typedGitops(project, ["gen", cluster, "--no-cache"]);
}
