/**
 * Workloads of the tree and what they reference: the pods a Service
 * selects, the Secrets a pod reads, the images its containers run.
 */
import { asArray, asObject, asString, at, type JsonMap } from "../resource/json-fields.ts";
import { podTemplateOf } from "../resource/pod-template.ts";
import type { PageObject } from "./page-objects.ts";
import { ScopedMemo } from "../resource/scoped-memo.ts";

/** A workload and its pod template. */
export interface Workload {
  /** The object. */
  readonly object: PageObject;
  /** The pod template's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The pod spec. */
  readonly spec: JsonMap;
}

/** The workloads of the tree (objects with a pod template, and bare Pods). */
function findWorkloads(objects: readonly PageObject[]): readonly Workload[] {
  const list: Workload[] = [];
  for (const object of objects) {
    const template = podTemplateOf(object.json);
    if (template !== undefined) list.push({ object, labels: template.labels, spec: template.spec });
  }
  return list;
}

/** The workloads of the page being rendered, found once for every section. */
const workloads = new ScopedMemo(findWorkloads);

/**
 * Runs `render` with the workloads of `objects` found once and shared by
 * every section that reads them, instead of once per section. The objects
 * must not change while it runs.
 */
export function sharingWorkloads<T>(objects: readonly PageObject[], render: () => T): T {
  return workloads.during(objects, render);
}

/** The workloads of the tree (objects with a pod template, and bare Pods). */
export function workloadsOf(objects: readonly PageObject[]): readonly Workload[] {
  return workloads.of(objects);
}

/** Every container (init containers included) of a pod spec. */
export function containersOf(spec: JsonMap): JsonMap[] {
  return [...asArray(spec.initContainers), ...asArray(spec.containers)].map(asObject).filter((container): container is JsonMap => container !== undefined);
}

/** Whether a selector (a Service's `spec.selector`) selects pods with these labels. */
export function selects(selector: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** The names of the Secrets a pod spec reads, in code-unit order: env, envFrom, volumes, projected volumes and image pull secrets. */
export function secretsReadBy(spec: JsonMap): string[] {
  const names = new Set<string>();
  const add = (value: unknown) => {
    const name = asString(value);
    if (name !== undefined) names.add(name);
  };
  for (const container of containersOf(spec)) {
    for (const source of asArray(container.envFrom)) add(at(source, "secretRef", "name"));
    for (const variable of asArray(container.env)) add(at(variable, "valueFrom", "secretKeyRef", "name"));
  }
  for (const volume of asArray(spec.volumes)) {
    add(at(volume, "secret", "secretName"));
    for (const source of asArray(at(volume, "projected", "sources"))) add(at(source, "secret", "name"));
  }
  for (const pullSecret of asArray(spec.imagePullSecrets)) add(at(pullSecret, "name"));
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
