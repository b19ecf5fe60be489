/**
 * The Flux OCIRepository (`source.toolkit.fluxcd.io/v1`): an OCI artifact
 * (manifests pushed with `flux push artifact`, or a Helm chart) that
 * source-controller pulls and serves.
 */
import type { OCIRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/OCIRepository";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, duration, namespaceName, objectName, oneOfKeys, requiredError, requiredString, secretRefOf } from "./props.ts";

/** The OCIRepository model, loaded when the builder first runs. */
const oCIRepositoryModel = lazyModel<typeof import("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/OCIRepository")>(import.meta.resolve("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/OCIRepository"));

/** The cloud providers whose workload identity Flux can use to pull from a registry. */
export const OCI_PROVIDERS = ["generic", "aws", "azure", "gcp"] as const;

/** The props of {@link ociRepository}. */
export const ociRepositoryProps = z
  .object({
    /** The OCIRepository's name, a DNS-1123 subdomain. */
    name: objectName().describe("The OCIRepository's name, a DNS-1123 subdomain."),
    /** The namespace of the OCIRepository, a DNS-1123 label. */
    namespace: namespaceName().describe("The namespace of the OCIRepository."),
    /** The artifact's repository, `oci://` and no tag (e.g. `oci://ghcr.io/stefanprodan/manifests/podinfo`). */
    url: z
      .string({ error: requiredError })
      .regex(/^oci:\/\/[^\s@/]+\/[^\s@]+$/, "expected an oci:// URL of a repository without a digest (e.g. oci://ghcr.io/acme/manifests/app)")
      .refine((url) => !(url.split("/").pop() ?? "").includes(":"), "the URL must not carry a tag: give it in ref.tag")
      .describe("The artifact's repository: oci:// and no tag."),
    /** The artifact version: exactly one of `tag`, `semver` (a range over tags) or `digest` (`sha256:…`). */
    ref: oneOfKeys({
      tag: requiredString().describe("A tag, e.g. 6.9.2."),
      semver: requiredString().describe("A semver range over the tags, e.g. 6.x."),
      digest: z
        .string()
        .regex(/^sha256:[0-9a-f]{64}$/, "expected a sha256 digest: sha256: and 64 lower-case hex digits")
        .describe("A digest, sha256:…"),
    }).describe("The artifact version: exactly one of tag, semver or digest."),
    /**
     * How often the registry is checked for a new artifact.
     * @default "5m"
     */
    interval: duration().default("5m").describe("How often the registry is checked. Default: 5m."),
    /**
     * Which layer of the artifact to use, by media type, and whether to
     * extract it (a tarball) or copy it as is.
     * @default none: Flux extracts the first layer
     */
    layerSelector: z
      .object({
        /** The layer's media type, e.g. `application/vnd.cncf.helm.chart.content.v1.tar+gzip`. */
        mediaType: requiredString().describe("The layer's media type."),
        /**
         * `extract` the layer (a tarball) or `copy` it as is.
         * @default "extract"
         */
        operation: z.enum(["extract", "copy"]).optional().describe("extract (a tarball) or copy. Default: extract."),
      })
      .strict()
      .optional()
      .describe("Which layer of the artifact to use. Default: the first layer, extracted."),
    /**
     * The Secret in the same namespace with registry credentials (a
     * `kubernetes.io/dockerconfigjson` Secret).
     * @default none: anonymous, or the provider's workload identity
     */
    secretRef: objectName().optional().describe("The Secret with registry credentials. Default: none."),
    /**
     * The cloud provider whose workload identity authenticates to the registry.
     * @default none: Flux uses "generic" (no workload identity)
     */
    provider: z.enum(OCI_PROVIDERS).optional().describe("The cloud provider for workload identity: generic, aws, azure or gcp. Default: generic."),
  })
  .strict();

/** The input of {@link ociRepository}. */
export type OciRepositoryInput = z.input<typeof ociRepositoryProps>;

/**
 * Builds a Flux OCIRepository that pulls `url` at `ref` every `interval`.
 *
 * @example
 * ociRepository({ name: "podinfo", namespace: "flux-system", url: "oci://ghcr.io/stefanprodan/manifests/podinfo", ref: { semver: "6.x" } });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function ociRepository(input: OciRepositoryInput): OCIRepository {
  const props = parseProps(ociRepositoryProps, input, builderWhere("ociRepository", input));
  return new (oCIRepositoryModel().OCIRepository)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      url: props.url,
      ref: props.ref,
      interval: props.interval,
      layerSelector: props.layerSelector,
      secretRef: secretRefOf(props.secretRef),
      provider: props.provider,
    },
  });
}
