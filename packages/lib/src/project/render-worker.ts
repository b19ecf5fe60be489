/**
 * A worker thread that loads and renders one cluster, so clusters render in
 * parallel on machines with more than one core. It answers with the
 * rendered files, or with the problems found; objects themselves stay in
 * the worker.
 */
import module from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { loadCluster, type ClusterSource } from "../cluster/load-clusters.ts";
import { isUserError, type Problem } from "../errors/user-error.ts";
import { renderCluster } from "../render/render-cluster.ts";
import { captureSourceLocations } from "../resource/source-location.ts";

/** What the main thread sends. */
export interface RenderJob {
  readonly root: string;
  readonly cluster: ClusterSource;
  readonly validate: boolean;
}

/** What the worker answers. */
export type RenderAnswer =
  | {
      readonly ok: true;
      readonly cluster: string;
      readonly files: readonly (readonly [string, string])[];
      readonly objectCount: number;
      readonly kubernetesVersion: string;
      readonly ageRecipients: readonly string[] | undefined;
      readonly allowedMissingSchemas: readonly { readonly apiVersion: string; readonly kind: string; readonly reason: string }[];
    }
  | { readonly ok: false; readonly problems?: readonly Problem[]; readonly error?: string };

async function run(job: RenderJob): Promise<RenderAnswer> {
  try {
    captureSourceLocations();
    const definition = await loadCluster(job.root, job.cluster);
    const tree = renderCluster(definition, { source: job.cluster.source, validate: job.validate, root: job.root });
    return {
      ok: true,
      cluster: tree.cluster,
      files: [...tree.files],
      objectCount: tree.objectCount,
      kubernetesVersion: tree.kubernetesVersion,
      ageRecipients: tree.ageRecipients,
      allowedMissingSchemas: tree.allowedMissingSchemas,
    };
  } catch (error) {
    if (isUserError(error)) return { ok: false, problems: error.problems.map((problem) => ({ ...problem })) };
    return { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

if (parentPort !== null) {
  module.enableCompileCache?.();
  parentPort.postMessage(await run(workerData as RenderJob));
}
