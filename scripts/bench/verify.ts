/**
 * Checks that each measured run did the work it claims, so the figures are
 * those of real runs: the files written, and what gen printed.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RunResult, Verifier } from "./measure.ts";
import { CLUSTERS, OBJECTS_PER_APP } from "./workload/apps.ts";

/** The inventory gen leaves in every cluster tree (see packages/lib/src/write/existing-tree.ts). */
const INVENTORY_FILE = ".gen-inventory";
const KUSTOMIZATION_FILE = "kustomization.yaml";
/** The architecture page gen writes at the root of every cluster tree (see packages/lib/src/docs/). */
const ARCHITECTURE_FILE = "ARCHITECTURE.md";

/** The files gen writes per cluster, inventory excluded. */
export interface ExpectedTree {
  /** One file per object. */
  readonly objects: number;
  /** One per folder: the cluster root, `apps/` and each `apps/app-<i>/`. */
  readonly kustomizations: number;
  /** The architecture page. */
  readonly documents: number;
  /** All of them. */
  readonly total: number;
}

/** The tree gen must write for each cluster of `apps` apps. */
export function expectedTree(apps: number): ExpectedTree {
  const objects = apps * OBJECTS_PER_APP;
  const kustomizations = apps + 2;
  const documents = 1;
  return { objects, kustomizations, documents, total: objects + kustomizations + documents };
}

/** Every regular file under `dir`, relative and `/`-separated. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (absolute: string, relative: string): void => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(join(absolute, entry.name), child);
      else if (entry.isFile()) files.push(child);
    }
  };
  walk(dir, "");
  return files;
}

/** Throws unless `actual` equals `expected`. */
function expectCount(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`expected ${expected} ${what}, found ${actual}`);
}

/** Throws unless the run printed a line matching `pattern`. */
function expectOutput(run: RunResult, pattern: RegExp): void {
  if (!pattern.test(run.stdout)) throw new Error(`expected output matching ${pattern}, got:\n${run.stdout}${run.stderr}`);
}

/** Checks the tree of every cluster under `generatedDir`: objects, kustomizations and the inventory. */
export function verifyGeneratedTrees(generatedDir: string, apps: number): void {
  const expected = expectedTree(apps);
  for (const cluster of CLUSTERS) {
    const files = listFiles(join(generatedDir, cluster));
    const kustomizations = files.filter((path) => path === KUSTOMIZATION_FILE || path.endsWith(`/${KUSTOMIZATION_FILE}`)).length;
    const inventories = files.filter((path) => path === INVENTORY_FILE).length;
    const documents = files.filter((path) => path === ARCHITECTURE_FILE).length;
    expectCount(`kustomization files in generated/${cluster}`, kustomizations, expected.kustomizations);
    expectCount(`${ARCHITECTURE_FILE} in generated/${cluster}`, documents, expected.documents);
    expectCount(`object files in generated/${cluster}`, files.length - kustomizations - inventories - documents, expected.objects);
    expectCount(`${INVENTORY_FILE} in generated/${cluster}`, inventories, 1);
  }
}

/** The check of a cold gen: every file added, and the trees complete. */
export function verifyColdGen(generatedDir: string, apps: number): Verifier {
  const { total } = expectedTree(apps);
  return (run) => {
    for (const cluster of CLUSTERS) {
      expectOutput(run, new RegExp(`^${cluster}\\s+${total} added, 0 changed, 0 removed, 0 unchanged \\(${total} files in generated/${cluster}\\)$`, "m"));
    }
    verifyGeneratedTrees(generatedDir, apps);
  };
}

/** What identifies a written cluster tree: gen swaps in a new folder and inventory whenever it writes. */
function treeIdentity(generatedDir: string, cluster: string): string {
  const folder = statSync(join(generatedDir, cluster));
  const inventory = statSync(join(generatedDir, cluster, INVENTORY_FILE));
  return `${folder.ino}:${inventory.ino}:${inventory.mtimeMs}`;
}

/**
 * The check of a gen over an up-to-date tree, taken before the run: every
 * cluster reported unchanged, and no tree or inventory replaced.
 */
export function verifyUnchangedGen(generatedDir: string, apps: number): Verifier {
  const { total } = expectedTree(apps);
  const before = CLUSTERS.map((cluster) => treeIdentity(generatedDir, cluster));
  return (run) => {
    for (const cluster of CLUSTERS) {
      expectOutput(run, new RegExp(`^${cluster}\\s+unchanged \\(${total} files in generated/${cluster}\\)$`, "m"));
    }
    const after = CLUSTERS.map((cluster) => treeIdentity(generatedDir, cluster));
    if (after.join() !== before.join()) throw new Error("gen reported unchanged but replaced a tree or its inventory");
    verifyGeneratedTrees(generatedDir, apps);
  };
}

/** The check of `gen --check` over an up-to-date tree. */
export function verifyCheck(apps: number): Verifier {
  const { total } = expectedTree(apps);
  const counts = CLUSTERS.map((cluster) => `${cluster}: ${total} files`).join(", ");
  return (run) => expectOutput(run, new RegExp(`^generated/ is up to date \\(${counts}\\)$`, "m"));
}

/** The check of references 1 and 3: one file per object of every cluster. */
export function verifyYamlReference(outDir: string, apps: number): Verifier {
  const objects = CLUSTERS.length * apps * OBJECTS_PER_APP;
  return (run) => {
    expectOutput(run, new RegExp(`^wrote ${objects} files$`, "m"));
    expectCount(`files in ${outDir}`, listFiles(outDir).length, objects);
  };
}

/**
 * The check of reference 2. cdk8s's FILE_PER_RESOURCE layout is flat and
 * names files `<Kind>.<name>.k8s.yaml`, so the clusters' charts, which hold
 * the same names, write the same files: every object is synthesized and
 * written, but only one cluster's worth of files remains.
 */
export function verifyCdk8sReference(outDir: string, apps: number): Verifier {
  const perCluster = apps * OBJECTS_PER_APP;
  return (run) => {
    expectOutput(run, new RegExp(`^synthesized ${CLUSTERS.length * perCluster} objects$`, "m"));
    expectCount(`.k8s.yaml files in ${outDir}`, listFiles(outDir).filter((path) => path.endsWith(".k8s.yaml")).length, perCluster);
  };
}


/** The check of `validate`: every cluster valid. */
export function verifyValidate(clusters: readonly string[]): Verifier {
  return (run) => {
    for (const cluster of clusters) expectOutput(run, new RegExp(`^${cluster}: valid — `, "m"));
  };
}
