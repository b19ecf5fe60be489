/**
 * Finding the pod template of a workload object: where its pod spec sits,
 * the labels its pods get, and whether they run to completion. Policies,
 * the architecture page and the test helpers all read pods through it.
 */
import { asObject, type JsonMap } from "./json-fields.ts";

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

/** Where a workload kind keeps its pod template. */
interface TemplateShape {
  /** The keys from the object's root to the template. */
  readonly keys: readonly string[];
  /** The field path of the pod spec, e.g. `spec.template.spec`. */
  readonly path: string;
  /** Whether its pods run to completion. */
  readonly runsToCompletion: boolean;
}

/** The shape of a kind whose pod template sits at `keys`. */
function shape(keys: readonly string[], runsToCompletion = false): TemplateShape {
  return { keys, path: [...keys, "spec"].join("."), runsToCompletion };
}

/** Where each workload kind keeps its pod template. */
const TEMPLATE_SHAPES: ReadonlyMap<string, TemplateShape> = new Map([
  ["Deployment", shape(["spec", "template"])],
  ["StatefulSet", shape(["spec", "template"])],
  ["DaemonSet", shape(["spec", "template"])],
  ["ReplicaSet", shape(["spec", "template"])],
  ["Rollout", shape(["spec", "template"])],
  ["Job", shape(["spec", "template"], true)],
  ["CronJob", shape(["spec", "jobTemplate", "spec", "template"], true)],
]);

/**
 * Returns the pod template of a workload object (a kind with a pod
 * template, or a bare `v1` Pod), or `undefined` for other kinds and for a
 * workload without a pod spec.
 *
 * @typeParam Spec - the shape the caller reads the pod spec as; the spec is
 *   a JSON object, its fields are not checked. @default JsonMap
 */
export function podTemplateOf<Spec extends object = JsonMap>(object: unknown): PodTemplate<Spec> | undefined {
  const root = asObject(object);
  const kind = root?.kind;
  if (root === undefined || typeof kind !== "string") return undefined;
  if (kind === "Pod") {
    if (root.apiVersion !== "v1") return undefined;
    const spec = asObject(root.spec);
    return spec === undefined ? undefined : { path: "spec", spec: spec as Spec, labels: labelsOf(root), runsToCompletion: false };
  }
  const found = TEMPLATE_SHAPES.get(kind);
  if (found === undefined) return undefined;
  let template: JsonMap | undefined = root;
  for (const key of found.keys) template = asObject(template?.[key]);
  const spec = asObject(template?.spec);
  if (template === undefined || spec === undefined) return undefined;
  return { path: found.path, spec: spec as Spec, labels: labelsOf(template), runsToCompletion: found.runsToCompletion };
}

/** The labels of an object or template (`{}` when it sets none). */
function labelsOf(value: JsonMap): Readonly<Record<string, string>> {
  return (asObject(asObject(value.metadata)?.labels) ?? {}) as Record<string, string>;
}
