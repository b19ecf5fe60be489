/**
 * A rendered cluster for tests that state facts about a platform — which
 * Secrets each app reads, which Services are exposed, which namespaces are
 * fenced — over its objects as plain JSON, exactly what the YAML says.
 */
import { podTemplateOf } from "../resource/pod-template.ts";
import { renderProject, type RenderedProject } from "../project/generate.ts";
import type { RenderedTree } from "../render/render-cluster.ts";
import type { JsonMap } from "../resource/json-fields.ts";

/**
 * One rendered object.
 *
 * @typeParam J - how tests see a manifest; `JsonMap` by default, or a
 *   looser type of their own for deep field access.
 */
export interface RenderedObject<J extends object = JsonMap> {
  /** Its file, relative to `generated/<cluster>/`. */
  readonly path: string;
  /** The folder of the component that made it, e.g. `apps/web`. */
  readonly component: string;
  /** The manifest as plain JSON. */
  readonly json: J;
}

/** A rendered cluster with lookups by kind and by namespace and name. */
export interface RenderedCluster<J extends object = JsonMap> {
  /** The rendered project the cluster belongs to. */
  readonly project: RenderedProject;
  /** The cluster's tree. */
  readonly tree: RenderedTree;
  /** Every object of the tree, in file order. */
  readonly all: readonly RenderedObject<J>[];
  /** The objects of a kind, of one `apiVersion` when given. */
  ofKind(kind: string, apiVersion?: string): RenderedObject<J>[];
  /**
   * The one object of a kind with this namespace (`undefined` for
   * cluster-scoped objects) and name.
   *
   * @throws {Error} when there is none.
   */
  get(kind: string, namespace: string | undefined, name: string): RenderedObject<J>;
}

/** Projects already rendered in this process, by root: a test file renders its project once. */
const rendered = new Map<string, Promise<RenderedProject>>();

/**
 * Renders the project at `root` (once per process; validation included)
 * and returns its cluster `name`.
 *
 * @throws {UserError} for the project's definition problems.
 * @throws {Error} when the project has no such cluster.
 */
export async function renderedCluster<J extends object = JsonMap>(root: string, name: string): Promise<RenderedCluster<J>> {
  let project = rendered.get(root);
  if (project === undefined) {
    project = renderProject(root);
    rendered.set(root, project);
  }
  const done = await project;
  const tree = done.trees.find((candidate) => candidate.cluster === name);
  if (tree === undefined) throw new Error(`no cluster ${name} in ${done.trees.map((candidate) => candidate.cluster).join(", ")}`);
  const all = [...tree.objects].map(([path, { component, object }]) => ({ path, component, json: JSON.parse(JSON.stringify(object)) as J }));
  const fields = (json: J) => json as unknown as { readonly apiVersion?: unknown; readonly kind?: unknown; readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown } };
  const ofKind = (kind: string, apiVersion?: string) => all.filter(({ json }) => fields(json).kind === kind && (apiVersion === undefined || fields(json).apiVersion === apiVersion));
  const get = (kind: string, namespace: string | undefined, objectName: string) => {
    const found = ofKind(kind).find(({ json }) => fields(json).metadata?.name === objectName && fields(json).metadata?.namespace === namespace);
    if (found === undefined) throw new Error(`no ${kind} ${namespace ?? ""}/${objectName} in cluster ${name}`);
    return found;
  };
  return { project: done, tree, all, ofKind, get };
}

/** The namespace and name of a manifest, as `namespace/name`, or `name` for a cluster-scoped one. */
export function objectId(json: object): string {
  const metadata = (json as { readonly metadata?: { readonly name?: string; readonly namespace?: string } }).metadata;
  return metadata?.namespace === undefined ? String(metadata?.name) : `${metadata.namespace}/${metadata.name ?? ""}`;
}

/**
 * The pod specs of the workloads in the tree (every kind with a pod
 * template, and bare Pods), each with its id (`Deployment web/web`) and
 * component. Pods that Helm charts create are not in the tree.
 */
export function podSpecs<J extends object>(cluster: RenderedCluster<J>): { readonly id: string; readonly component: string; readonly spec: J }[] {
  const specs: { id: string; component: string; spec: J }[] = [];
  for (const { json, component } of cluster.all) {
    const template = podTemplateOf<J>(json);
    if (template !== undefined) specs.push({ id: `${(json as { kind?: string }).kind} ${objectId(json)}`, component, spec: template.spec });
  }
  return specs;
}
