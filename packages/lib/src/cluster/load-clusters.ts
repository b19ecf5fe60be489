/**
 * Finding and importing the cluster definitions of a project:
 * `clusters/<name>/cluster.ts`, each with a default export made by
 * `defineCluster`.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { UserError } from "../errors/user-error.ts";
import { importDefinition } from "./import-definition.ts";

/** A cluster definition file found in a project. */
export interface ClusterSource {
  /** The cluster's name: its folder under `clusters/`. */
  readonly name: string;
  /** The definition file, absolute. */
  readonly file: string;
  /** The cluster folder relative to the project root, `/`-separated, e.g. `clusters/production`. */
  readonly source: string;
}

/** The file name of a cluster definition inside `clusters/<name>/`. */
export const CLUSTER_FILE = "cluster.ts";

/**
 * Lists the clusters of the project at `root`, in code-unit order of name.
 *
 * @throws {UserError} when the project has no `clusters/` folder.
 */
export function discoverClusters(root: string): ClusterSource[] {
  const clustersDir = join(root, "clusters");
  if (!existsSync(clustersDir)) {
    throw new UserError({
      where: root,
      what: "no clusters/ folder here",
      hint: "run from the project root (the folder that holds clusters/), or pass --root",
    });
  }
  return readdirSync(clustersDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(clustersDir, entry.name, CLUSTER_FILE)))
    .map((entry) => ({
      name: entry.name,
      file: join(clustersDir, entry.name, CLUSTER_FILE),
      source: `clusters/${entry.name}`,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Imports a cluster definition and returns its default export (checked
 * later by the renderer). Errors thrown while the file loads are reported
 * against the file.
 *
 * @throws {UserError} when the file cannot be loaded, has no default
 *   export, or names another cluster than its folder.
 */
export async function loadCluster(root: string, cluster: ClusterSource): Promise<unknown> {
  const where = relative(root, cluster.file).split("\\").join("/");
  let module: { default?: unknown };
  try {
    module = (await importDefinition(pathToFileURL(cluster.file).href)) as { default?: unknown };
  } catch (error) {
    if (error instanceof UserError) {
      throw new UserError(error.problems.map((problem) => ({ ...problem, where: `${where}: ${problem.where}` })));
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError({ where, what: `failed to load: ${message.split("\n")[0]}`, hint: firstProjectFrame(error, root) });
  }
  const definition = module.default;
  if (definition === undefined) {
    throw new UserError({ where, what: "has no default export", hint: "end the file with `export default defineCluster({ ... })`" });
  }
  const name = (definition as { name?: unknown }).name;
  if (typeof name === "string" && name !== cluster.name) {
    throw new UserError({
      where: `${where}: name`,
      what: `is ${JSON.stringify(name)} but the folder is clusters/${cluster.name}`,
      hint: `rename one of them so they match`,
    });
  }
  return definition;
}

/** The first stack frame inside the project (not in node_modules), as a hint. */
function firstProjectFrame(error: unknown, root: string): string | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (stack === undefined) return undefined;
  for (const line of stack.split("\n").slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (match === null) continue;
    const file = match[1]!.replace(/^file:\/\//, "");
    if (file.includes("/node_modules/") || !file.startsWith(root)) continue;
    return `raised at ${relative(root, file)}:${match[2]}:${match[3]}`;
  }
  return undefined;
}
