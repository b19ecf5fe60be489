/**
 * Choosing a change to a cluster's definition for the update test, from its
 * rendered tree, so the test follows the project as it evolves: remove one
 * app component, scale a Deployment of another app by one and change a
 * value of its ConfigMap. The first candidate that `gen` accepts is used
 * (removing an app that something else references is rejected by gen's
 * graph check, as it should be).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../kube/client.ts";
import { writeChangedDefinition, type DefinitionChange, type FieldChange } from "./change-definition.ts";
import { renderCluster } from "./copy-project.ts";

/** The value the update test writes into a ConfigMap. */
export const CHANGED_VALUE = "changed by the e2e test";

/**
 * The component folders of a cluster's tree (every folder with objects,
 * outside `flux-system`), each with its objects; those under `apps/` first.
 */
export function treeComponents(root: string, cluster: string): Map<string, KubeObject[]> {
  const base = join(root, "generated", cluster);
  const components = new Map<string, KubeObject[]>();
  const walk = (folder: string): void => {
    if (!existsSync(folder)) return;
    const objects: KubeObject[] = [];
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else if (/\.ya?ml$/.test(entry.name) && entry.name !== "kustomization.yaml") {
        for (const document of parseAllDocuments(readFileSync(join(folder, entry.name), "utf8"))) {
          const object = document.toJS() as KubeObject | null;
          if (object !== null) objects.push(object);
        }
      }
    }
    if (objects.length > 0) components.set(relative(base, folder), objects);
  };
  for (const entry of readdirSync(base, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== "flux-system") walk(join(base, entry.name));
  }
  const isApp = (key: string): number => (key.startsWith("apps/") ? 0 : 1);
  return new Map([...components].sort(([a], [b]) => isApp(a) - isApp(b) || (a < b ? -1 : a > b ? 1 : 0)));
}

/** Reads a field of an object by path. */
export function fieldAt(object: unknown, path: readonly string[]): unknown {
  let node = object;
  for (const step of path) node = node === null || typeof node !== "object" ? undefined : (node as Record<string, unknown>)[step];
  return node;
}

/**
 * The value changes made to one component: its HorizontalPodAutoscaler's
 * maxReplicas (or the replicas of a Deployment running two or more) go up
 * by one, and a ConfigMap value is set (or, without a ConfigMap, an
 * annotation).
 */
function valueChanges(objects: readonly KubeObject[]): FieldChange[] {
  const at = (object: KubeObject) => ({ apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace ?? "", name: object.metadata.name });
  const changes: FieldChange[] = [];
  // an autoscaler's ceiling, or the replicas of a Deployment that already runs
  // several (going from 1 to 2 would need a PodDisruptionBudget)
  const autoscaler = objects.find((object) => object.kind === "HorizontalPodAutoscaler" && typeof fieldAt(object, ["spec", "maxReplicas"]) === "number");
  const deployment = objects.find((object) => object.kind === "Deployment" && ((fieldAt(object, ["spec", "replicas"]) as number | undefined) ?? 0) >= 2);
  if (autoscaler !== undefined) changes.push({ ...at(autoscaler), path: ["spec", "maxReplicas"], value: (fieldAt(autoscaler, ["spec", "maxReplicas"]) as number) + 1 });
  else if (deployment !== undefined) changes.push({ ...at(deployment), path: ["spec", "replicas"], value: (fieldAt(deployment, ["spec", "replicas"]) as number) + 1 });
  const configMap = objects.find((object) => object.kind === "ConfigMap" && Object.keys((object.data ?? {}) as object).length > 0);
  const annotated = objects.find((object) => object.kind === "Deployment") ?? objects.find((object) => object.kind !== "Namespace");
  if (configMap !== undefined) changes.push({ ...at(configMap), path: ["data", Object.keys(configMap.data as object)[0]!], value: CHANGED_VALUE });
  else if (annotated !== undefined) changes.push({ ...at(annotated), path: ["metadata", "annotations", CHANGED_ANNOTATION], value: CHANGED_VALUE });
  return changes;
}

/** The annotation set when an app has no ConfigMap to change. */
export const CHANGED_ANNOTATION = "e2e.typed-gitops.example/changed";

/** At most this many candidates are tried (each is one `gen`). */
const MAXIMUM_CANDIDATES = 8;

/**
 * Candidate changes: each removes one app (a component under `apps/`) and
 * changes values of another component, an app when there is one.
 */
export function candidateChanges(root: string, cluster: string): DefinitionChange[] {
  const components = treeComponents(root, cluster);
  const candidates: DefinitionChange[] = [];
  for (const removed of [...components.keys()].filter((key) => key.startsWith("apps/"))) {
    for (const [changed, objects] of components) {
      if (changed === removed) continue;
      const setFields = valueChanges(objects);
      if (setFields.length > 0) candidates.push({ removeComponents: [removed], setFields });
    }
  }
  return candidates.slice(0, MAXIMUM_CANDIDATES);
}

/** The change `gen` accepted, and why the ones before it were rejected. */
export interface AppliedChange {
  readonly change: DefinitionChange;
  readonly rejected: readonly string[];
}

/**
 * Writes each candidate into the copy's definition and renders, until gen
 * accepts one.
 *
 * @throws {Error} when gen rejects every candidate, with each rejection.
 */
export async function applyFirstAcceptedChange(project: string, cluster: string, candidates: readonly DefinitionChange[]): Promise<AppliedChange> {
  const rejected: string[] = [];
  for (const change of candidates) {
    writeChangedDefinition(project, cluster, change);
    // a failed gen leaves generated/ as it was
    try {
      await renderCluster(project, cluster);
      return { change, rejected };
    } catch (error) {
      rejected.push(`${JSON.stringify(change)}: ${(error as Error).message}`);
    }
  }
  throw new Error(`gen rejected every candidate change of ${cluster}:\n${rejected.join("\n") || "(there was no app component to change)"}`);
}
