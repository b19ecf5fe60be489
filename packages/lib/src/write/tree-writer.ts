/**
 * Writing cluster trees on a worker thread, so that the disk work of one
 * tree (thousands of small files) overlaps the rendering of the next
 * cluster on another core. The thread runs the same `stageTree`,
 * `swapInStagedTree` and `discardStagedTree` as a synchronous write, in the
 * order they are requested, and takes each staged tree's fingerprint; the
 * caller holds the lock of `generated/`.
 *
 * A tree crosses to the thread packed: its paths, and its contents as UTF-8
 * in one buffer that is moved, not copied.
 */
import { Worker } from "node:worker_threads";
import { UserError, type Problem } from "../errors/user-error.ts";
import type { TreeFingerprint } from "./tree-fingerprint.ts";
import type { TreeFiles, WriteResult } from "./write-tree.ts";

/** A tree's files packed for the writer thread. */
export interface PackedTree {
  /** The cluster. */
  readonly cluster: string;
  /** The file paths, in the order of the rendered tree. */
  readonly paths: readonly string[];
  /** Where the UTF-8 content of each file ends in `bytes`; it starts where the one before ends. */
  readonly ends: Uint32Array;
  /** Every file's content, one after the other. */
  readonly bytes: Uint8Array;
}

/** A request to the writer thread. */
export type WriterRequest =
  | { readonly op: "stage"; readonly id: number; readonly generatedDir: string; readonly tree: PackedTree }
  | { readonly op: "swap" | "discard"; readonly id: number; readonly generatedDir: string; readonly cluster: string };

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

/** Packs `tree` (text contents) for the writer thread. */
export function packTree(tree: { readonly cluster: string; readonly files: ReadonlyMap<string, string> }): PackedTree {
  let length = 0;
  for (const content of tree.files.values()) length += content.length;
  // Manifests are mostly ASCII: one byte per UTF-16 unit, grown when a file needs more.
  let bytes = Buffer.allocUnsafeSlow(length + (length >> 4) + 4096);
  const paths: string[] = [];
  const ends = new Uint32Array(tree.files.size);
  let offset = 0;
  for (const [path, content] of tree.files) {
    const room = offset + content.length * 3;
    if (room > bytes.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(room, bytes.length * 2));
      bytes.copy(larger, 0, 0, offset);
      bytes = larger;
    }
    offset += bytes.write(content, offset, "utf8");
    ends[paths.length] = offset;
    paths.push(path);
  }
  return { cluster: tree.cluster, paths, ends, bytes: bytes.subarray(0, offset) };
}

/** The files of a packed tree, each content a view into its buffer. */
export function unpackTree(tree: PackedTree): TreeFiles {
  const files = new Map<string, Uint8Array>();
  let start = 0;
  for (let i = 0; i < tree.paths.length; i++) {
    const end = tree.ends[i]!;
    files.set(tree.paths[i]!, tree.bytes.subarray(start, end));
    start = end;
  }
  return { cluster: tree.cluster, files };
}

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
   * Stages `tree` (see `stageTree` in `write-tree.ts`). The tree is packed
   * now; the writing happens on the thread.
   *
   * @throws {UserError} when files the writer does not own are in the tree.
   */
  async stage(tree: { readonly cluster: string; readonly files: ReadonlyMap<string, string> }): Promise<StagedTree> {
    const packed = packTree(tree);
    const answer = await this.#send({ op: "stage", id: this.#nextId++, generatedDir: this.#generatedDir, tree: packed }, [packed.bytes.buffer as ArrayBuffer, packed.ends.buffer as ArrayBuffer]);
    if (answer.staged === undefined) throw new Error(`the tree writer staged ${tree.cluster} but reported no result`);
    return answer.staged;
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

  #send(request: WriterRequest, transfer: ArrayBuffer[] = []): Promise<Extract<WriterAnswer, { ok: true }>> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(request.id, {
        resolve: (answer) => {
          if (answer.ok) resolve(answer);
          else if (answer.problems !== undefined) reject(new UserError(answer.problems));
          else reject(new Error(`writing generated/ failed: ${answer.message ?? "no reason given"}`));
        },
        reject,
      });
      this.#worker.postMessage(request satisfies WriterRequest, transfer);
    });
  }

  #failAll(error: Error): void {
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }
}
