/**
 * The Argo CD Application (`argoproj.io/v1alpha1`): a path of a Git
 * repository that Argo CD syncs to a cluster, automated with pruning and
 * self-healing.
 */
import type { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { builderWhere, duration, namespaceName, objectName, requiredError, requiredString } from "../flux/props.ts";
import { parseProps } from "../props/parse-props.ts";
import { IN_CLUSTER_SERVER } from "./app-project.ts";

/** The Application model, loaded when the builder first runs. */
const applicationModel = lazyModel<typeof import("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application")>(import.meta.resolve("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application"));

/** The finalizer that makes Argo CD delete an Application's objects with it. */
export const RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

/** The annotation that orders Applications (and objects) within a sync. */
export const SYNC_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";

/** The props of {@link argoApplication}. */
export const argoApplicationProps = z
  .object({
    /** The Application's name, a DNS-1123 subdomain. */
    name: objectName().describe("The Application's name, a DNS-1123 subdomain."),
    /**
     * The namespace Argo CD runs in.
     * @default "argocd"
     */
    namespace: namespaceName().default("argocd").describe("The namespace Argo CD runs in. Default: argocd."),
    /**
     * The AppProject the Application belongs to.
     * @default "default"
     */
    project: objectName().default("default").describe("The AppProject the Application belongs to. Default: default."),
    /** What to sync: a path of a Git repository at a revision. */
    source: z
      .object(
        {
          /** The repository URL, e.g. `https://github.com/acme/platform.git`. */
          repoURL: z
            .string({ error: requiredError })
            .regex(/^(https?|ssh):\/\/\S+$|^[\w.-]+@[\w.-]+:\S+$/, "expected a Git URL: https://, ssh:// or git@host:path")
            .describe("The repository URL."),
          /** The branch, tag or commit to sync, e.g. `main` or `HEAD`. */
          targetRevision: requiredString().describe("The branch, tag or commit to sync."),
          /** The folder in the repository, relative to its root, e.g. `generated/production/apps`. */
          path: z
            .string({ error: requiredError })
            .superRefine((path, ctx) => {
              if (path.startsWith("/") || path.split("/").includes("..") || path.includes("\\")) {
                ctx.addIssue({ code: "custom", message: `${JSON.stringify(path)} must be relative to the repository root, with no ".." segments` });
              }
            })
            .describe("The folder in the repository, relative to its root."),
        },
        { error: requiredError },
      )
      .strict()
      .describe("What to sync: repoURL, targetRevision and path."),
    /**
     * Where to sync to.
     * @default { server: "https://kubernetes.default.svc" }
     */
    destination: z
      .object({
        /**
         * The cluster's API server URL.
         * @default "https://kubernetes.default.svc" (the cluster Argo CD runs in)
         */
        server: z.url({ error: "expected the API server's URL, e.g. https://kubernetes.default.svc" }).default(IN_CLUSTER_SERVER).describe("The cluster's API server URL. Default: the in-cluster server."),
        /**
         * The namespace for namespaced objects that name none.
         * @default none: the namespaces in the manifests
         */
        namespace: namespaceName().optional().describe("The namespace for objects that name none. Default: none."),
      })
      .strict()
      .prefault({})
      .describe("Where to sync to. Default: the in-cluster server."),
    /**
     * The Application's sync wave: lower waves sync and become healthy first
     * (an app-of-apps orders its children with it).
     * @default none: wave 0
     */
    syncWave: z.number().int().optional().describe("The sync wave, written to the argocd.argoproj.io/sync-wave annotation. Default: none (wave 0)."),
    /** How syncs happen. */
    syncPolicy: z
      .object({
        /** Automated sync: Argo CD syncs every change of the source without a click. */
        automated: z
          .object({
            /**
             * Whether objects removed from the source are deleted.
             * @default true
             */
            prune: z.boolean().default(true).describe("Whether objects removed from the source are deleted. Default: true."),
            /**
             * Whether changes made in the cluster are reverted.
             * @default true
             */
            selfHeal: z.boolean().default(true).describe("Whether changes made in the cluster are reverted. Default: true."),
          })
          .strict()
          .prefault({})
          .describe("Automated sync, with prune and selfHeal."),
        /**
         * How a failed sync is retried. Argo CD never retries a failed
         * automated sync of the same revision on its own, so without
         * retries a transient failure (a CRD not yet established, a webhook
         * not yet ready) holds the Application until the next commit.
         * @default { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "3m" } }
         */
        retry: z
          .object({
            limit: z.number().int().min(-1).default(5).describe("How many retries; -1 retries forever. Default: 5."),
            backoff: z
              .object({
                duration: duration().default("10s").describe("The first wait. Default: 10s."),
                factor: z.number().int().min(1).default(2).describe("The factor each wait grows by. Default: 2."),
                maxDuration: duration().default("3m").describe("The longest wait. Default: 3m."),
              })
              .strict()
              .prefault({})
              .describe("The waits between retries."),
          })
          .strict()
          .prefault({})
          .describe("How a failed sync is retried. Default: 5 times, waiting 10s, 20s, 40s… up to 3m."),
      })
      .strict()
      .prefault({})
      .describe("How syncs happen. Default: automated with prune and selfHeal, retried 5 times."),
    /**
     * Sync options, `Name=value`, e.g. `CreateNamespace=true` or `ServerSideApply=true`.
     * @default none
     */
    syncOptions: z
      .array(z.string().regex(/^[A-Za-z]+=\S+$/, "expected a sync option Name=value, e.g. CreateNamespace=true"))
      .optional()
      .describe("Sync options, Name=value. Default: none."),
    /**
     * Whether deleting the Application deletes the objects it synced
     * (the `resources-finalizer.argocd.argoproj.io` finalizer).
     * @default true
     */
    finalizer: z.boolean().default(true).describe("Whether deleting the Application deletes its objects. Default: true."),
  })
  .strict();

/** The input of {@link argoApplication}. */
export type ArgoApplicationInput = z.input<typeof argoApplicationProps>;

/**
 * Builds an Argo CD Application with automated sync, pruning and
 * self-healing.
 *
 * @example
 * argoApplication({ name: "apps", source: { repoURL: "https://github.com/acme/platform.git", targetRevision: "main", path: "generated/production/apps" }, syncWave: 2 });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function argoApplication(input: ArgoApplicationInput): Application {
  const props = parseProps(argoApplicationProps, input, builderWhere("argoApplication", input));
  return new (applicationModel().Application)({
    metadata: {
      name: props.name,
      namespace: props.namespace,
      annotations: props.syncWave === undefined ? undefined : { [SYNC_WAVE_ANNOTATION]: String(props.syncWave) },
      finalizers: props.finalizer ? [RESOURCES_FINALIZER] : undefined,
    },
    spec: {
      project: props.project,
      source: props.source,
      destination: props.destination,
      syncPolicy: { automated: props.syncPolicy.automated, syncOptions: props.syncOptions, retry: props.syncPolicy.retry },
    },
  });
}
