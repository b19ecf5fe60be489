/**
 * The pod specs of workload objects as the policies that look at
 * containers read them.
 */
import type { PodTemplate } from "../resource/pod-template.ts";

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

/** Every container of a pod spec with its field path. */
export function containersOf(template: PodTemplate<PodSpecView>): { readonly path: string; readonly container: ContainerView; readonly init: boolean }[] {
  const list: { path: string; container: ContainerView; init: boolean }[] = [];
  (template.spec.initContainers ?? []).forEach((container, i) => list.push({ path: `${template.path}.initContainers[${i}]`, container, init: true }));
  (template.spec.containers ?? []).forEach((container, i) => list.push({ path: `${template.path}.containers[${i}]`, container, init: false }));
  return list;
}

