/**
 * What the API server should hold once a tree is reconciled: the Flux
 * Kustomizations reachable from the cluster's sync Kustomization, and for
 * each the objects that `kustomize build` of its path produces (the pinned
 * kustomize, as kustomize-controller builds it).
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { resolveTool } from "@typed-gitops/lib/tooling";
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../kube/client.ts";
import { REPOSITORY_ROOT } from "../paths.ts";
import { isFluxKustomization, yamlFiles } from "./stage-tree.ts";

const run = promisify(execFile);

/** One Flux Kustomization of the tree and what it applies. */
export interface ExpectedKustomization {
  /** `namespace/name`. */
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  /** The names of the Kustomizations it depends on (same namespace unless given). */
  readonly dependsOn: readonly string[];
  /** Its `spec.path`. */
  readonly path: string;
  /** The objects its path builds to; empty when the build failed. */
  readonly objects: readonly KubeObject[];
  /** kustomize's error, when the path does not build (a broken tree). */
  readonly buildError?: string;
}

/** An object's identity, `group/kind namespace/name`, for messages and maps. */
export function objectId(object: KubeObject): string {
  const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "core";
  return `${group}/${object.kind} ${object.metadata.namespace ?? ""}/${object.metadata.name}`.replace(" /", " ");
}

async function build(root: string, path: string): Promise<{ objects: KubeObject[]; error?: string }> {
  const kustomize = resolveTool(REPOSITORY_ROOT, "kustomize");
  try {
    const { stdout } = await run(kustomize, ["build", join(root, path)], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    const objects = parseAllDocuments(stdout)
      .map((document) => document.toJS() as KubeObject | null)
      .filter((object): object is KubeObject => object !== null);
    return { objects };
  } catch (error) {
    return { objects: [], error: String((error as { stderr?: string }).stderr ?? (error as Error).message).trim() };
  }
}

/** Finds the cluster's sync Kustomization (`flux-system/flux-system`) in the staged tree. */
export function syncKustomization(root: string, cluster: string): KubeObject {
  for (const file of yamlFiles(join(root, "generated", cluster))) {
    for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
      const object = document.toJS() as KubeObject | null;
      if (isFluxKustomization(object) && object.metadata.name === "flux-system" && (object.metadata.namespace ?? "flux-system") === "flux-system") return object;
    }
  }
  throw new Error(`generated/${cluster}: no Flux Kustomization flux-system/flux-system (the harness needs a tree that Flux syncs from manifests)`);
}

/**
 * Builds the expected state of a staged tree, starting at its sync
 * Kustomization and following every Flux Kustomization its objects include.
 */
export async function expectedState(root: string, cluster: string): Promise<ExpectedKustomization[]> {
  const queue: KubeObject[] = [syncKustomization(root, cluster)];
  const seen = new Map<string, ExpectedKustomization>();
  while (queue.length > 0) {
    const kustomization = queue.shift()!;
    const namespace = kustomization.metadata.namespace ?? "flux-system";
    const id = `${namespace}/${kustomization.metadata.name}`;
    if (seen.has(id)) continue;
    const spec = kustomization.spec as { path?: string; dependsOn?: { name: string; namespace?: string }[] };
    const path = (spec.path ?? "./").replace(/^\.\//, "");
    const built = await build(root, path);
    seen.set(id, {
      id,
      name: kustomization.metadata.name,
      namespace,
      dependsOn: (spec.dependsOn ?? []).map((dependency) => `${dependency.namespace ?? namespace}/${dependency.name}`),
      path: spec.path ?? "./",
      objects: built.objects,
      ...(built.error === undefined ? {} : { buildError: built.error }),
    });
    for (const object of built.objects) if (isFluxKustomization(object)) queue.push(object);
  }
  return [...seen.values()];
}
