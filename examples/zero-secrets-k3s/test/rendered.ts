/**
 * The project's clusters rendered in memory, with their objects as plain
 * JSON (what the YAML says), for tests that state architectural facts.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderProject, type RenderedProject, type RenderedTree } from "@typed-gitops/lib";

/** The project root: the folder holding clusters/. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A plain JSON object. */
export type Json = Record<string, any>;

/** One rendered object: its file, the folder of the component that made it, and its JSON. */
export interface Rendered {
  readonly path: string;
  readonly component: string;
  readonly json: Json;
}

/** A rendered cluster with lookups by kind and name. */
export interface RenderedCluster {
  readonly project: RenderedProject;
  readonly tree: RenderedTree;
  readonly all: readonly Rendered[];
  /** The objects of a kind, optionally of one apiVersion. */
  ofKind(kind: string, apiVersion?: string): Rendered[];
  /** The one object of a kind with this namespace and name; throws when there is none. */
  get(kind: string, namespace: string | undefined, name: string): Rendered;
}

let project: Promise<RenderedProject> | undefined;

/** Renders the project once per test file and returns one of its clusters. */
export async function renderedCluster(name: string): Promise<RenderedCluster> {
  project ??= renderProject(root);
  const rendered = await project;
  const tree = rendered.trees.find((candidate) => candidate.cluster === name);
  if (tree === undefined) throw new Error(`no cluster ${name} in ${rendered.trees.map((candidate) => candidate.cluster).join(", ")}`);
  const all = [...tree.objects.entries()].map(([path, { component, object }]) => ({ path, component, json: JSON.parse(JSON.stringify(object)) as Json }));
  const ofKind = (kind: string, apiVersion?: string) => all.filter(({ json }) => json.kind === kind && (apiVersion === undefined || json.apiVersion === apiVersion));
  const get = (kind: string, namespace: string | undefined, objectName: string) => {
    const found = ofKind(kind).find(({ json }) => json.metadata?.name === objectName && json.metadata?.namespace === namespace);
    if (found === undefined) throw new Error(`no ${kind} ${namespace ?? ""}/${objectName} in cluster ${name}`);
    return found;
  };
  return { project: rendered, tree, all, ofKind, get };
}

/** The namespace and name of an object, as `namespace/name` (or `name` for cluster-scoped ones). */
export function idOf(json: Json): string {
  return json.metadata?.namespace === undefined ? json.metadata?.name : `${json.metadata.namespace}/${json.metadata.name}`;
}

/** The pod templates of the workloads rendered in the tree (charts' pods are not in the tree). */
export function podSpecs(cluster: RenderedCluster): { id: string; component: string; spec: Json }[] {
  return ["Deployment", "StatefulSet", "DaemonSet", "Job"].flatMap((kind) =>
    cluster.ofKind(kind).map(({ json, component }) => ({ id: `${kind} ${idOf(json)}`, component, spec: json.spec.template.spec as Json })),
  );
}

/** The Secrets a pod spec reads: env valueFrom, envFrom and volumes. */
export function secretsReadBy(spec: Json): string[] {
  const names = new Set<string>();
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const env of container.env ?? []) if (env.valueFrom?.secretKeyRef?.name) names.add(env.valueFrom.secretKeyRef.name);
    for (const source of container.envFrom ?? []) if (source.secretRef?.name) names.add(source.secretRef.name);
  }
  for (const volume of spec.volumes ?? []) if (volume.secret?.secretName) names.add(volume.secret.secretName);
  return [...names].sort();
}
