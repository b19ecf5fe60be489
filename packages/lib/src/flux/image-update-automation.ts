/**
 * The Flux ImageUpdateAutomation (`image.toolkit.fluxcd.io/v1`): checks out
 * a Git repository, rewrites the values marked with `$imagepolicy` markers
 * to the policies' latest images, and commits and pushes the change.
 */
import type { ImageUpdateAutomation } from "@kubernetes-models/flux-cd/image.toolkit.fluxcd.io/v1/ImageUpdateAutomation";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, duration, namespacedRef, namespaceName, objectName, refOf, relativePath, requiredError, requiredString } from "./props.ts";

/** The ImageUpdateAutomation model, loaded when the builder first runs. */
const imageUpdateAutomationModel = lazyModel<typeof import("@kubernetes-models/flux-cd/image.toolkit.fluxcd.io/v1/ImageUpdateAutomation")>(import.meta.resolve("@kubernetes-models/flux-cd/image.toolkit.fluxcd.io/v1/ImageUpdateAutomation"));

/** The props of {@link imageUpdateAutomation}. */
export const imageUpdateAutomationProps = z
  .object({
    /** The ImageUpdateAutomation's name, a DNS-1123 subdomain. */
    name: objectName().describe("The ImageUpdateAutomation's name, a DNS-1123 subdomain."),
    /** The namespace of the ImageUpdateAutomation, a DNS-1123 label; it applies the ImagePolicies of this namespace. */
    namespace: namespaceName().describe("The namespace of the ImageUpdateAutomation and its ImagePolicies."),
    /** The GitRepository to update: a name in the same namespace, or `{ name, namespace }`. */
    sourceRef: namespacedRef().describe("The GitRepository to update: a name, or { name, namespace }."),
    /** How to check out, commit and push. */
    git: z
      .object(
        {
          /** The branch to check out. */
          checkout: z
            .object(
              {
                /** The reference to check out. */
                ref: z
                  .object(
                    {
                      /** The branch to check out, e.g. `main`. */
                      branch: requiredString().describe("The branch to check out."),
                    },
                    { error: requiredError },
                  )
                  .strict()
                  .describe("The reference to check out."),
              },
              { error: requiredError },
            )
            .strict()
            .describe("The branch to check out."),
          /** The commit the automation makes. */
          commit: z
            .object(
              {
                /** The commit's author. */
                author: z
                  .object(
                    {
                      /** The author's name, e.g. `fluxcdbot`. */
                      name: requiredString().describe("The author's name."),
                      /** The author's e-mail address. */
                      email: z.email({ error: (iss) => (iss.input === undefined ? "is required" : "expected an e-mail address") }).describe("The author's e-mail address."),
                    },
                    { error: requiredError },
                  )
                  .strict()
                  .describe("The commit's author."),
                /**
                 * The commit message, a Go template over the update's result.
                 * @default none: Flux's message listing the changed images
                 */
                messageTemplate: requiredString().optional().describe("The commit message, a Go template. Default: Flux's message."),
              },
              { error: requiredError },
            )
            .strict()
            .describe("The commit the automation makes."),
          /**
           * Where to push the commit.
           * @default none: the checked-out branch
           */
          push: z
            .object({
              /** The branch to push to, e.g. `image-updates` for a pull-request flow. */
              branch: requiredString().describe("The branch to push to."),
            })
            .strict()
            .optional()
            .describe("Where to push. Default: the checked-out branch."),
        },
        { error: requiredError },
      )
      .strict()
      .describe("How to check out, commit and push."),
    /** Which files to update and how. */
    update: z
      .object(
        {
          /**
           * The file or folder with the marked values, relative to the repository
           * root; starts with `./` (e.g. `./clusters/production/images.yaml`).
           */
          path: relativePath().describe("The file or folder with the markers, relative to the repository root; starts with ./."),
          /**
           * How values are found: `Setters`, the `$imagepolicy` markers.
           * @default "Setters"
           */
          strategy: z.literal("Setters").default("Setters").describe("How values are found: Setters (markers). Default: Setters."),
        },
        { error: requiredError },
      )
      .strict()
      .describe("Which files to update and how."),
    /**
     * How often the automation runs.
     * @default "30m"
     */
    interval: duration().default("30m").describe("How often the automation runs. Default: 30m."),
  })
  .strict();

/** The input of {@link imageUpdateAutomation}. */
export type ImageUpdateAutomationInput = z.input<typeof imageUpdateAutomationProps>;

/**
 * Builds a Flux ImageUpdateAutomation.
 *
 * @example
 * imageUpdateAutomation({
 *   name: "images",
 *   namespace: "flux-system",
 *   sourceRef: "flux-system",
 *   git: { checkout: { ref: { branch: "main" } }, commit: { author: { name: "fluxcdbot", email: "fluxcdbot@users.noreply.github.com" } } },
 *   update: { path: "./clusters/production/images.yaml" },
 * });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function imageUpdateAutomation(input: ImageUpdateAutomationInput): ImageUpdateAutomation {
  const props = parseProps(imageUpdateAutomationProps, input, builderWhere("imageUpdateAutomation", input));
  return new (imageUpdateAutomationModel().ImageUpdateAutomation)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      sourceRef: { kind: "GitRepository", ...refOf(props.sourceRef) },
      git: props.git,
      update: props.update,
      interval: props.interval,
    },
  });
}
