/**
 * Container resource props: CPU and memory requests and limits, either
 * with defaults (for containers a component sizes itself) or all optional
 * (for charts whose own defaults apply when none are given).
 */
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import { z } from "zod";
import { quantity } from "./quantity.ts";

/** The defaults of a {@link resourcesProp}. */
export interface ResourcesDefaults {
  /** The default CPU request, e.g. `100m`. */
  readonly cpu: string;
  /** The default memory request, e.g. `128Mi`. */
  readonly memory: string;
  /** The default memory limit, e.g. `256Mi`. */
  readonly memoryLimit: string;
}

/** The parsed {@link resourcesProp}: CPU and memory requests, a memory limit and, only when given, a CPU limit. */
export interface ContainerResources {
  /** What the scheduler reserves. */
  readonly requests: { readonly cpu: string; readonly memory: string };
  /** The memory limit, and a CPU limit when one is given. */
  readonly limits: { readonly memory: string; readonly cpu?: string | undefined };
}

/**
 * A container's `resources` prop: CPU and memory requests and a memory
 * limit, each with its default, and an optional CPU limit (none by
 * default: CPU limits throttle).
 *
 * @param defaults - the default requests and memory limit.
 * @param what - the container, for the description, e.g. `each Prometheus Pod`.
 */
export function resourcesProp(defaults: ResourcesDefaults, what: string) {
  return z
    .object({
      requests: z
        .object({
          cpu: quantity().default(defaults.cpu).describe(`The CPU request. Default: ${defaults.cpu}.`),
          memory: quantity().default(defaults.memory).describe(`The memory request. Default: ${defaults.memory}.`),
        })
        .strict()
        .prefault({})
        .describe("What the scheduler reserves."),
      limits: z
        .object({
          memory: quantity().default(defaults.memoryLimit).describe(`The memory limit. Default: ${defaults.memoryLimit}.`),
          cpu: quantity().optional().describe("A CPU limit. Default: none (CPU limits throttle)."),
        })
        .strict()
        .prefault({})
        .describe("The memory limit and an optional CPU limit."),
    })
    .strict()
    .prefault({})
    .describe(`The resources of ${what}. Default: requests ${defaults.cpu} CPU and ${defaults.memory} memory, memory limit ${defaults.memoryLimit}, no CPU limit.`);
}

/** A parsed {@link resourcesProp} as a container's `resources`, without a CPU limit unless one was given. */
export function resourceRequirements(resources: ContainerResources): IResourceRequirements {
  const limits: Record<string, string> = { memory: resources.limits.memory };
  if (resources.limits.cpu !== undefined) limits.cpu = resources.limits.cpu;
  return { requests: { cpu: resources.requests.cpu, memory: resources.requests.memory }, limits };
}

/** CPU and memory of one side (requests or limits), each optional. */
const resourceAmounts = z
  .object({
    cpu: quantity().optional().describe("CPU, e.g. 500m or 2. Default: none."),
    memory: quantity().optional().describe("Memory, e.g. 512Mi or 2Gi. Default: none."),
  })
  .strict();

/** Container resources as charts take them: requests and limits of CPU and memory, all optional (the chart's own apply). */
export const optionalResourcesSchema = z
  .object({
    requests: resourceAmounts.optional().describe("What the scheduler reserves. Default: none."),
    limits: resourceAmounts.optional().describe("The most the container may use. Default: none."),
  })
  .strict();

/** The parsed form of {@link optionalResourcesSchema}. */
export type OptionalResources = z.output<typeof optionalResourcesSchema>;

/** {@link OptionalResources} in the shape Kubernetes and the charts take, leaving out empty sides; `undefined` when nothing is set. */
export function resourcesOf(resources: OptionalResources | undefined): { requests?: Record<string, string>; limits?: Record<string, string> } | undefined {
  if (resources === undefined) return undefined;
  const side = (amounts: z.output<typeof resourceAmounts> | undefined) => {
    if (amounts === undefined) return undefined;
    const out: Record<string, string> = {};
    if (amounts.cpu !== undefined) out.cpu = amounts.cpu;
    if (amounts.memory !== undefined) out.memory = amounts.memory;
    return Object.keys(out).length === 0 ? undefined : out;
  };
  const requests = side(resources.requests);
  const limits = side(resources.limits);
  if (requests === undefined && limits === undefined) return undefined;
  return { ...(requests === undefined ? {} : { requests }), ...(limits === undefined ? {} : { limits }) };
}
