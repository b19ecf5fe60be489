/**
 * Finding the pod templates of workload objects, for the policies that
 * look at containers.
 */
import { at } from "../resource/json-fields.ts";

/** A container as the policies read it. */
export interface ContainerView {
  readonly name?: string;
  readonly image?: string;
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
  readonly readinessProbe?: unknown;
  readonly livenessProbe?: unknown;
  readonly securityContext?: {
    readonly runAsNonRoot?: boolean;
    readonly runAsUser?: number;
    readonly allowPrivilegeEscalation?: boolean;
    readonly readOnlyRootFilesystem?: boolean;
    readonly privileged?: boolean;
    readonly capabilities?: { readonly drop?: readonly string[] };
  };
}

/** A pod spec as the policies read it. */
export interface PodSpecView {
  readonly containers?: readonly ContainerView[];
  readonly initContainers?: readonly ContainerView[];
  readonly securityContext?: { readonly runAsNonRoot?: boolean; readonly runAsUser?: number };
}

/** A workload's pod template and where it sits. */
export interface PodTemplate {
  /** The field path of the pod spec, e.g. `spec.template.spec`. */
  readonly path: string;
  /** The pod spec. */
  readonly spec: PodSpecView;
  /** The pod template's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Whether the pods run to completion (Jobs, CronJobs), which need no probes. */
  readonly runsToCompletion: boolean;
}


const TEMPLATE_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout"]);

/** Returns the pod template of a workload object, or `undefined` for other kinds. */
export function podTemplateOf(object: { readonly kind: string; readonly apiVersion: string }): PodTemplate | undefined {
  if (object.kind === "Pod" && object.apiVersion === "v1") {
    const spec = at(object, "spec") as PodSpecView | undefined;
    return spec === undefined ? undefined : { path: "spec", spec, labels: (at(object, "metadata", "labels") ?? {}) as Record<string, string>, runsToCompletion: false };
  }
  if (TEMPLATE_KINDS.has(object.kind)) {
    const spec = at(object, "spec", "template", "spec") as PodSpecView | undefined;
    if (spec === undefined) return undefined;
    return { path: "spec.template.spec", spec, labels: (at(object, "spec", "template", "metadata", "labels") ?? {}) as Record<string, string>, runsToCompletion: false };
  }
  if (object.kind === "Job") {
    const spec = at(object, "spec", "template", "spec") as PodSpecView | undefined;
    return spec === undefined ? undefined : { path: "spec.template.spec", spec, labels: {}, runsToCompletion: true };
  }
  if (object.kind === "CronJob") {
    const spec = at(object, "spec", "jobTemplate", "spec", "template", "spec") as PodSpecView | undefined;
    return spec === undefined ? undefined : { path: "spec.jobTemplate.spec.template.spec", spec, labels: {}, runsToCompletion: true };
  }
  return undefined;
}

/** Every container of a pod spec with its field path. */
export function containersOf(template: PodTemplate): { readonly path: string; readonly container: ContainerView; readonly init: boolean }[] {
  const list: { path: string; container: ContainerView; init: boolean }[] = [];
  (template.spec.initContainers ?? []).forEach((container, i) => list.push({ path: `${template.path}.initContainers[${i}]`, container, init: true }));
  (template.spec.containers ?? []).forEach((container, i) => list.push({ path: `${template.path}.containers[${i}]`, container, init: false }));
  return list;
}

