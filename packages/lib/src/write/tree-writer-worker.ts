/**
 * The body of the writer thread that `TreeWriter` starts: stages, swaps in and drops
 * cluster trees on request, one request at a time, in the order sent.
 */
import { parentPort } from "node:worker_threads";
import { isUserError } from "../errors/user-error.ts";
import { discardStagedTree, swapInStagedTree } from "./swap.ts";
import { fingerprintTree } from "./tree-fingerprint.ts";
import { unpackTree, type WriterAnswer, type WriterRequest } from "./tree-writer.ts";
import { stageTree } from "./write-tree.ts";

/** Answers one request. */
function handle(request: WriterRequest): WriterAnswer {
  if (request.op === "stage") {
    const tree = unpackTree(request.tree);
    const result = stageTree(request.generatedDir, tree);
    return { id: request.id, ok: true, staged: { result, fingerprint: fingerprintTree(tree.files, result.changes.inventory.text) } };
  }
  if (request.op === "swap") swapInStagedTree(request.generatedDir, request.cluster);
  else discardStagedTree(request.generatedDir, request.cluster);
  return { id: request.id, ok: true };
}

parentPort?.on("message", (request: WriterRequest) => {
  let answer: WriterAnswer;
  try {
    answer = handle(request);
  } catch (error) {
    answer = isUserError(error)
      ? { id: request.id, ok: false, problems: error.problems }
      : { id: request.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(answer);
});
