/**
 * The Flux HelmRepository (`source.toolkit.fluxcd.io/v1`): a Helm chart
 * repository, either a classic HTTP index or an OCI registry.
 */
import type { HelmRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/HelmRepository";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { OCI_PROVIDERS } from "./oci-repository.ts";
import { builderWhere, duration, namespaceName, objectName, requiredError, secretRefOf } from "./props.ts";

/** The HelmRepository model, loaded when the builder first runs. */
const helmRepositoryModel = lazyModel<typeof import("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/HelmRepository")>(import.meta.resolve("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/HelmRepository"));

/** The props of {@link helmRepository}. */
export const helmRepositoryProps = z
  .object({
    /** The HelmRepository's name, a DNS-1123 subdomain. */
    name: objectName().describe("The HelmRepository's name, a DNS-1123 subdomain."),
    /** The namespace of the HelmRepository, a DNS-1123 label. */
    namespace: namespaceName().describe("The namespace of the HelmRepository."),
    /** The repository URL: `https://` (or `http://`) for an index, `oci://` for a registry. */
    url: z
      .string({ error: requiredError })
      .regex(/^(https?|oci):\/\/\S+$/, "expected an https://, http:// or oci:// URL")
      .describe("The repository URL: https:// or http:// for an index, oci:// for a registry."),
    /**
     * `default` for an HTTP index, `oci` for an OCI registry.
     * By default, derived from the URL: `oci` for an `oci://` URL, `default` otherwise.
     */
    type: z.enum(["default", "oci"]).optional().describe("default (an HTTP index) or oci (a registry). Default: derived from the URL scheme."),
    /**
     * How often the index is fetched.
     * By default, `1h` for a `default` repository and not set for an `oci` one,
     * which Flux does not poll (charts are pulled by the HelmRelease).
     */
    interval: duration().optional().describe("How often the index is fetched. Default: 1h for an HTTP index, none for oci."),
    /**
     * The Secret in the same namespace with credentials (`username`/`password`,
     * or a `kubernetes.io/dockerconfigjson` Secret for OCI).
     * @default none: a public repository
     */
    secretRef: objectName().optional().describe("The Secret with the credentials. Default: none (a public repository)."),
    /**
     * The cloud provider whose workload identity authenticates to an OCI registry.
     * @default none: Flux uses "generic" (no workload identity)
     */
    provider: z.enum(OCI_PROVIDERS).optional().describe("The cloud provider for workload identity (oci only). Default: generic."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const oci = props.url.startsWith("oci://");
    if (props.type === "oci" && !oci) ctx.addIssue({ code: "custom", path: ["type"], message: `type "oci" needs an oci:// URL, got ${JSON.stringify(props.url)}` });
    if (props.type === "default" && oci) ctx.addIssue({ code: "custom", path: ["type"], message: `type "default" needs an https:// or http:// URL, got ${JSON.stringify(props.url)}` });
    if (props.provider !== undefined && !oci) ctx.addIssue({ code: "custom", path: ["provider"], message: "provider applies only to an oci:// repository" });
  });

/** The input of {@link helmRepository}. */
export type HelmRepositoryInput = z.input<typeof helmRepositoryProps>;

/**
 * Builds a Flux HelmRepository for an HTTP chart index or an OCI registry.
 *
 * @example
 * helmRepository({ name: "podinfo", namespace: "flux-system", url: "oci://ghcr.io/stefanprodan/charts" });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function helmRepository(input: HelmRepositoryInput): HelmRepository {
  const props = parseProps(helmRepositoryProps, input, builderWhere("helmRepository", input));
  const type = props.type ?? (props.url.startsWith("oci://") ? "oci" : "default");
  return new (helmRepositoryModel().HelmRepository)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      url: props.url,
      type,
      interval: props.interval ?? (type === "default" ? "1h" : undefined),
      secretRef: secretRefOf(props.secretRef),
      provider: props.provider,
    },
  });
}
