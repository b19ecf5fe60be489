/**
 * The scaling props of istiod and the ingress gateway: a fixed replica
 * count, or a HorizontalPodAutoscaler range.
 */
import { z } from "zod";

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
