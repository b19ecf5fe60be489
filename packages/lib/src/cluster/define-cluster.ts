/**
 * A cluster definition: which components a cluster runs, and where each
 * one's objects go in `generated/<cluster>/`.
 */
import { z } from "zod";
import type { ApiObject } from "../resource/api-object.ts";
import { dns1123LabelProblem } from "../resource/names.ts";
import { folderProblem } from "../render/layout.ts";
import { DEFAULT_FLUX_CONTROLLERS, FLUX_CONTROLLERS } from "../gitops/flux-install.ts";

/** Kubernetes minor versions the pinned schemas cover. */
export const KUBERNETES_VERSIONS = ["1.35", "1.36"] as const;

/** A Kubernetes minor version the pinned schemas cover. */
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/** What a component returns: the API objects it makes. */
export type ComponentOutput = readonly ApiObject[];

/** Where the cluster's GitOps engine reads this repository from. */
export interface GitOpsRepository {
  /** The repository URL, e.g. `ssh://git@github.com/acme/platform.git`. */
  readonly url: string;
  /**
   * The branch to reconcile.
   * @default "main"
   */
  readonly branch?: string;
  /**
   * The Secret (in the engine's namespace) holding credentials for a private
   * repository; created once at bootstrap, outside the tree.
   * @default none (a public repository)
   */
  readonly secretName?: string;
}

/** How the cluster reconciles its tree. */
export interface GitOpsInput {
  /** `flux` (Flux installs and syncs itself from the tree) or `argocd` (app-of-apps). */
  readonly engine: "flux" | "argocd";
  /** This repository, as the engine reaches it. */
  readonly repository: GitOpsRepository;
  /** Flux only: how Flux is installed, which controllers, and where their images come from. */
  readonly flux?: {
    /**
     * `manifests`: the tree holds the vendored Flux install manifests and the
     * sync objects, and Flux manages itself from them. `operator`: the tree
     * holds a `FluxInstance`, and the Flux Operator (installed at bootstrap)
     * installs Flux and creates the sync objects from it.
     * @default "manifests"
     */
    readonly install?: "manifests" | "operator";
    /**
     * The controllers to install.
     * @default ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"]
     */
    readonly controllers?: readonly (typeof FLUX_CONTROLLERS)[number][];
    /**
     * The registry of the controller images.
     * @default "ghcr.io/fluxcd"
     */
    readonly registry?: string;
  };
  /** Reconciliation settings of the layers (Flux Kustomizations or Argo CD Applications). */
  readonly layers?: {
    /**
     * How often each layer is reconciled.
     * @default "10m"
     */
    readonly interval?: string;
    /**
     * How long a layer may take to apply and become healthy.
     * @default "5m"
     */
    readonly timeout?: string;
    /**
     * How soon a failed layer is retried.
     * @default "2m"
     */
    readonly retryInterval?: string;
    /**
     * Whether a layer waits for its objects to be ready before the next starts.
     * @default true
     */
    readonly wait?: boolean;
  };
}

/** Objects and namespaces that exist in the cluster without being in the tree. */
export interface PreexistingInput {
  /** Namespaces created outside the tree (besides default, kube-system, kube-public, kube-node-lease). */
  readonly namespaces?: readonly string[];
  /** Objects created outside the tree, each with the reason. */
  readonly objects?: readonly { readonly kind: string; readonly namespace?: string; readonly name: string; readonly reason: string }[];
}

/** The input of {@link defineCluster}. */
export interface ClusterInput {
  /**
   * The cluster's name, a DNS-1123 label equal to its folder under
   * `clusters/`; the tree is written to `generated/<name>/`.
   */
  readonly name: string;
  /**
   * The Kubernetes minor version the cluster runs.
   * @default "1.36"
   */
  readonly kubernetesVersion?: KubernetesVersion;
  /**
   * The components, keyed by the folder their objects are written to,
   * relative to `generated/<name>/` (DNS-1123 labels joined by `/`, such as
   * `apps/web`). The order of keys carries no meaning.
   */
  readonly components: Readonly<Record<string, ComponentOutput>>;
  /**
   * How the tree is reconciled. With an engine, the tree gets the canonical
   * layers — `infrastructure/controllers/*` → `infrastructure/configs/*` →
   * `apps/*`, each reconciled after the one before — and the objects that
   * bootstrap the engine.
   * @default none: a plain tree whose root kustomization.yaml lists every folder
   */
  readonly gitops?: GitOpsInput;
  /** What exists in the cluster outside the tree, for the graph checks. */
  readonly preexisting?: PreexistingInput;
  /** Exceptions to validation, each with its reason. */
  readonly validation?: ValidationInput;
  /** How the cluster's secrets are encrypted. */
  readonly secrets?: SecretsInput;
}

/** How a cluster's secrets are encrypted in git. */
export interface SecretsInput {
  /** SOPS with age: the recipients every secret of the cluster is encrypted for. */
  readonly sops?: {
    /** The age public keys (`age1…`); adding a recipient is adding a line. */
    readonly ageRecipients: readonly string[];
    /**
     * The Secret in `flux-system` that holds the age private key Flux decrypts with.
     * @default "sops-age"
     */
    readonly keySecret?: string;
  };
}

/** A kind that validation may meet without a schema, and why that is acceptable. */
export interface AllowedMissingSchema {
  /** The apiVersion, e.g. `example.com/v1`. */
  readonly apiVersion: string;
  /** The kind. */
  readonly kind: string;
  /** Why no schema is pinned for it, in a sentence. */
  readonly reason: string;
}

/** Exceptions to validation. */
export interface ValidationInput {
  /**
   * Kinds that have no schema in the pinned store and are not installed by
   * the tree's own CRDs. Any other kind without a schema fails validation.
   * @default []
   */
  readonly allowMissingSchemas?: readonly AllowedMissingSchema[];
}

/** A validated cluster definition, with defaults applied. */
export interface ClusterDefinition {
  /** The cluster's name. */
  readonly name: string;
  /** The Kubernetes minor version. */
  readonly kubernetesVersion: KubernetesVersion;
  /** The components, keyed by folder. */
  readonly components: Readonly<Record<string, ComponentOutput>>;
  /** How the tree is reconciled, with defaults applied; `undefined` for a plain tree. */
  readonly gitops?: {
    readonly engine: "flux" | "argocd";
    readonly repository: { readonly url: string; readonly branch: string; readonly secretName?: string };
    readonly flux: { readonly install: "manifests" | "operator"; readonly controllers: readonly (typeof FLUX_CONTROLLERS)[number][]; readonly registry: string };
    readonly layers: { readonly interval: string; readonly timeout: string; readonly retryInterval: string; readonly wait: boolean };
  };
  /** Exceptions to validation. */
  readonly validation: { readonly allowMissingSchemas: readonly AllowedMissingSchema[] };
  /** How secrets are encrypted, with defaults applied. */
  readonly secrets: { readonly sops?: { readonly ageRecipients: readonly string[]; readonly keySecret: string } };
  /** What exists outside the tree. */
  readonly preexisting: {
    readonly namespaces: readonly string[];
    readonly objects: readonly { readonly kind: string; readonly namespace?: string; readonly name: string; readonly reason: string }[];
  };
}

const duration = z.string().regex(/^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/, "expected a Go duration such as 30s, 5m or 1h");

const gitopsSchema = z
  .object({
    engine: z.enum(["flux", "argocd"]).describe("flux: Flux installs and syncs itself from the tree; argocd: an Argo CD app-of-apps."),
    repository: z
      .object({
        url: z.string().regex(/^(https?|ssh):\/\/\S+$/, "expected an https://, http:// or ssh:// URL").describe("This repository's URL as the engine reaches it."),
        branch: z.string().min(1).default("main").describe("The branch to reconcile. Default: main."),
        secretName: z.string().optional().describe("The Secret with credentials for a private repository. Default: none."),
      })
      .strict(),
    flux: z
      .object({
        install: z.enum(["manifests", "operator"]).default("manifests").describe("manifests: vendored install manifests in the tree; operator: a FluxInstance for the Flux Operator. Default: manifests."),
        controllers: z
          .array(z.enum(FLUX_CONTROLLERS))
          .default([...DEFAULT_FLUX_CONTROLLERS])
          .describe("The Flux controllers to install. Default: source, kustomize, helm and notification controllers."),
        registry: z.string().min(1).default("ghcr.io/fluxcd").describe("The registry of the controller images. Default: ghcr.io/fluxcd."),
      })
      .strict()
      .default({ install: "manifests", controllers: [...DEFAULT_FLUX_CONTROLLERS], registry: "ghcr.io/fluxcd" }),
    layers: z
      .object({
        interval: duration.default("10m").describe("How often each layer is reconciled. Default: 10m."),
        timeout: duration.default("5m").describe("How long a layer may take. Default: 5m."),
        retryInterval: duration.default("2m").describe("How soon a failed layer is retried. Default: 2m."),
        wait: z.boolean().default(true).describe("Whether a layer waits for its objects to be ready. Default: true."),
      })
      .strict()
      .default({ interval: "10m", timeout: "5m", retryInterval: "2m", wait: true }),
  })
  .strict();

const preexistingSchema = z
  .object({
    namespaces: z.array(z.string()).default([]).describe("Namespaces created outside the tree. Default: none."),
    objects: z
      .array(
        z
          .object({
            kind: z.string(),
            namespace: z.string().optional(),
            name: z.string(),
            reason: z.string().min(10, "give the reason in a sentence"),
          })
          .strict(),
      )
      .default([])
      .describe("Objects created outside the tree, each with the reason. Default: none."),
  })
  .strict()
  .default({ namespaces: [], objects: [] });

function isApiObjectLike(value: unknown): value is ApiObject {
  return typeof value === "object" && value !== null && typeof (value as ApiObject).kind === "string" && typeof (value as ApiObject).apiVersion === "string";
}

/** The zod schema of {@link ClusterInput}. */
export const clusterInputSchema = z
  .object({
    name: z.string().superRefine((value, ctx) => {
      const problem = dns1123LabelProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    }).describe("The cluster's name: a DNS-1123 label equal to its folder under clusters/."),
    kubernetesVersion: z.enum(KUBERNETES_VERSIONS).default("1.36").describe("The Kubernetes minor version the cluster runs. Default: 1.36."),
    components: z
      .record(
        z.string().superRefine((value, ctx) => {
          const problem = folderProblem(value);
          if (problem !== undefined) ctx.addIssue({ code: "custom", message: `invalid folder: ${problem}` });
        }),
        z.array(
          z.custom<ApiObject>(isApiObjectLike, {
            message: "expected an API object with apiVersion and kind (a @kubernetes-models instance or a defineKind object)",
          }),
        ),
      )
      .describe("The components, keyed by the folder their objects are written to."),
    gitops: gitopsSchema.optional().describe("How the tree is reconciled. Default: a plain tree."),
    preexisting: preexistingSchema.describe("What exists in the cluster outside the tree."),
    validation: z
      .object({
        allowMissingSchemas: z
          .array(z.object({ apiVersion: z.string(), kind: z.string(), reason: z.string().min(10, "give the reason in a sentence") }).strict())
          .default([])
          .describe("Kinds allowed to have no schema, each with its reason. Default: none."),
      })
      .strict()
      .default({ allowMissingSchemas: [] })
      .describe("Exceptions to validation."),
    secrets: z
      .object({
        sops: z
          .object({
            ageRecipients: z
              .array(z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, "expected an age public key (age1 followed by 58 bech32 characters)"))
              .min(1, "give at least one recipient")
              .describe("The age public keys every secret of the cluster is encrypted for."),
            keySecret: z.string().default("sops-age").describe("The Secret in flux-system with the age private key. Default: sops-age."),
          })
          .strict()
          .optional()
          .describe("SOPS with age. Default: none."),
      })
      .strict()
      .default({})
      .describe("How the cluster's secrets are encrypted."),
  })
  .strict();

/**
 * Declares a cluster. It is checked when the cluster is rendered, so errors
 * name the file it came from.
 *
 * @example
 * export default defineCluster({
 *   name: "production",
 *   components: { "apps/web": web({ replicas: 3 }) },
 * });
 */
export function defineCluster(input: ClusterInput): ClusterInput {
  return input;
}
