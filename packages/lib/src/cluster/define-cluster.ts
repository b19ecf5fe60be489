/**
 * A cluster definition: which components a cluster runs, and where each
 * one's objects go in `generated/<cluster>/`.
 */
import { z } from "zod";
import type { ApiObject } from "../resource/api-object.ts";
import { dns1123LabelProblem } from "../resource/names.ts";
import { folderProblem } from "../render/layout.ts";

/** Kubernetes minor versions the pinned schemas cover. */
export const KUBERNETES_VERSIONS = ["1.35", "1.36"] as const;

/** A Kubernetes minor version the pinned schemas cover. */
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/** What a component returns: the API objects it makes. */
export type ComponentOutput = readonly ApiObject[];

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
}

/** A validated cluster definition, with defaults applied. */
export interface ClusterDefinition {
  /** The cluster's name. */
  readonly name: string;
  /** The Kubernetes minor version. */
  readonly kubernetesVersion: KubernetesVersion;
  /** The components, keyed by folder. */
  readonly components: Readonly<Record<string, ComponentOutput>>;
}

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
