/**
 * The Flux ImagePolicy (`image.toolkit.fluxcd.io/v1`): which of an
 * ImageRepository's tags is the latest, by semver range, number or
 * alphabet. Image automation writes that tag to the files that name the
 * policy in a marker.
 */
import type { ImagePolicy } from "@kubernetes-models/flux-cd/image.toolkit.fluxcd.io/v1/ImagePolicy";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, namespacedRef, namespaceName, objectName, oneOfKeys, refOf, requiredError, requiredString } from "./props.ts";

/** The ImagePolicy model, loaded when the builder first runs. */
const imagePolicyModel = lazyModel<typeof import("@kubernetes-models/flux-cd/image.toolkit.fluxcd.io/v1/ImagePolicy")>(import.meta.resolve("@kubernetes-models/flux-cd/image.toolkit.fluxcd.io/v1/ImagePolicy"));

const order = z
  .object(
    {
      /**
       * `asc` selects the highest tag, `desc` the lowest.
       * @default "asc"
       */
      order: z.enum(["asc", "desc"]).default("asc").describe("asc selects the highest tag, desc the lowest. Default: asc."),
    },
    { error: requiredError },
  )
  .strict();

/** The props of {@link imagePolicy}. */
export const imagePolicyProps = z
  .object({
    /** The ImagePolicy's name, a DNS-1123 subdomain; markers name it as `<namespace>:<name>`. */
    name: objectName().describe("The ImagePolicy's name, a DNS-1123 subdomain."),
    /** The namespace of the ImagePolicy, a DNS-1123 label; the ImageUpdateAutomation must be in it too. */
    namespace: namespaceName().describe("The namespace of the ImagePolicy."),
    /** The ImageRepository whose tags are chosen from: a name in the same namespace, or `{ name, namespace }`. */
    imageRepositoryRef: namespacedRef().describe("The ImageRepository: a name, or { name, namespace }."),
    /**
     * How the latest tag is chosen: exactly one of `semver: { range }`,
     * `numerical: { order }` or `alphabetical: { order }`.
     */
    policy: oneOfKeys({
      semver: z
        .object({
          /** A semver range, e.g. `>=1.0.0` or `6.x`. */
          range: requiredString().describe("A semver range, e.g. >=1.0.0."),
        }, { error: requiredError })
        .strict()
        .describe("The highest tag in a semver range."),
      numerical: order.describe("The highest (asc) or lowest (desc) number, e.g. a build timestamp."),
      alphabetical: order.describe("The last (asc) or first (desc) tag in alphabetical order."),
    }).describe("How the latest tag is chosen: semver, numerical or alphabetical."),
    /**
     * Which tags are considered, and the part of them compared: `pattern` (a
     * Go regular expression) and `extract` (e.g. `$ts` for a group `(?P<ts>…)`).
     * @default none: every tag, compared whole
     */
    filterTags: z
      .object({
        /** A Go regular expression the tags must match. */
        pattern: requiredString().describe("A Go regular expression the tags must match."),
        /**
         * The part of the tag to compare, from the pattern's groups, e.g. `$ts`.
         * @default the whole tag
         */
        extract: requiredString().optional().describe("The part of the tag to compare, e.g. $ts. Default: the whole tag."),
      })
      .strict()
      .optional()
      .describe("Which tags are considered and what part is compared. Default: every tag, whole."),
  })
  .strict();

/** The input of {@link imagePolicy}. */
export type ImagePolicyInput = z.input<typeof imagePolicyProps>;

/**
 * Builds a Flux ImagePolicy.
 *
 * @example
 * imagePolicy({ name: "podinfo", namespace: "flux-system", imageRepositoryRef: "podinfo", policy: { semver: { range: "6.x" } } });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function imagePolicy(input: ImagePolicyInput): ImagePolicy {
  const props = parseProps(imagePolicyProps, input, builderWhere("imagePolicy", input));
  return new (imagePolicyModel().ImagePolicy)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: { imageRepositoryRef: refOf(props.imageRepositoryRef), policy: props.policy, filterTags: props.filterTags },
  });
}
