/**
 * The Flux ImageRepository (`image.toolkit.fluxcd.io/v1`): a container
 * image repository whose tags image-reflector-controller scans.
 */
import type { ImageRepository } from "@kubernetes-models/flux-cd/image.toolkit.fluxcd.io/v1/ImageRepository";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, duration, namespaceName, objectName, requiredError, secretRefOf } from "./props.ts";

/** The ImageRepository model, loaded when the builder first runs. */
const imageRepositoryModel = lazyModel<typeof import("@kubernetes-models/flux-cd/image.toolkit.fluxcd.io/v1/ImageRepository")>(import.meta.resolve("@kubernetes-models/flux-cd/image.toolkit.fluxcd.io/v1/ImageRepository"));

/**
 * Why `image` is not an image repository without tag or digest
 * (`ghcr.io/stefanprodan/podinfo`), or `undefined` when it is one.
 */
export function imageRepositoryProblem(image: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(image)) return `${JSON.stringify(image)} has a URL scheme: give the repository as registry/path, e.g. ghcr.io/acme/app`;
  if (image.includes("@")) return `${JSON.stringify(image)} has a digest: give the repository only, e.g. ghcr.io/acme/app`;
  const last = image.split("/").pop() ?? "";
  if (last.includes(":")) return `${JSON.stringify(image)} has a tag: give the repository only, e.g. ${JSON.stringify(image.slice(0, image.lastIndexOf(":")))}`;
  if (!/^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/.test(image)) {
    return `${JSON.stringify(image)} is not an image repository: lower-case registry and path segments, e.g. ghcr.io/acme/app`;
  }
  return undefined;
}

/** An image repository without tag or digest. */
export function imageRepositoryName() {
  return z.string({ error: requiredError }).superRefine((image, ctx) => {
    const problem = imageRepositoryProblem(image);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** The props of {@link imageRepository}. */
export const imageRepositoryProps = z
  .object({
    /** The ImageRepository's name, a DNS-1123 subdomain. */
    name: objectName().describe("The ImageRepository's name, a DNS-1123 subdomain."),
    /** The namespace of the ImageRepository, a DNS-1123 label. */
    namespace: namespaceName().describe("The namespace of the ImageRepository."),
    /** The image repository to scan, without tag or digest, e.g. `ghcr.io/stefanprodan/podinfo`. */
    image: imageRepositoryName().describe("The image repository to scan, without tag or digest."),
    /**
     * How often the tags are scanned.
     * @default "5m"
     */
    interval: duration().default("5m").describe("How often the tags are scanned. Default: 5m."),
    /**
     * The Secret in the same namespace with registry credentials (a
     * `kubernetes.io/dockerconfigjson` Secret).
     * @default none: a public repository
     */
    secretRef: objectName().optional().describe("The Secret with registry credentials. Default: none (public)."),
  })
  .strict();

/** The input of {@link imageRepository}. */
export type ImageRepositoryInput = z.input<typeof imageRepositoryProps>;

/**
 * Builds a Flux ImageRepository.
 *
 * @example
 * imageRepository({ name: "podinfo", namespace: "flux-system", image: "ghcr.io/stefanprodan/podinfo" });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function imageRepository(input: ImageRepositoryInput): ImageRepository {
  const props = parseProps(imageRepositoryProps, input, builderWhere("imageRepository", input));
  return new (imageRepositoryModel().ImageRepository)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: { image: props.image, interval: props.interval, secretRef: secretRefOf(props.secretRef) },
  });
}
