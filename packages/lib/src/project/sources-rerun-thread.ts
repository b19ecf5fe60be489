/**
 * The body of the thread `problemsWithSources` starts: records where every
 * object is declared, renders the clusters it was given and answers with
 * their problems.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isUserError } from "../errors/user-error.ts";
import { captureSourceLocations } from "../resource/source-location.ts";
import type { SourcesRerunAnswer, SourcesRerunRequest } from "./sources-rerun.ts";

const request = workerData as SourcesRerunRequest;
captureSourceLocations();
let answer: SourcesRerunAnswer;
try {
  const { renderProject } = await import("./generate.ts");
  await renderProject(request.root, { clusters: request.clusters, validate: request.validate });
  answer = { reason: "the clusters rendered without problems this time" };
} catch (error) {
  answer = isUserError(error) ? { problems: error.problems } : { reason: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(answer);
