/**
 * Compute resources (CPU and memory requests and limits) as the Istio
 * charts take them for istiod, the sidecars and the gateway.
 */
import { z } from "zod";

const QUANTITY = /^([+]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const quantity = z.string().regex(QUANTITY, "expected a Kubernetes quantity such as 100m, 512Mi or 2");

const cpuMemory = z
  .object({
    cpu: quantity.optional().describe("CPU, e.g. 100m. Default: none."),
    memory: quantity.optional().describe("Memory, e.g. 128Mi. Default: none."),
  })
  .strict();

/** Requests and limits of one container. */
export const resourcesSchema = z
  .object({
    requests: cpuMemory.optional().describe("What the scheduler reserves. Default: none."),
    limits: cpuMemory.optional().describe("The most the container may use. Default: none."),
  })
  .strict();

/** The parsed form of {@link resourcesSchema}. */
export type Resources = z.output<typeof resourcesSchema>;

/** A replica count, or autoscaling between two counts. */
export const scalingFields = {
  replicas: z.number().int().min(1).optional().describe("A fixed replica count; excludes autoscale. Default: 1 when autoscale is not set."),
  autoscale: z
    .object({
      min: z.number().int().min(1).describe("The fewest replicas."),
      max: z.number().int().min(1).describe("The most replicas."),
    })
    .strict()
    .refine((range) => range.max >= range.min, { message: "max must be at least min", path: ["max"] })
    .optional()
    .describe("A HorizontalPodAutoscaler range on CPU; excludes replicas. Default: none (fixed replicas)."),
};
