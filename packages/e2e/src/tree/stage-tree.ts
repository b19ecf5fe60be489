/**
 * The tree the harness serves: a copy of the project's `generated/` (what
 * the project's .sourceignore lets Flux see), with the test's only changes
 * to the cluster's Flux Kustomizations.
 *
 * - `spec.wait: false` and no health checks: the stack has no nodes and no
 *   helm-controller, so Deployments never roll out and HelmReleases are
 *   never installed. The objects are still applied, and so validated by the
 *   API server; the test checks them there.
 * - Without the cluster's age key, SOPS decryption is dropped together with
 *   the encrypted Secrets (the API server would reject their `ENC[…]` data).
 *   The report lists what was dropped.
 *
 * The changes are made to the served copy, not with patches in the API
 * server: the flux-system Kustomization applies the Kustomizations from the
 * tree and would undo any patch.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseAllDocuments, parseDocument, stringify } from "yaml";

/** A served copy of a project's tree. */
export interface StagedTree {
  /** The folder holding `generated/`. */
  readonly root: string;
  /** The cluster. */
  readonly cluster: string;
  /** The SOPS-encrypted files left out (relative to `root`), when decryption was dropped. */
  readonly droppedEncrypted: readonly string[];
  /** The Flux Kustomizations whose decryption was dropped. */
  readonly droppedDecryption: readonly string[];
}

/** Options of {@link stageTree}. */
export interface StageTreeOptions {
  /** The project root (its `generated/<cluster>` is served). */
  readonly projectRoot: string;
  /** The cluster. */
  readonly cluster: string;
  /** An empty folder to copy into. */
  readonly destination: string;
  /** Whether the cluster's age key is at hand; without it, decryption and encrypted Secrets are dropped. */
  readonly canDecrypt: boolean;
}

/** Every YAML file under `dir`, sorted. */
export function yamlFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) found.push(path);
    }
  };
  walk(dir);
  return found;
}

/** Whether a parsed manifest is a Flux Kustomization. */
export function isFluxKustomization(object: unknown): object is { apiVersion: string; kind: "Kustomization"; metadata: { name: string; namespace?: string }; spec: Record<string, unknown> } {
  const candidate = object as { apiVersion?: unknown; kind?: unknown } | null;
  return candidate !== null && typeof candidate === "object" && candidate.kind === "Kustomization" && typeof candidate.apiVersion === "string" && candidate.apiVersion.startsWith("kustomize.toolkit.fluxcd.io/");
}

/**
 * Rewrites the Flux Kustomizations of one YAML file through `edit`; the
 * file is written back only when `edit` returned true for one of them.
 */
export function editFluxKustomizations(file: string, edit: (kustomization: { metadata: { name: string }; spec: Record<string, unknown> }) => boolean): boolean {
  const text = readFileSync(file, "utf8");
  if (!/^kind: Kustomization$/m.test(text) || !text.includes("kustomize.toolkit.fluxcd.io/")) return false;
  const documents = parseAllDocuments(text);
  let changed = false;
  const out: string[] = [];
  for (const document of documents) {
    const object = document.toJS() as unknown;
    if (isFluxKustomization(object) && edit(object)) {
      changed = true;
      out.push(stringify(object, { lineWidth: 0 }));
    } else {
      out.push(document.toString({ lineWidth: 0 }));
    }
  }
  if (changed) writeFileSync(file, out.join("---\n"));
  return changed;
}

function isSopsFile(text: string): boolean {
  return /^sops:\s*$/m.test(text) && /ENC\[/.test(text);
}

function removeFromKustomization(folder: string, fileName: string): void {
  const file = join(folder, "kustomization.yaml");
  if (!existsSync(file)) return;
  const document = parseDocument(readFileSync(file, "utf8"));
  const resources = document.get("resources") as { items: { value: unknown }[] } | undefined;
  if (resources === undefined) return;
  resources.items = resources.items.filter((item) => (item as { value?: unknown }).value !== fileName);
  writeFileSync(file, document.toString({ lineWidth: 0 }));
}

/**
 * Copies the project's `generated/` into `destination` and makes the
 * test's changes to the cluster's tree (see the module comment).
 */
export function stageTree(options: StageTreeOptions): StagedTree {
  const source = join(options.projectRoot, "generated");
  const clusterDir = join(source, options.cluster);
  if (!existsSync(join(clusterDir, "kustomization.yaml"))) {
    throw new Error(`${relative(process.cwd(), clusterDir) || clusterDir}: no rendered tree (run \`pnpm gen\` in ${options.projectRoot})`);
  }
  cpSync(source, join(options.destination, "generated"), { recursive: true, filter: (path) => !/\/\.[^/]*(staging|previous)[^/]*$/.test(path) });
  const tree = join(options.destination, "generated", options.cluster);
  const droppedDecryption: string[] = [];
  const droppedEncrypted: string[] = [];
  for (const file of yamlFiles(tree)) {
    editFluxKustomizations(file, (kustomization) => {
      const spec = kustomization.spec;
      spec.wait = false;
      delete spec.healthChecks;
      delete spec.healthCheckExprs;
      if (!options.canDecrypt && spec.decryption !== undefined) {
        delete spec.decryption;
        droppedDecryption.push(kustomization.metadata.name);
      }
      return true;
    });
    if (!options.canDecrypt && isSopsFile(readFileSync(file, "utf8"))) {
      rmSync(file);
      const folder = join(file, "..");
      removeFromKustomization(folder, file.slice(folder.length + 1));
      droppedEncrypted.push(relative(options.destination, file));
    }
  }
  return { root: options.destination, cluster: options.cluster, droppedEncrypted, droppedDecryption };
}
