/**
 * Flux image automation for a cluster: scans the registries of the images
 * a cluster's `images.yaml` marks, picks the newest tag each policy allows,
 * and commits the new tag into `images.yaml` (never into generated/).
 * The commit goes to its own branch; CI there runs `pnpm gen` and opens a
 * pull request, so the rendered tree follows and the drift check stays clean.
 */
import { imagePolicy, imageRepository, imageUpdateAutomation, parseProps, type ComponentOutput } from "@typed-gitops/lib";
import { z } from "zod";

/** The props of {@link imageAutomation}. */
export const imageAutomationProps = z
  .object({
    imagesFile: z.string().regex(/^\.\//, "a path from the repository root, starting with ./").describe("The images.yaml the automation updates, from the repository root, e.g. ./clusters/staging/images.yaml."),
    checkoutBranch: z.string().default("main").describe("The branch the automation starts from. Default: main."),
    pushBranch: z.string().default("image-updates").describe("The branch it pushes its commits to. Default: image-updates."),
    interval: z.string().default("30m").describe("How often it runs. Default: 30m."),
    images: z
      .record(
        z.string(),
        z.object({
          image: z.string().describe("The repository to scan, e.g. ghcr.io/stefanprodan/podinfo."),
          semver: z.string().describe("The semver range of tags to follow, e.g. >=6.9.0 <7.0.0."),
        }).strict(),
      )
      .describe("The images to follow, keyed by their name in images.yaml (which is also the ImagePolicy's name)."),
  })
  .strict();

/** The input of {@link imageAutomation}. */
export type ImageAutomationProps = z.input<typeof imageAutomationProps>;

/** Renders the ImageRepository and ImagePolicy of each image and the ImageUpdateAutomation. */
export function imageAutomation(input: ImageAutomationProps): ComponentOutput {
  const props = parseProps(imageAutomationProps, input, "imageAutomation");
  const namespace = "flux-system";
  const names = Object.keys(props.images).sort();
  return [
    ...names.flatMap((name) => [
      imageRepository({ name, namespace, image: props.images[name]!.image }),
      imagePolicy({ name, namespace, imageRepositoryRef: name, policy: { semver: { range: props.images[name]!.semver } } }),
    ]),
    imageUpdateAutomation({
      name: "images",
      namespace,
      sourceRef: "flux-system",
      interval: props.interval,
      git: {
        checkout: { ref: { branch: props.checkoutBranch } },
        commit: { author: { name: "flux-image-automation", email: "flux@example.org" }, messageTemplate: "Update images in {{ .AutomationObject }}" },
        push: { branch: props.pushBranch },
      },
      update: { path: props.imagesFile, strategy: "Setters" },
    }),
  ];
}
