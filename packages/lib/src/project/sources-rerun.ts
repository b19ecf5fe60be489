/**
 * Where the objects behind a render's problems were declared, found after
 * the fact. Recording a stack trace for every object costs more than 10 µs,
 * a good share of a large render, and a render without problems never reads
 * one. So `gen` renders without recording, and when a cluster has problems
 * it renders those clusters once more on a thread of their own, with
 * recording on: the definitions are evaluated afresh there, as the
 * thread has never loaded them, and its problems carry `declared at`.
 * Each problem of the first render takes the source of the same problem
 * (same `where`, `what` and `hint`) in the second; a definition that
 * renders differently each time cannot lend a source to another problem.
 */
import { Worker } from "node:worker_threads";
import type { Problem } from "../errors/user-error.ts";

/** What the rerun is asked to render. */
export interface SourcesRerunRequest {
  /** The project root. */
  readonly root: string;
  /** The clusters to render, by name. */
  readonly clusters: readonly string[];
  /** Whether schema validation runs, as in the first render. */
  readonly validate: boolean;
}

/** What the rerun found: its problems, or that it found none or failed otherwise. */
export type SourcesRerunAnswer = { readonly problems: readonly Problem[] } | { readonly problems?: undefined; readonly reason: string };

/** The thread's start: the on-disk compile cache first, as the command line does, then its body. */
const THREAD_SOURCE = `require("node:module").enableCompileCache?.();
import(${JSON.stringify(new URL("./sources-rerun-thread.ts", import.meta.url).href)});`;

/**
 * Renders `clusters` again on a new thread with source recording on and
 * returns their problems, each with the source of its object where one is
 * known: none when that render has no problems or fails otherwise.
 */
export async function problemsWithSources(request: SourcesRerunRequest): Promise<readonly Problem[]> {
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: request });
  try {
    const answer = await new Promise<SourcesRerunAnswer>((resolve) => {
      worker.once("message", (message: SourcesRerunAnswer) => resolve(message));
      worker.once("error", (error: Error) => resolve({ reason: error.message }));
      worker.once("exit", (code) => resolve({ reason: `the thread stopped (exit code ${code})` }));
    });
    return answer.problems ?? [];
  } finally {
    await worker.terminate();
  }
}

/** What makes two problems the same one. */
function problemKey(problem: Problem): string {
  return JSON.stringify([problem.where, problem.what, problem.hint ?? null]);
}

/**
 * `problems`, each that has no source given the source of the same problem
 * in `rerun` (in order, when the same problem is there more than once).
 */
export function withSourcesFrom(problems: readonly Problem[], rerun: readonly Problem[]): Problem[] {
  const sources = new Map<string, string[]>();
  for (const problem of rerun) {
    if (problem.source === undefined) continue;
    const key = problemKey(problem);
    const list = sources.get(key);
    if (list === undefined) sources.set(key, [problem.source]);
    else list.push(problem.source);
  }
  return problems.map((problem) => {
    if (problem.source !== undefined) return problem;
    const source = sources.get(problemKey(problem))?.shift();
    return source === undefined ? problem : { ...problem, source };
  });
}
