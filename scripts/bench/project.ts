/**
 * The synthetic benchmark project, written to a temporary folder:
 *
 *   package.json              {"type": "module"}
 *   workload/apps.ts          a copy of ./workload/apps.ts, imports made absolute
 *   clusters/<name>/cluster.ts  one per cluster, each `apps` apps
 *
 * The folder has no node_modules, so every import in it is an absolute file
 * URL into this repository.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CLUSTERS } from "./workload/apps.ts";

/** The repository root (this file is scripts/bench/project.ts). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The library entry point the cluster files import. */
const LIB_ENTRY_URL = pathToFileURL(join(REPO_ROOT, "packages/lib/src/index.ts")).href;

/** The workload source copied into the project. */
const WORKLOAD_SOURCE = new URL("./workload/apps.ts", import.meta.url);

/** The bare `kubernetes-models` import specifiers of a source file. */
const KUBERNETES_MODELS_IMPORT = /from "(kubernetes-models\/[^"]+)"/g;

/**
 * Returns the workload source with each `kubernetes-models/...` specifier
 * replaced by the file URL it resolves to from this repository.
 *
 * @throws {Error} when the source has no such import (the rewrite would be a no-op).
 */
export function workloadSourceForProject(): string {
  const source = readFileSync(WORKLOAD_SOURCE, "utf8");
  let rewritten = 0;
  const result = source.replace(KUBERNETES_MODELS_IMPORT, (_match, specifier: string) => {
    rewritten++;
    return `from ${JSON.stringify(import.meta.resolve(specifier))}`;
  });
  if (rewritten === 0) throw new Error(`${fileURLToPath(WORKLOAD_SOURCE)} has no kubernetes-models imports to rewrite`);
  return result;
}

/** The source of `clusters/<cluster>/cluster.ts`. */
function clusterSource(cluster: string, apps: number): string {
  return [
    `// The benchmark cluster ${JSON.stringify(cluster)}: ${apps} apps, written by scripts/bench/project.ts.`,
    `import { defineCluster } from ${JSON.stringify(LIB_ENTRY_URL)};`,
    `import { appNamespaces, clusterComponents } from "../../workload/apps.ts";`,
    "",
    "export default defineCluster({",
    `  name: ${JSON.stringify(cluster)},`,
    `  components: clusterComponents(${JSON.stringify(cluster)}, ${apps}),`,
    "  // The workload is Namespace-less: its namespaces exist outside the tree.",
    `  preexisting: { namespaces: appNamespaces(${apps}) },`,
    "});",
    "",
  ].join("\n");
}

/** Writes the benchmark project of `apps` apps per cluster into the existing folder `root`. */
export function writeProject(root: string, apps: number): void {
  writeFileSync(join(root, "package.json"), `${JSON.stringify({ name: "typed-gitops-bench", private: true, type: "module" }, null, 2)}\n`);
  mkdirSync(join(root, "workload"));
  writeFileSync(join(root, "workload", "apps.ts"), workloadSourceForProject());
  for (const cluster of CLUSTERS) {
    mkdirSync(join(root, "clusters", cluster), { recursive: true });
    writeFileSync(join(root, "clusters", cluster, "cluster.ts"), clusterSource(cluster, apps));
  }
  // validate needs the pinned tools and the schema store of the repository;
  // the render cache (.tools/cache) stays the project's own.
  mkdirSync(join(root, ".tools"));
  const tools = join(REPO_ROOT, ".tools");
  for (const entry of existsSync(tools) ? readdirSync(tools) : []) {
    if (entry !== "cache") symlinkSync(join(tools, entry), join(root, ".tools", entry));
  }
  symlinkSync(join(REPO_ROOT, "schemas"), join(root, "schemas"));
}
