/**
 * Flux image automation for the services: an ImageRepository and an
 * ImagePolicy (a semver range) per image of the cluster's images.yaml that
 * follows a range, and one ImageUpdateAutomation that rewrites the marked
 * tags of that file — never generated/ — and pushes the commit to its own
 * branch. CI on that branch runs `pnpm gen`, so the rendered tree follows
 * the new tag in the same pull request and the drift check stays clean.
 */
import { FLUX_NAMESPACE, imagePolicy, imageRepository, imageUpdateAutomation, parseProps, UserError, type ApiObject, type ImageTags } from "@typed-gitops/lib";
import type { Component } from "@typed-gitops/catalog";
import { z } from "zod";

/** The props of {@link imageAutomation}. */
export const imageAutomationProps = z
  .object({
    imagesFile: z
      .string()
      .regex(/^\.\/clusters\/[a-z0-9-]+\/images\.yaml$/, "expected the path of a cluster's images.yaml from the repository root, e.g. ./clusters/production/images.yaml")
      .describe("The file the automation rewrites, from the repository root."),
    follow: z
      .record(z.string(), z.string().min(1))
      .describe("The images to follow, by their name in images.yaml, each with the semver range of tags it may move to, e.g. { gateway: \">=1.4.0 <2.0.0\" }."),
    branch: z.string().min(1).default("main").describe("The branch the automation checks out. Default: main."),
    pushBranch: z.string().min(1).default("image-updates").describe("The branch it pushes its commits to, for a pull request. Default: image-updates."),
    interval: z.string().regex(/^[0-9]+(s|m|h)$/).default("10m").describe("How often registries are scanned and the file updated. Default: 10m."),
    author: z
      .object({ name: z.string().min(1).describe("The commit author's name."), email: z.email().describe("The commit author's e-mail address.") })
      .strict()
      .default({ name: "flux-image-automation", email: "flux@example.org" })
      .describe("Who the automation commits as. Default: flux-image-automation <flux@example.org>."),
  })
  .strict();

/** The input of {@link imageAutomation}. */
export type ImageAutomationProps = z.input<typeof imageAutomationProps>;

/**
 * The image automation of a cluster, in the configs layer (the image
 * CRDs come with Flux itself, in flux-system).
 *
 * @param images - the cluster's images.yaml, read with `readImageTags`: the repositories scanned.
 * @throws {UserError} naming every followed image that images.yaml lacks.
 */
export function imageAutomation(images: ImageTags, input: ImageAutomationProps): Component {
  const props = parseProps(imageAutomationProps, input, "imageAutomation");
  const names = Object.keys(props.follow).sort();
  const missing = names.filter((name) => !Object.hasOwn(images, name));
  if (missing.length > 0) {
    throw new UserError(
      missing.map((name) => ({ where: `imageAutomation: follow.${name}`, what: `is not an image of ${props.imagesFile}`, hint: `add ${name}: { image, tag } there, with the marker {"$imagepolicy": "${FLUX_NAMESPACE}:${name}:tag"}` })),
    );
  }
  const objects: ApiObject[] = names.flatMap((name) => [
    imageRepository({ name, namespace: FLUX_NAMESPACE, image: images[name]!.image, interval: props.interval }),
    imagePolicy({ name, namespace: FLUX_NAMESPACE, imageRepositoryRef: name, policy: { semver: { range: props.follow[name]! } } }),
  ]);
  objects.push(
    imageUpdateAutomation({
      name: "services",
      namespace: FLUX_NAMESPACE,
      sourceRef: FLUX_NAMESPACE,
      interval: props.interval,
      git: {
        checkout: { ref: { branch: props.branch } },
        commit: { author: props.author, messageTemplate: `Bump service images in ${props.imagesFile.slice(2)}` },
        push: { branch: props.pushBranch },
      },
      update: { path: props.imagesFile, strategy: "Setters" },
    }),
  );
  return { name: "image-automation", configs: objects };
}
