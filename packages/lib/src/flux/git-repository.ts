/**
 * The Flux GitRepository (`source.toolkit.fluxcd.io/v1`): a Git repository
 * that source-controller fetches and serves as an artifact.
 */
import type { GitRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, duration, namespaceName, objectName, oneOfKeys, requiredError, requiredString, secretRefOf } from "./props.ts";

/** The GitRepository model, loaded when the builder first runs. */
const gitRepositoryModel = lazyModel<typeof import("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository")>(import.meta.resolve("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository"));

/** The props of {@link gitRepository}. */
export const gitRepositoryProps = z
  .object({
    /** The GitRepository's name, a DNS-1123 subdomain. */
    name: objectName().describe("The GitRepository's name, a DNS-1123 subdomain."),
    /**
     * The namespace of the GitRepository.
     * @default "flux-system"
     */
    namespace: namespaceName().default("flux-system").describe("The namespace of the GitRepository. Default: flux-system."),
    /** The repository URL: `https://`, `http://` or `ssh://` (e.g. `ssh://git@github.com/acme/platform.git`). */
    url: z
      .string({ error: requiredError })
      .regex(/^(https?|ssh):\/\/\S+$/, "expected an https://, http:// or ssh:// URL (for scp-like git@host:path, write ssh://git@host/path)")
      .describe("The repository URL: https://, http:// or ssh://."),
    /**
     * The revision to check out: exactly one of `branch`, `tag`, `semver`
     * (a range over tags) or `commit` (a full SHA).
     * @default { branch: "main" }
     */
    ref: oneOfKeys({
      branch: requiredString().describe("A branch to follow, e.g. main."),
      tag: requiredString().describe("A tag, e.g. v1.2.3."),
      semver: requiredString().describe("A semver range over the tags, e.g. >=1.0.0 <2.0.0."),
      commit: z
        .string()
        .regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "expected a full commit SHA: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits")
        .describe("A full commit SHA."),
    })
      .default({ branch: "main" })
      .describe("The revision: exactly one of branch, tag, semver or commit. Default: { branch: main }."),
    /**
     * How often the repository is fetched.
     * @default "1m"
     */
    interval: duration().default("1m").describe("How often the repository is fetched. Default: 1m."),
    /**
     * The Secret in the same namespace with the credentials (`username`/`password`,
     * `bearerToken`, or `identity`/`known_hosts` for SSH).
     * @default none: a public repository
     */
    secretRef: objectName().optional().describe("The Secret with the credentials. Default: none (a public repository)."),
    /**
     * Patterns of files to leave out of the artifact, one per entry, in
     * `.gitignore` syntax (e.g. `["/*", "!/generated/production"]`).
     * @default none: Flux's default exclusions (VCS and CI files)
     */
    ignore: z
      .array(requiredString())
      .min(1)
      .optional()
      .describe("Patterns of files to leave out of the artifact, in .gitignore syntax. Default: Flux's default exclusions."),
  })
  .strict();

/** The input of {@link gitRepository}. */
export type GitRepositoryInput = z.input<typeof gitRepositoryProps>;

/**
 * Builds a Flux GitRepository that fetches `url` at `ref` every `interval`.
 *
 * @example
 * gitRepository({ name: "platform", url: "ssh://git@github.com/acme/platform.git", secretRef: "platform-deploy-key" });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function gitRepository(input: GitRepositoryInput): GitRepository {
  const props = parseProps(gitRepositoryProps, input, builderWhere("gitRepository", input));
  return new (gitRepositoryModel().GitRepository)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      url: props.url,
      ref: props.ref,
      interval: props.interval,
      secretRef: secretRefOf(props.secretRef),
      ignore: props.ignore === undefined ? undefined : `${props.ignore.join("\n")}\n`,
    },
  });
}
