/**
 * The Argo CD AppProject (`argoproj.io/v1alpha1`): which repositories
 * Applications may deploy from, to which clusters and namespaces, and which
 * cluster-scoped kinds they may manage.
 */
import type { AppProject } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { builderWhere, namespaceName, objectName, requiredError, requiredString } from "../flux/props.ts";
import { parseProps } from "../props/parse-props.ts";

/** The AppProject model, loaded when the builder first runs. */
const appProjectModel = lazyModel<typeof import("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject")>(import.meta.resolve("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject"));

/** The API server address of the cluster Argo CD runs in. */
export const IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

/** The props of {@link argoAppProject}. */
export const argoAppProjectProps = z
  .object({
    /** The AppProject's name, a DNS-1123 subdomain. */
    name: objectName().describe("The AppProject's name, a DNS-1123 subdomain."),
    /**
     * The namespace Argo CD runs in.
     * @default "argocd"
     */
    namespace: namespaceName().default("argocd").describe("The namespace Argo CD runs in. Default: argocd."),
    /** The repositories Applications may deploy from: URLs, or globs such as `https://github.com/acme/*` or `*`. */
    sourceRepos: z
      .array(requiredString(), { error: requiredError })
      .min(1, "give at least one repository (or * for any)")
      .describe("The repositories Applications may deploy from: URLs or globs."),
    /** Where Applications may deploy: `{ server, namespace }`, with globs such as `*` allowed in `namespace`. */
    destinations: z
      .array(
        z
          .object({
            /**
             * The cluster's API server URL.
             * @default "https://kubernetes.default.svc" (the cluster Argo CD runs in)
             */
            server: z.url({ error: "expected the API server's URL, e.g. https://kubernetes.default.svc" }).default(IN_CLUSTER_SERVER).describe("The cluster's API server URL. Default: the in-cluster server."),
            /** The namespace, or a glob such as `team-*` or `*`. */
            namespace: requiredString().describe("The namespace, or a glob."),
          })
          .strict(),
        { error: requiredError },
      )
      .min(1, "give at least one destination")
      .describe("Where Applications may deploy: { server, namespace }."),
    /**
     * The cluster-scoped kinds Applications may manage, `{ group, kind }`, `*` allowed.
     * @default none: no cluster-scoped objects
     */
    clusterResourceWhitelist: z
      .array(
        z
          .object({
            /** The API group, `""` for the core group, or `*`. */
            group: z.string({ error: requiredError }).describe("The API group, empty for core, or *."),
            /** The kind, or `*`. */
            kind: requiredString().describe("The kind, or *."),
          })
          .strict(),
      )
      .optional()
      .describe("The cluster-scoped kinds Applications may manage. Default: none."),
  })
  .strict();

/** The input of {@link argoAppProject}. */
export type ArgoAppProjectInput = z.input<typeof argoAppProjectProps>;

/**
 * Builds an Argo CD AppProject.
 *
 * @example
 * argoAppProject({ name: "platform", sourceRepos: ["https://github.com/acme/platform.git"], destinations: [{ namespace: "*" }] });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function argoAppProject(input: ArgoAppProjectInput): AppProject {
  const props = parseProps(argoAppProjectProps, input, builderWhere("argoAppProject", input));
  return new (appProjectModel().AppProject)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      sourceRepos: props.sourceRepos,
      destinations: props.destinations,
      clusterResourceWhitelist: props.clusterResourceWhitelist,
    },
  });
}
