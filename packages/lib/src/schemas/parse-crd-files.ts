/**
 * Parsing the CRDs of many YAML files on a pool of worker threads (YAML
 * parsing dominates a store build: about 7 s of CPU for the pinned
 * sources), largest file first.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { isUserError, UserError, type Problem } from "../errors/user-error.ts";
import { parseCrds, type CustomResourceDefinition } from "./crd-documents.ts";

/** A message to the worker. */
export interface ParseRequest {
  readonly id: number;
  readonly text: string;
  readonly source: string;
}

/** A message from the worker: the CRDs, or the problems found. */
export type ParseResponse = { readonly id: number; readonly crds: CustomResourceDefinition[] } | { readonly id: number; readonly problems: readonly Problem[] };

/** One YAML file to parse. */
export interface YamlFile {
  /** The file's name in messages. */
  readonly source: string;
  /** Its text. */
  readonly text: string;
}

/** Options of {@link parseCrdFiles}. */
export interface ParseCrdFilesOptions {
  /**
   * How many worker threads parse at once; 1 parses on the calling thread.
   * @default the number of CPUs, at most 4
   */
  readonly threads?: number;
}

/**
 * Parses the CRDs of every file, in parallel.
 *
 * @returns the CRDs of each file, in the order of `files`.
 * @throws {UserError} listing the problems of every file (invalid YAML, malformed CRDs).
 */
export async function parseCrdFiles(files: readonly YamlFile[], options: ParseCrdFilesOptions = {}): Promise<CustomResourceDefinition[][]> {
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), 4), files.length));
  const results: CustomResourceDefinition[][] = files.map(() => []);
  const problems: Problem[][] = files.map(() => []);
  if (threads === 1) {
    files.forEach((file, index) => {
      try {
        results[index] = parseCrds(file.text, file.source);
      } catch (error) {
        if (!isUserError(error)) throw error;
        problems[index] = [...error.problems];
      }
    });
  } else {
    const queue = files.map((file, id) => ({ id, text: file.text, source: file.source })).sort((a, b) => b.text.length - a.text.length);
    const run = (worker: Worker): Promise<void> =>
      new Promise((resolve, reject) => {
        const next = (): void => {
          const request = queue.shift();
          if (request === undefined) resolve();
          else worker.postMessage(request satisfies ParseRequest);
        };
        worker.on("message", (response: ParseResponse) => {
          if ("crds" in response) results[response.id] = response.crds;
          else problems[response.id] = [...response.problems];
          next();
        });
        worker.on("error", reject);
        next();
      });
    const workers = Array.from({ length: threads }, () => new Worker(new URL("./crd-parse-worker.ts", import.meta.url)));
    try {
      await Promise.all(workers.map(run));
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
  }
  const all = problems.flat();
  if (all.length > 0) throw new UserError(all);
  return results;
}
