/**
 * The Flux Kustomization (`kustomize.toolkit.fluxcd.io/v1`): a path in a
 * source that kustomize-controller builds and applies, with pruning, health
 * checks and ordering through `dependsOn`.
 */
import type { Kustomization } from "@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, duration, namespacedRef, namespaceName, objectName, refOf, relativePath, requiredError, requiredString, secretRefOf } from "./props.ts";

/** The Kustomization model, loaded when the builder first runs. */
const kustomizationModel = lazyModel<typeof import("@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization")>(import.meta.resolve("@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization"));

/** The kinds of source a Flux Kustomization can build from. */
export const KUSTOMIZATION_SOURCE_KINDS = ["GitRepository", "OCIRepository", "Bucket", "ExternalArtifact"] as const;

/** A post-build variable name: what `${NAME}` substitution accepts. */
const VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

/** The props of {@link fluxKustomization}. */
export const fluxKustomizationProps = z
  .object({
    /** The Kustomization's name, a DNS-1123 subdomain. */
    name: objectName().describe("The Kustomization's name, a DNS-1123 subdomain."),
    /**
     * The namespace of the Kustomization.
     * @default "flux-system"
     */
    namespace: namespaceName().default("flux-system").describe("The namespace of the Kustomization. Default: flux-system."),
    /** The folder to build, relative to the source's root; starts with `./` (e.g. `./generated/production/apps`). */
    path: relativePath().describe("The folder to build, relative to the source's root; starts with ./."),
    /**
     * The source the path is in.
     * @default { kind: "GitRepository", name: "flux-system" }
     */
    sourceRef: z
      .object({
        /**
         * The source's kind.
         * @default "GitRepository"
         */
        kind: z.enum(KUSTOMIZATION_SOURCE_KINDS).default("GitRepository").describe("The source's kind. Default: GitRepository."),
        /** The source's name. */
        name: objectName().describe("The source's name."),
        /**
         * The source's namespace.
         * @default the Kustomization's namespace
         */
        namespace: namespaceName().optional().describe("The source's namespace. Default: the Kustomization's namespace."),
      })
      .strict()
      .prefault({ name: "flux-system" })
      .describe("The source the path is in. Default: the GitRepository flux-system."),
    /**
     * Kustomizations that must be ready before this one is applied: names in
     * the same namespace, or `{ name, namespace }`.
     * @default []
     */
    dependsOn: z.array(namespacedRef()).default([]).describe("Kustomizations that must be ready first: names, or { name, namespace }. Default: none."),
    /**
     * Whether objects removed from the path are deleted from the cluster.
     * @default true
     */
    prune: z.boolean().default(true).describe("Whether objects removed from the path are deleted. Default: true."),
    /**
     * Whether to wait for every applied object to become ready. Cannot be
     * `true` together with `healthChecks`, which Flux ignores when it waits.
     * By default, `true`, or `false` when `healthChecks` are given.
     */
    wait: z.boolean().optional().describe("Whether to wait for every applied object to be ready. Default: true, or false with healthChecks."),
    /**
     * How long applying, waiting and health checks may take.
     * @default "5m"
     */
    timeout: duration().default("5m").describe("How long applying and health checks may take. Default: 5m."),
    /**
     * How often the path is built and applied again, correcting drift.
     * @default "10m"
     */
    interval: duration().default("10m").describe("How often the path is applied again. Default: 10m."),
    /**
     * How soon a failed reconciliation is retried.
     * @default "2m"
     */
    retryInterval: duration().default("2m").describe("How soon a failed reconciliation is retried. Default: 2m."),
    /**
     * The objects to check for readiness instead of waiting for all of them.
     * @default none
     */
    healthChecks: z
      .array(
        z
          .object({
            /**
             * The object's apiVersion.
             * @default the preferred version of `kind`
             */
            apiVersion: requiredString().optional().describe("The object's apiVersion. Default: the kind's preferred version."),
            /** The object's kind, e.g. `Deployment` or `HelmRelease`. */
            kind: requiredString().describe("The object's kind."),
            /** The object's name. */
            name: objectName().describe("The object's name."),
            /**
             * The object's namespace.
             * @default none (a cluster-scoped object, or one in the target namespace)
             */
            namespace: namespaceName().optional().describe("The object's namespace. Default: none."),
          })
          .strict(),
      )
      .min(1)
      .optional()
      .describe("The objects to check for readiness instead of waiting for all. Default: none."),
    /**
     * Variable substitution after the build: `${NAME}` in the manifests is
     * replaced from `substitute` and from the ConfigMaps and Secrets in
     * `substituteFrom`.
     * @default none
     */
    postBuild: z
      .object({
        /**
         * Variables by name (letters, digits and `_`, not starting with a digit).
         * @default none
         */
        substitute: z
          .record(z.string().regex(VARIABLE_NAME, "a variable name has letters, digits and _, and does not start with a digit"), z.string())
          .optional()
          .describe("Variables by name. Default: none."),
        /**
         * ConfigMaps and Secrets in the Kustomization's namespace whose keys are variables.
         * @default none
         */
        substituteFrom: z
          .array(
            z
              .object({
                /** `ConfigMap` or `Secret`. */
                kind: z.enum(["ConfigMap", "Secret"], { error: requiredError }).describe("ConfigMap or Secret."),
                /** The object's name. */
                name: objectName().describe("The object's name."),
                /**
                 * Whether a missing object is tolerated.
                 * @default false
                 */
                optional: z.boolean().optional().describe("Whether a missing object is tolerated. Default: false."),
              })
              .strict(),
          )
          .optional()
          .describe("ConfigMaps and Secrets whose keys are variables. Default: none."),
      })
      .strict()
      .optional()
      .describe("Variable substitution after the build. Default: none."),
    /**
     * SOPS decryption of the manifests, with the keys in the Secret named `secretRef`.
     * @default none: manifests are applied as they are
     */
    decryption: z
      .object({
        /** The Secret in the Kustomization's namespace holding the age or PGP private keys. */
        secretRef: objectName().describe("The Secret holding the private keys."),
      })
      .strict()
      .optional()
      .describe("SOPS decryption, with the keys in the Secret secretRef. Default: none."),
    /**
     * The namespace to set on every namespaced object of the build.
     * @default none: the namespaces in the manifests
     */
    targetNamespace: namespaceName().optional().describe("The namespace to set on every namespaced object. Default: none."),
    /**
     * The ServiceAccount (in the Kustomization's namespace) to apply as,
     * for multi-tenancy.
     * @default none: kustomize-controller's own account
     */
    serviceAccountName: objectName().optional().describe("The ServiceAccount to apply as. Default: kustomize-controller's own."),
    /**
     * Whether to recreate objects whose immutable fields changed.
     * @default false
     */
    force: z.boolean().default(false).describe("Whether to recreate objects whose immutable fields changed. Default: false."),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.wait === true && props.healthChecks !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["wait"],
        message:
          "wait: true and healthChecks cannot be used together (Flux ignores healthChecks when it waits for every object): remove wait to check only the healthChecks, or remove healthChecks to wait for every object",
      });
    }
  });

/** The input of {@link fluxKustomization}. */
export type FluxKustomizationInput = z.input<typeof fluxKustomizationProps>;

/**
 * Builds a Flux Kustomization that applies `path` of `sourceRef` every
 * `interval`, pruning what was removed and waiting for it to be ready.
 *
 * @example
 * fluxKustomization({ name: "apps", path: "./generated/production/apps", dependsOn: ["infra-configs"] });
 * @throws {UserError} naming every invalid or unknown field, and `wait: true` given with `healthChecks`.
 */
export function fluxKustomization(input: FluxKustomizationInput): Kustomization {
  const props = parseProps(fluxKustomizationProps, input, builderWhere("fluxKustomization", input));
  return new (kustomizationModel().Kustomization)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      path: props.path,
      sourceRef: { kind: props.sourceRef.kind, ...refOf(props.sourceRef) },
      dependsOn: props.dependsOn.length === 0 ? undefined : props.dependsOn.map(refOf),
      prune: props.prune,
      wait: props.wait ?? props.healthChecks === undefined,
      timeout: props.timeout,
      interval: props.interval,
      retryInterval: props.retryInterval,
      healthChecks: props.healthChecks,
      postBuild: props.postBuild,
      decryption: props.decryption === undefined ? undefined : { provider: "sops", secretRef: secretRefOf(props.decryption.secretRef) },
      targetNamespace: props.targetNamespace,
      serviceAccountName: props.serviceAccountName,
      force: props.force,
    },
  });
}
