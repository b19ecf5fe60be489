/**
 * The body of the writer thread that `TreeWriter` starts: stages, swaps in
 * and drops cluster trees on request, one request at a time, in the order
 * sent.
 */
import { parentPort } from "node:worker_threads";
import { isUserError } from "../errors/user-error.ts";
import { discardStagedTree, swapInStagedTree } from "./swap.ts";
import { fingerprintTree } from "./tree-fingerprint.ts";
import type { WriterAnswer, WriterRequest } from "./tree-writer.ts";
import { TreeStager } from "./write-tree.ts";

/** The trees being staged, by cluster. */
const stagers = new Map<string, TreeStager>();

/** Answers one request. */
function handle(request: WriterRequest): WriterAnswer {
  switch (request.op) {
    case "add": {
      const { cluster, paths, contents } = request.batch;
      let stager = stagers.get(cluster);
      if (stager === undefined) {
        stager = new TreeStager(request.generatedDir, cluster);
        stagers.set(cluster, stager);
      }
      for (let i = 0; i < paths.length; i++) stager.add(paths[i]!, contents[i]!);
      return { id: request.id, ok: true };
    }
    case "finish": {
      const stager = stagers.get(request.cluster) ?? new TreeStager(request.generatedDir, request.cluster);
      stagers.delete(request.cluster);
      const result = stager.finish();
      return { id: request.id, ok: true, staged: { result, fingerprint: fingerprintTree(stager.files, result.changes.inventory.text) } };
    }
    case "swap":
      swapInStagedTree(request.generatedDir, request.cluster);
      return { id: request.id, ok: true };
    case "discard":
      stagers.delete(request.cluster);
      discardStagedTree(request.generatedDir, request.cluster);
      return { id: request.id, ok: true };
  }
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
