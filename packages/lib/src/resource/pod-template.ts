/**
 * Finding the pod template of a workload object: where its pod spec sits,
 * the labels its pods get, and whether they run to completion. Policies,
 * the architecture page and the test helpers all read pods through it.
 */
import { asObject, at, type JsonMap } from "./json-fields.ts";

/** A workload's pod template and where it sits. */
export interface PodTemplate<Spec extends object = JsonMap> {
  /** The field path of the pod spec, e.g. `spec.template.spec`. */
  readonly path: string;
  /** The pod spec. */
  readonly spec: Spec;
  /** The labels of its pods (`{}` when it sets none). */
  readonly labels: Readonly<Record<string, string>>;
  /** Whether the pods run to completion (Jobs, CronJobs), which need no probes. */
  readonly runsToCompletion: boolean;
}

/** Where each workload kind keeps its pod template, as keys from the object's root. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  Rollout: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/** Kinds whose pods run to completion. */
const RUN_TO_COMPLETION = new Set(["Job", "CronJob"]);

/**
 * Returns the pod template of a workload object (a kind with a pod
 * template, or a bare `v1` Pod), or `undefined` for other kinds and for a
 * workload without a pod spec.
 *
 * @typeParam Spec - the shape the caller reads the pod spec as; the spec is
 *   a JSON object, its fields are not checked. @default JsonMap
 */
export function podTemplateOf<Spec extends object = JsonMap>(object: unknown): PodTemplate<Spec> | undefined {
  const kind = at(object, "kind");
  if (kind === "Pod" && at(object, "apiVersion") === "v1") {
    const spec = asObject(at(object, "spec"));
    return spec === undefined ? undefined : { path: "spec", spec: spec as Spec, labels: labelsAt(object, "metadata"), runsToCompletion: false };
  }
  const keys = typeof kind === "string" && Object.hasOwn(TEMPLATE_PATHS, kind) ? TEMPLATE_PATHS[kind] : undefined;
  if (keys === undefined) return undefined;
  const template = asObject(at(object, ...keys));
  const spec = asObject(template?.spec);
  if (spec === undefined) return undefined;
  return { path: [...keys, "spec"].join("."), spec: spec as Spec, labels: labelsAt(template, "metadata"), runsToCompletion: RUN_TO_COMPLETION.has(kind as string) };
}

function labelsAt(value: unknown, ...keys: string[]): Readonly<Record<string, string>> {
  return (asObject(at(value, ...keys, "labels")) ?? {}) as Record<string, string>;
}
