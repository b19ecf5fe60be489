/**
 * `gen --watch`: render, then on every change of the definitions render
 * again the clusters the change affects and show what changed. Each render
 * runs in a fresh child process (`gen`), because ES modules cannot be
 * unloaded: a long-lived process would keep the first version of every
 * definition it imported. The next child is started as soon as a render
 * ends, and loads the library and the workspace packages while it waits
 * (see `render-worker.ts`); after a change to those, a new one is started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, watch, type FSWatcher } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { discoverClusters } from "../cluster/load-clusters.ts";
import { isUserError, formatProblem } from "../errors/user-error.ts";
import { diffTrees, type ClusterDiff } from "../diff/diff-trees.ts";
import { describeField, summaryPhrase } from "../diff/format-diff.ts";
import { describeEntry } from "../diff/tree-objects.ts";
import { readExistingTree } from "../write/existing-tree.ts";
import { affectedClusters, clusterInputs, isSharedInput, type ClusterInputs } from "./affected.ts";

/** The render process (see `render-worker.ts`). */
const WORKER = join(dirname(fileURLToPath(import.meta.url)), "render-worker.ts");

/** Changes closer together than this are rendered once. */
export const DEBOUNCE_MS = 150;

/** At most this many changed objects are listed after a render. */
const MAX_LISTED = 20;

/** A writable stream as the watcher uses it. */
interface Sink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Options of {@link watchProject}. */
export interface WatchOptions {
  /** The project root. */
  readonly root: string;
  /** The clusters to keep rendered (none: all). */
  readonly clusters: readonly string[];
  /** Whether renders validate the typed models. */
  readonly validate: boolean;
  /** Where render output and change summaries go. */
  readonly stdout: Sink;
  /** Where errors go. */
  readonly stderr: Sink;
  /** The environment (`NO_COLOR`, and the children's environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Stops watching (Ctrl-C): a running render is stopped, the watchers closed. */
  readonly signal: AbortSignal;
}

/** The folders of definitions at the project root. */
const TOP_FOLDERS = ["clusters", "apps", "infrastructure"];

/** The folders watched: the definitions and the workspace packages' sources. */
export function watchedFolders(root: string): string[] {
  const folders = TOP_FOLDERS.map((folder) => join(root, folder));
  const packages = join(root, "packages");
  if (existsSync(packages)) {
    for (const entry of readdirSync(packages, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      for (const sub of ["src", "vendor"]) folders.push(join(packages, entry.name, sub));
    }
  }
  return folders.filter((folder) => existsSync(folder));
}

/** Whether a changed path is noise: editor swap and backup files, temporary files, dependencies, golden files. */
function ignored(path: string): boolean {
  const base = path.slice(path.lastIndexOf(sep) + 1);
  return (
    path.split(sep).some((segment) => segment === "node_modules" || segment === "__golden__" || segment.startsWith(".")) ||
    base.endsWith("~") ||
    /\.(swp|swx|tmp)$/.test(base) ||
    /^\d+$/.test(base) ||
    base.endsWith(".test.ts")
  );
}

function timestamp(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** The summary lines of what a render changed. */
function changeSummary(diffs: readonly ClusterDiff[]): string {
  let out = "";
  for (const diff of diffs) {
    out += `  ${diff.cluster}: ${summaryPhrase(diff)}\n`;
    for (const object of diff.objects.slice(0, MAX_LISTED)) {
      const sign = { added: "+", removed: "-", changed: "~", moved: ">" }[object.change];
      out += `    ${sign} ${describeEntry(object)}${object.change === "moved" ? ` (${object.from} → ${object.path})` : ""}\n`;
      for (const field of object.fields.slice(0, 5)) out += `        ${describeField(field)}\n`;
      if (object.fields.length > 5) out += `        … and ${object.fields.length - 5} more\n`;
    }
    if (diff.objects.length > MAX_LISTED) out += `    … and ${diff.objects.length - MAX_LISTED} more objects\n`;
  }
  return out;
}

/** A render process, loading or loaded, whose output is held until it renders. */
interface RenderProcess {
  readonly child: ChildProcess;
  /** Resolves true once it has loaded and waits for its arguments, false if it ended first. */
  readonly ready: Promise<boolean>;
  /** Resolves with its exit code. */
  readonly exited: Promise<number | null>;
  /** Starts passing its output on, indented, after what it printed so far. */
  attach(stdout: Sink, stderr: Sink): void;
}

function startRenderProcess(root: string, env: Readonly<Record<string, string | undefined>> | undefined): RenderProcess {
  const child = spawn(process.execPath, [WORKER, root], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  const held: { err: boolean; text: string }[] = [];
  let sinks: { stdout: Sink; stderr: Sink } | undefined;
  const forward = (err: boolean) => (chunk: Buffer) => {
    const text = chunk.toString("utf8").replace(/^(?=.)/gm, "  ");
    if (sinks === undefined) held.push({ err, text });
    else (err ? sinks.stderr : sinks.stdout).write(text);
  };
  child.stdout!.on("data", forward(false));
  child.stderr!.on("data", forward(true));
  const exited = new Promise<number | null>((resolveExit) => child.on("close", (code) => resolveExit(code)));
  const ready = new Promise<boolean>((resolveReady) => {
    child.once("message", () => resolveReady(true));
    void exited.then(() => resolveReady(false));
  });
  return {
    child,
    ready,
    exited,
    attach(stdout, stderr) {
      sinks = { stdout, stderr };
      for (const entry of held.splice(0)) (entry.err ? stderr : stdout).write(entry.text);
    },
  };
}

/**
 * Watches the project until `signal` aborts. Renders once at the start,
 * then after every burst of changes. Errors of a render are shown as `gen`
 * prints them and the watch goes on.
 */
export async function watchProject(options: WatchOptions): Promise<void> {
  const { root, signal } = options;
  const wanted = (names: readonly string[]) => (options.clusters.length === 0 ? names : names.filter((name) => options.clusters.includes(name)));
  let inputs: ClusterInputs = clusterInputs(discoverClusters(root));
  let current: RenderProcess | undefined;
  let next: RenderProcess | undefined;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const render = async (clusters: readonly string[], reason: string, fresh: boolean): Promise<void> => {
    if (signal.aborted) return;
    const started = performance.now();
    options.stdout.write(`[${timestamp()}] ${reason} → rendering ${clusters.join(", ")}\n`);
    const before = new Map(clusters.map((cluster) => [cluster, readExistingTree(join(root, "generated", cluster)).files]));
    const all = discoverClusters(root).map((cluster) => cluster.name);
    const args = ["gen", ...(options.clusters.length === 0 && clusters.length === all.length ? [] : clusters), "--root", root, ...(options.validate ? [] : ["--no-validate"])];
    // A process that loaded the workspace packages before they changed is not used.
    if (fresh) next?.child.kill("SIGKILL");
    current = fresh || next === undefined ? startRenderProcess(root, options.env) : next;
    next = undefined;
    current.attach(options.stdout, options.stderr);
    if (await current.ready) current.child.send({ args });
    const code = await current.exited;
    current = undefined;
    if (!signal.aborted) next = startRenderProcess(root, options.env);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (signal.aborted) return;
    if (code !== 0) {
      options.stdout.write(`[${timestamp()}] render failed (exit ${code}) after ${seconds} s; generated/ is unchanged. Waiting for the next change…\n`);
      return;
    }
    const diffs = clusters.map((cluster) => diffTrees(cluster, before.get(cluster), readExistingTree(join(root, "generated", cluster)).files));
    options.stdout.write(`${changeSummary(diffs)}[${timestamp()}] rendered in ${seconds} s. Waiting for changes…\n`);
    try {
      inputs = clusterInputs(discoverClusters(root));
    } catch (error) {
      if (!isUserError(error)) throw error;
      options.stderr.write(`${error.problems.map(formatProblem).join("\n")}\n`);
    }
  };

  const flush = (): void => {
    timer = undefined;
    const changed = pending;
    pending = new Set();
    running = running.then(async () => {
      let clusters: readonly string[];
      try {
        inputs = clusterInputs(discoverClusters(root));
        clusters = wanted(affectedClusters(root, inputs, changed));
      } catch (error) {
        if (!isUserError(error)) throw error;
        options.stderr.write(`${error.problems.map(formatProblem).join("\n")}\n`);
        return;
      }
      const names = [...changed].map((file) => relative(root, file).split(sep).join("/")).sort();
      const reason = names.length === 1 ? names[0]! : `${names.length} files changed (${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""})`;
      if (clusters.length === 0) {
        options.stdout.write(`[${timestamp()}] ${reason}: no watched cluster uses it; nothing to render\n`);
        return;
      }
      await render(clusters, reason, [...changed].some((file) => isSharedInput(relative(root, file).split(sep).join("/"))));
    });
  };

  const watchers = new Map<string, FSWatcher>();
  const changedFile = (file: string): void => {
    if (ignored(relative(root, file))) return;
    pending.add(file);
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };
  const startWatching = (folder: string): void => {
    if (watchers.has(folder) || !existsSync(folder)) return;
    const watcher = watch(folder, { recursive: true }, (_event, name) => {
      if (name !== null) changedFile(join(folder, name.toString()));
    });
    watcher.on("error", (error) => options.stderr.write(`watch error on ${relative(root, folder)}: ${error.message}\n`));
    watchers.set(folder, watcher);
  };
  for (const folder of watchedFolders(root)) startWatching(folder);
  // A watched folder created later (the first app of a project, say) is watched from then on, and what it holds counts as changed.
  const rootWatcher = watch(root, (_event, name) => {
    if (name === null) return;
    if (name.toString() === "package.json" || name.toString() === "pnpm-lock.yaml") return changedFile(join(root, name.toString()));
    if (!TOP_FOLDERS.includes(name.toString())) return;
    const folder = join(root, name.toString());
    if (watchers.has(folder) || !existsSync(folder)) return;
    startWatching(folder);
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) if (entry.isFile()) changedFile(join(entry.parentPath, entry.name));
  });
  running = running.then(() => render(wanted(inputs.clusters.map((cluster) => cluster.name)), "start", true));
  await running;
  if (!signal.aborted) {
    options.stdout.write(`watching ${watchedFolders(root).map((folder) => `${relative(root, folder)}/`).join(", ")} (Ctrl-C to stop)\n`);
  }
  await new Promise<void>((resolveStop) => {
    if (signal.aborted) return resolveStop();
    signal.addEventListener("abort", () => resolveStop(), { once: true });
  });
  if (timer !== undefined) clearTimeout(timer);
  rootWatcher.close();
  for (const watcher of watchers.values()) watcher.close();
  current?.child.kill("SIGTERM");
  next?.child.kill("SIGKILL");
  await running.catch(() => {});
  options.stdout.write("stopped watching.\n");
}
