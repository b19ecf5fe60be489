/**
 * `validate` for one cluster: the committed tree under
 * `generated/<cluster>/` checked offline against the pinned schemas
 * (kubeconform, strict), the CRDs' CEL rules, the policy rules, and
 * `kustomize build` of every folder the engine builds.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lazyModel } from "../resource/lazy-model.ts";
import { EnvironmentError, type Problem } from "../errors/user-error.ts";
import { evaluatePolicies, policyProblems } from "../policy/evaluate-policies.ts";
import { scanForSecrets } from "../secret-scan/scan-for-secrets.ts";
import { secretScanProblems } from "../secret-scan/finding.ts";
import type { RenderedTree } from "../render/render-cluster.ts";
import { describeObject, type ApiObject } from "../resource/api-object.ts";
import { sourceOf } from "../resource/source-location.ts";
import { schemaStorePath } from "../schemas/build-store.ts";
import { readObjectMetaSchema, writeCrdSchemas } from "../schemas/cluster-schemas.ts";
import { isCrdDocument, toCustomResourceDefinition } from "../schemas/crd-documents.ts";
import { schemaLocations } from "../schemas/layout.ts";
import { resolveTool } from "../tools/install-tools.ts";
import { INVENTORY_FILE } from "../write/existing-tree.ts";
import { buildTargets, buildWithKustomize } from "./kustomize-build.ts";
import { runKubeconform } from "./kubeconform.ts";
import { CelRuleIndex, celProblems } from "./cel-check.ts";
import { existsSync } from "node:fs";

/** The `yaml` package, loaded on first use. */
const yaml = lazyModel<typeof import("yaml")>(import.meta.resolve("yaml"));

/** One object file of the tree, as validation sees it. */
export interface TreeObject {
  /** The path relative to `generated/<cluster>/`. */
  readonly path: string;
  /** The component folder. */
  readonly component: string;
  /** The object. */
  readonly object: ApiObject;
  /** Whether the file is a SOPS-encrypted document. */
  readonly encrypted: boolean;
}

/** What validation found in one cluster. */
export interface ClusterValidation {
  /** The cluster. */
  readonly cluster: string;
  /** Objects checked. */
  readonly objects: number;
  /** Folders built with kustomize. */
  readonly builds: number;
  /** Every problem, each pointing at the generated file, the field and the source that declared the object. */
  readonly problems: readonly Problem[];
  /** Objects whose missing schema the cluster allows, with the reason. */
  readonly allowedMissing: readonly { readonly path: string; readonly reason: string }[];
  /** Time per step, in milliseconds. */
  readonly timings: Readonly<Record<"read" | "kubeconform" | "cel" | "policies" | "kustomize", number>>;
}

/** Reads the object files of a tree: from the rendering when the file on disk is unchanged, else by parsing it. */
export function readTreeObjects(root: string, tree: RenderedTree): TreeObject[] {
  const dir = join(root, "generated", tree.cluster);
  const result: TreeObject[] = [];
  for (const [path, rendered] of tree.files) {
    if (path === INVENTORY_FILE || path.endsWith("kustomization.yaml")) continue;
    const entry = tree.objects.get(path);
    let onDisk: string;
    try {
      onDisk = readFileSync(join(dir, path), "utf8");
    } catch {
      continue; // missing files are the drift check's to report
    }
    if (entry !== undefined && onDisk === rendered) {
      result.push({ path, component: entry.component, object: entry.object, encrypted: "sops" in (entry.object as object) });
      continue;
    }
    for (const document of yaml().parseAllDocuments(onDisk)) {
      const object = document.toJS() as ApiObject | null;
      if (object === null) continue;
      result.push({ path, component: path.split("/").slice(0, -1).join("/"), object, encrypted: "sops" in (object as object) });
    }
  }
  return result;
}

/**
 * Validates one cluster's committed tree.
 *
 * @throws {EnvironmentError} when the schema store or a tool is missing.
 */
export async function validateCluster(root: string, tree: RenderedTree, source: string): Promise<ClusterValidation> {
  const store = schemaStorePath(root);
  if (!existsSync(store)) {
    throw new EnvironmentError({ where: store, what: "the schema store is not built", hint: "run `pnpm schemas` (it builds the store offline from ../shared/upstream, or downloads the pinned sources)" });
  }
  const kubeconform = resolveTool(root, "kubeconform");
  const timings = { read: 0, kubeconform: 0, cel: 0, policies: 0, kustomize: 0 };
  let started = performance.now();
  const objects = readTreeObjects(root, tree);
  const byPath = new Map(objects.map((entry) => [entry.path, entry]));
  timings.read = performance.now() - started;
  const declaredAt = (object: ApiObject): string | undefined => sourceOf(object, root);
  const problems: Problem[] = [];
  const allowedMissing: { path: string; reason: string }[] = [];
  const where = (entry: TreeObject) => `generated/${tree.cluster}/${entry.path}: ${describeObject(entry.object)}`;

  // Schemas: the tree's own CRDs first, then the store.
  started = performance.now();
  const crds = objects.filter((entry) => isCrdDocument(entry.object)).map((entry) => toCustomResourceDefinition(entry.object, entry.path));
  const scratch = mkdtempSync(join(tmpdir(), `typed-gitops-validate-${tree.cluster}-`));
  try {
    const clusterSchemas = join(scratch, "cluster-schemas");
    await writeCrdSchemas({ crds, out: clusterSchemas, objectMeta: readObjectMetaSchema(store) });
    const dir = join(root, "generated", tree.cluster);
    const files: string[] = [];
    const fileToPath = new Map<string, string>();
    mkdirSync(join(scratch, "decrypted-structure"), { recursive: true });
    for (const entry of objects) {
      let file = join(dir, entry.path);
      if (entry.encrypted) {
        // SOPS documents are checked without their sops metadata, never skipped.
        const { sops: _sops, ...withoutMetadata } = entry.object as unknown as Record<string, unknown>;
        file = join(scratch, "decrypted-structure", entry.path.replaceAll("/", "__"));
        writeFileSync(file, JSON.stringify(withoutMetadata));
      }
      files.push(file);
      fileToPath.set(file, entry.path);
    }
    const results = await runKubeconform({
      binary: kubeconform,
      schemaLocations: schemaLocations({ store, kubernetesVersion: tree.kubernetesVersion, clusterSchemas: [clusterSchemas] }),
      files: [...new Set(files)],
    });
    for (const result of results) {
      const path = fileToPath.get(result.filename) ?? result.filename;
      const entry = byPath.get(path);
      const at = entry === undefined ? `generated/${tree.cluster}/${path}` : where(entry);
      const sourceLine = entry === undefined ? undefined : declaredAt(entry.object);
      if (result.status === "missing-schema") {
        const allowed = tree.allowedMissingSchemas.find((allow) => allow.apiVersion === result.version && allow.kind === result.kind);
        if (allowed !== undefined) {
          allowedMissing.push({ path, reason: allowed.reason });
          continue;
        }
        problems.push({
          where: at,
          what: `no schema for ${result.version} ${result.kind} in the pinned store or the tree's CRDs [kubeconform]`,
          hint: "pin the CRD in schemas/sources.json and run `pnpm schemas`, or list the kind under validation.allowMissingSchemas with a reason",
          source: sourceLine,
        });
      } else if (result.errors.length > 0) {
        for (const error of result.errors) problems.push({ where: at, what: `${error.field === "" ? "" : `${error.field}: `}${error.message} [kubeconform]`, source: sourceLine });
      } else {
        problems.push({ where: at, what: `${result.message} [kubeconform]`, source: sourceLine });
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  timings.kubeconform = performance.now() - started;

  started = performance.now();
  const cel = new CelRuleIndex(store, crds);
  for (const entry of objects) {
    const { sops: _sops, ...object } = entry.object as unknown as Record<string, unknown>;
    for (const problem of celProblems(cel, object as unknown as ApiObject, where(entry), declaredAt(entry.object))) problems.push(problem);
  }
  timings.cel = performance.now() - started;

  started = performance.now();
  const report = evaluatePolicies(objects.map((entry) => ({ component: entry.component, object: entry.object })));
  for (const problem of policyProblems(report, source, declaredAt)) problems.push(problem);
  // The secret scan reads the files as committed, so hand edits are caught too; a Secret the policy already reported is not reported twice.
  const flagged = new Set(report.findings.filter((finding) => finding.rule === "no-plaintext-secret").map((finding) => finding.subject.object));
  const findings = scanForSecrets(objects.map((entry) => ({ path: `generated/${tree.cluster}/${entry.path}`, object: entry.object })))
    .filter((finding) => !(finding.kind === "plaintext-secret" && flagged.has(byPath.get(finding.path.slice(`generated/${tree.cluster}/`.length))?.object as ApiObject)));
  for (const problem of secretScanProblems(findings)) problems.push(problem);
  timings.policies = performance.now() - started;

  started = performance.now();
  const builds = await buildWithKustomize(root, buildTargets(tree.cluster, objects.map((entry) => entry.object as unknown as Record<string, unknown>)));
  for (const build of builds) if (build.problem !== undefined) problems.push(build.problem);
  timings.kustomize = performance.now() - started;

  return { cluster: tree.cluster, objects: objects.length, builds: builds.length, problems, allowedMissing, timings };
}
