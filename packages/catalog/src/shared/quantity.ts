/**
 * Kubernetes resource quantities (`100m`, `1.5`, `512Mi`, `2Gi`, `1e3`), as
 * the API server parses them for CPU, memory and storage.
 */
import { z } from "zod";

/** A Kubernetes quantity: the pattern of `resource.Quantity` in the Kubernetes OpenAPI schemas. */
export const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/**
 * A quantity prop.
 *
 * @param examples - the examples its error message gives. @default `100m, 512Mi or 2Gi`
 */
export function quantity(examples = "100m, 512Mi or 2Gi"): z.ZodString {
  return z.string().regex(QUANTITY, `expected a Kubernetes quantity such as ${examples}`);
}
