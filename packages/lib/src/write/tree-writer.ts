/**
 * Writing cluster trees on a worker thread, so that the disk work of
 * thousands of small files overlaps the rendering on another core. Files
 * are streamed to the thread as they are rendered ({@link TreeStream});
 * there a `TreeStager` stages them, and on request the thread completes a
 * tree with its fingerprint, swaps it in or drops it, in the order the
 * requests are sent. The caller holds the lock of `generated/`.
 *
 * Files cross to the thread in batches of paths and contents as text: the
 * thread encodes them as it writes them, so the rendering thread spends no
 * time on UTF-8.
 */
import { Worker } from "node:worker_threads";
import { UserError, type Problem } from "../errors/user-error.ts";
import type { TreeFingerprint } from "./tree-fingerprint.ts";
import type { WriteResult } from "./write-tree.ts";

/** A batch of files of one cluster's tree on its way to the writer thread. */
export interface FileBatch {
  /** The cluster. */
  readonly cluster: string;
  /** The file paths, in the order they were rendered. */
  readonly paths: readonly string[];
  /** The content of each file, in the order of `paths`. */
  readonly contents: readonly string[];
}

/**
 * A request to the writer thread: `add` stages files of a cluster's tree
 * (starting the tree on its first files), `finish` completes it, `swap`
 * swaps it in, `discard` drops it.
 */
export type WriterRequest =
  | { readonly op: "add"; readonly id: number; readonly generatedDir: string; readonly batch: FileBatch }
  | { readonly op: "finish" | "swap" | "discard"; readonly id: number; readonly generatedDir: string; readonly cluster: string };

/** What staging a tree gave. */
export interface StagedTree {
  /** What was staged (`wrote: false` when nothing changed). */
  readonly result: WriteResult;
  /** The fingerprint of the rendered tree, for the render cache. */
  readonly fingerprint: TreeFingerprint;
}

/** The writer thread's answer to the request of the same `id`. */
export type WriterAnswer =
  | { readonly id: number; readonly ok: true; readonly staged?: StagedTree }
  | { readonly id: number; readonly ok: false; readonly problems?: readonly Problem[]; readonly message?: string };

/**
 * The thread's start: the on-disk compile cache first (as the command line
 * does), so its TypeScript modules load compiled, then its body.
 */
const THREAD_SOURCE = `require("node:module").enableCompileCache?.();
import(${JSON.stringify(new URL("./tree-writer-worker.ts", import.meta.url).href)});`;

/** A writer thread for the cluster trees of one `generated/` folder. */
export class TreeWriter {
  readonly #generatedDir: string;
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (answer: WriterAnswer) => void; reject: (error: Error) => void }>();
  #nextId = 0;
  #closing = false;

  /** Starts the thread; it loads its modules while the caller renders. */
  constructor(generatedDir: string) {
    this.#generatedDir = generatedDir;
    this.#worker = new Worker(THREAD_SOURCE, { eval: true });
    this.#worker.on("message", (answer: WriterAnswer) => {
      const waiting = this.#waiting.get(answer.id);
      this.#waiting.delete(answer.id);
      waiting?.resolve(answer);
    });
    this.#worker.on("error", (error: Error) => this.#failAll(error));
    this.#worker.on("exit", (code) => {
      if (!this.#closing) this.#failAll(new Error(`the tree writer thread stopped (exit code ${code})`));
    });
  }

  /**
   * Starts staging the tree of `cluster`: files added to the stream are
   * sent in batches and staged on the thread while the caller goes on.
   */
  open(cluster: string): TreeStream {
    return new TreeStream(cluster, (batch) => this.#send({ op: "add", id: this.#nextId++, generatedDir: this.#generatedDir, batch }), async () => {
      const answer = await this.#send({ op: "finish", id: this.#nextId++, generatedDir: this.#generatedDir, cluster });
      if (answer.staged === undefined) throw new Error(`the tree writer finished ${cluster} but reported no result`);
      return answer.staged;
    });
  }

  /** Swaps the staged tree of `cluster` in. */
  async swap(cluster: string): Promise<void> {
    await this.#send({ op: "swap", id: this.#nextId++, generatedDir: this.#generatedDir, cluster });
  }

  /** Drops the staged tree of `cluster`, if any. */
  async discard(cluster: string): Promise<void> {
    await this.#send({ op: "discard", id: this.#nextId++, generatedDir: this.#generatedDir, cluster });
  }

  /** Stops the thread; requests still waiting fail. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#worker.terminate();
    this.#failAll(new Error("the tree writer was closed"));
  }

  #send(request: WriterRequest): Promise<Extract<WriterAnswer, { ok: true }>> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(request.id, {
        resolve: (answer) => {
          if (answer.ok) resolve(answer);
          else if (answer.problems !== undefined) reject(new UserError(answer.problems));
          else reject(new Error(`writing generated/ failed: ${answer.message ?? "no reason given"}`));
        },
        reject,
      });
      this.#worker.postMessage(request satisfies WriterRequest);
    });
  }

  #failAll(error: Error): void {
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }
}

/** How many files a {@link TreeStream} sends in one message. */
const BATCH_FILES = 256;

/** The files of one cluster's tree on their way to the writer thread. */
export class TreeStream {
  readonly #cluster: string;
  readonly #send: (batch: FileBatch) => Promise<unknown>;
  readonly #finish: () => Promise<StagedTree>;
  readonly #sent: Promise<unknown>[] = [];
  #paths: string[] = [];
  #contents: string[] = [];

  /** Made by {@link TreeWriter.open}. */
  constructor(cluster: string, send: (batch: FileBatch) => Promise<unknown>, finish: () => Promise<StagedTree>) {
    this.#cluster = cluster;
    this.#send = send;
    this.#finish = finish;
  }

  /** Adds one file; it is sent with the next full batch. */
  add(path: string, content: string): void {
    this.#paths.push(path);
    this.#contents.push(content);
    if (this.#paths.length >= BATCH_FILES) this.#flush();
  }

  /**
   * Sends what is left and completes the tree (see `TreeStager.finish`).
   *
   * @throws {UserError} when files the writer does not own are in the tree.
   */
  async finish(): Promise<StagedTree> {
    this.#flush();
    const finished = this.#finish();
    // Every batch is answered before the finish; the first failure is the one to report.
    await Promise.all(this.#sent);
    return finished;
  }

  #flush(): void {
    if (this.#paths.length === 0) return;
    const sent = this.#send({ cluster: this.#cluster, paths: this.#paths, contents: this.#contents });
    sent.catch(() => undefined); // reported by finish()
    this.#sent.push(sent);
    this.#paths = [];
    this.#contents = [];
  }
}
