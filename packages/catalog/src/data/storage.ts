/**
 * The volume props of the data components: the size and StorageClass of
 * the PersistentVolumeClaims their charts and operators create.
 */
import { z } from "zod";
import { quantity } from "../shared/quantity.ts";

/**
 * A PersistentVolumeClaim's size and StorageClass.
 *
 * @param defaultSize - the default size, e.g. `10Gi`.
 * @param what - the volume, for the description, e.g. `each pod's data volume`.
 */
export function storageSchema(defaultSize: string, what: string) {
  return z
    .object({
      size: quantity("10Gi").default(defaultSize).describe(`The size of ${what}. Default: ${defaultSize}.`),
      storageClass: z
        .string()
        .min(1)
        .optional()
        .describe("The StorageClass of the claim. Default: none, the cluster's default StorageClass."),
    })
    .strict();
}
