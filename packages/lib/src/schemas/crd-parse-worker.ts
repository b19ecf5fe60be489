/**
 * Worker thread body of {@link parseCrdFiles}: parses one YAML file's CRDs
 * per message. YAML parsing is most of a store build's time, so files are
 * parsed on several threads.
 */
import { parentPort } from "node:worker_threads";
import { isUserError } from "../errors/user-error.ts";
import { parseCrds } from "./crd-documents.ts";
import type { ParseRequest, ParseResponse } from "./parse-crd-files.ts";

parentPort?.on("message", (request: ParseRequest) => {
  let response: ParseResponse;
  try {
    response = { id: request.id, crds: parseCrds(request.text, request.source) };
  } catch (error) {
    if (!isUserError(error)) throw error;
    response = { id: request.id, problems: error.problems };
  }
  parentPort?.postMessage(response);
});
