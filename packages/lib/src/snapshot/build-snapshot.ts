/**
 * Building the start-up snapshot of the library (`typed-gitops snapshot`).
 *
 * 1. An entry module is written that imports the library's public entry
 *    (`src/index.ts`), the `gen` command, `zod` and the kinds of
 *    `kubernetes-models` listed in {@link SHARED_PACKAGES}, renders the
 *    warm-up sample, and sets `runFromSnapshot` as the snapshot's main
 *    function.
 * 2. rolldown bundles it into one CommonJS script, as `--build-snapshot`
 *    requires. Each module keeps its own `import.meta.url`, so that the
 *    files it finds beside itself (worker threads, vendored data) are the
 *    same as from the sources, and its `import.meta.resolve("…")` calls
 *    are resolved while bundling.
 * 3. `node --build-snapshot` runs the script and writes the snapshot; a
 *    second process starts from it to check that it loads; only then is it
 *    moved to its name (`<key>.blob`) and the manifest (see
 *    `snapshot-file.ts`) written; the snapshots of other keys are deleted,
 *    but for the one the replaced manifest named.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SMOKE_ENV, SMOKE_OUTPUT } from "./run-from-snapshot.ts";
import { currentSnapshot, LIB_ROOT, manifestPath, readManifest, snapshotDir, snapshotKey, type SnapshotManifest } from "./snapshot-file.ts";

/**
 * The packages whose instances the snapshot shares with the definitions,
 * besides the library itself: `zod` (whose schemas the catalog composes
 * with the library's) and the kinds of `kubernetes-models` most platforms
 * use (their classes and validators come compiled with the snapshot).
 */
export const SHARED_PACKAGES: readonly string[] = [
  "zod",
  "kubernetes-models/v1/ConfigMap",
  "kubernetes-models/v1/Namespace",
  "kubernetes-models/v1/Secret",
  "kubernetes-models/v1/Service",
  "kubernetes-models/v1/ServiceAccount",
  "kubernetes-models/v1/PersistentVolumeClaim",
  "kubernetes-models/apps/v1/Deployment",
  "kubernetes-models/apps/v1/StatefulSet",
  "kubernetes-models/apps/v1/DaemonSet",
  "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
  "kubernetes-models/batch/v1/CronJob",
  "kubernetes-models/batch/v1/Job",
  "kubernetes-models/networking.k8s.io/v1/Ingress",
  "kubernetes-models/networking.k8s.io/v1/NetworkPolicy",
  "kubernetes-models/policy/v1/PodDisruptionBudget",
  "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole",
  "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding",
  "kubernetes-models/rbac.authorization.k8s.io/v1/Role",
  "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding",
];

/** Built-in modules that must not be loaded while the snapshot is built (Node cannot snapshot them): loaded on first use instead. */
const DEFERRED_BUILTINS = ["crypto", "worker_threads", "child_process"];

/** Options of {@link buildStartupSnapshot}. */
export interface BuildSnapshotOptions {
  /** The library's package folder. @default the library this module belongs to */
  readonly libRoot?: string;
  /** Build even when the snapshot of the current key exists. @default false */
  readonly force?: boolean;
}

/** What {@link buildStartupSnapshot} did. */
export interface BuildSnapshotResult {
  /** The snapshot file. */
  readonly path: string;
  /** Whether it was built now (`false`: it was already there). */
  readonly built: boolean;
  /** Its size in bytes. */
  readonly bytes: number;
}

/** The entry module: the shared modules in a map by URL, the `gen` command, the warm-up, the main function. */
function entrySource(libRoot: string, shared: ReadonlyMap<string, string>): string {
  const lines = ['import v8 from "node:v8";'];
  const entries: string[] = [];
  [...shared].forEach(([url, file], index) => {
    lines.push(`import * as shared${index} from ${JSON.stringify(file)};`);
    entries.push(`[${JSON.stringify(url)}, shared${index}]`);
  });
  const src = join(libRoot, "src");
  lines.push(`import { gen } from ${JSON.stringify(join(src, "cli", "commands", "gen.ts"))};`);
  lines.push(`import { runFromSnapshot } from ${JSON.stringify(join(src, "snapshot", "run-from-snapshot.ts"))};`);
  lines.push(`import { warmUpRender } from ${JSON.stringify(join(src, "snapshot", "warm-up.ts"))};`);
  lines.push(`const modules = new Map([${entries.join(", ")}]);`);
  lines.push("warmUpRender();");
  lines.push("v8.startupSnapshot.setDeserializeMainFunction(() => runFromSnapshot(modules, gen));");
  return `${lines.join("\n")}\n`;
}

/** The modules shared with the definitions: the library's public entry, then {@link SHARED_PACKAGES}, as `file:` URL → path. */
function sharedModules(libRoot: string): Map<string, string> {
  const index = join(libRoot, "src", "index.ts");
  const fromLib = pathToFileURL(index).href;
  const shared = new Map([[fromLib, index]]);
  for (const specifier of SHARED_PACKAGES) {
    // Resolved from this module, which is in the library: as the library's own imports resolve.
    const url = import.meta.resolve(specifier);
    shared.set(url, fileURLToPath(url));
  }
  return shared;
}

/** A use of `import.meta` in a module: `import.meta.url`, or a call of `import.meta.resolve` with the specifier it names. */
interface ImportMetaUse {
  readonly start: number;
  readonly end: number;
  readonly specifier?: string;
}

/**
 * The uses of `import.meta` in a module, from its syntax tree (so that the
 * same words in strings and comments are left alone): `import.meta.url`,
 * and calls of `import.meta.resolve` with a string literal.
 *
 * @throws for any other use, which the bundle could not keep.
 */
function importMetaUses(node: unknown, found: ImportMetaUse[]): void {
  if (Array.isArray(node)) {
    for (const child of node) importMetaUses(child, found);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown> & { type?: string; start?: number; end?: number };
  const metaProperty = (value: unknown): string | undefined => {
    const member = value as { type?: string; object?: { type?: string; meta?: { name?: string }; property?: { name?: string } }; property?: { name?: string } } | undefined;
    const object = member?.object;
    return member?.type === "MemberExpression" && object?.type === "MetaProperty" && object.meta?.name === "import" && object.property?.name === "meta" ? (member.property?.name ?? "?") : undefined;
  };
  if (record.type === "CallExpression" && metaProperty(record.callee) === "resolve") {
    const [argument, ...rest] = record.arguments as { type?: string; value?: unknown }[];
    if (argument?.type !== "Literal" || typeof argument.value !== "string" || rest.length > 0) throw new Error("import.meta.resolve must name its specifier as a string literal to be kept in the snapshot");
    found.push({ start: record.start!, end: record.end!, specifier: argument.value });
    return;
  }
  const property = metaProperty(record);
  if (property !== undefined) {
    if (property !== "url") throw new Error(`import.meta.${property} cannot be kept in the snapshot: use import.meta.url`);
    found.push({ start: record.start!, end: record.end! });
    return;
  }
  for (const [key, value] of Object.entries(record)) if (key !== "type") importMetaUses(value, found);
}

/**
 * Bundles the entry into one CommonJS script at `outFile`; returns the files
 * it holds. Each module's `import.meta.url` becomes its own URL, and each
 * `import.meta.resolve("…")` the URL the bundler resolves it to from that
 * module (with Node's conditions), at build time.
 */
async function bundle(entryFile: string, outFile: string): Promise<readonly string[]> {
  const { rolldown } = await import("rolldown");
  const build = await rolldown({
    input: entryFile,
    platform: "node",
    logLevel: "silent",
    resolve: { conditionNames: ["node", "import", "default"] },
    plugins: [
      {
        name: "typed-gitops-import-meta",
        async transform(code, id) {
          if (!code.includes("import.meta")) return null;
          const found: ImportMetaUse[] = [];
          try {
            importMetaUses(this.parse(code, { lang: id.endsWith(".ts") ? "ts" : "js" }), found);
          } catch (error) {
            throw new Error(`${id}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
          if (found.length === 0) return null;
          let out = "";
          let at = 0;
          for (const use of found.sort((a, b) => a.start - b.start)) {
            let url = pathToFileURL(id).href;
            if (use.specifier !== undefined) {
              const resolved = await this.resolve(use.specifier, id);
              if (resolved === null || resolved.external) throw new Error(`${id}: cannot resolve import.meta.resolve(${JSON.stringify(use.specifier)})`);
              url = pathToFileURL(resolved.id).href;
            }
            out += code.slice(at, use.start) + JSON.stringify(url);
            at = use.end;
          }
          return { code: out + code.slice(at), map: null };
        },
      },
    ],
  });
  const { output } = await build.generate({ format: "cjs", codeSplitting: false, sourcemap: false });
  await build.close();
  const chunk = output[0];
  if (chunk.type !== "chunk") throw new Error("rolldown wrote no script");
  let code = chunk.code;
  for (const name of DEFERRED_BUILTINS) {
    code = code.replace(new RegExp(`require\\("(?:node:)?${name}"\\)`, "g"), `__deferredBuiltin("node:${name}")`);
  }
  const prelude = [
    "function __deferredBuiltin(id) {",
    "  let loaded;",
    "  const get = () => (loaded ??= require(id));",
    "  return new Proxy({}, { get: (_, key) => get()[key], has: (_, key) => key in get() });",
    "}",
  ].join("\n");
  writeFileSync(outFile, `${prelude}\n${code}`);
  return chunk.moduleIds;
}

/** Runs `node` with `args`; throws with its output when it fails. */
function runNode(args: readonly string[], env: NodeJS.ProcessEnv, what: string): string {
  const result = spawnSync(process.execPath, [...args], { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    throw new Error(`${what} failed (${result.signal ?? `exit ${result.status}`}):\n${output.split("\n").slice(-20).join("\n")}`);
  }
  return result.stdout;
}

/** Writes `text` to `path` through a temporary file and a rename. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * Builds the start-up snapshot, unless the one built last matches the code
 * on disk.
 *
 * @throws when bundling, building or the check of the new snapshot fails,
 *   or when the library changed while it was built; the snapshot built
 *   before is then left as it was, and commands run from the sources while
 *   it does not match.
 */
export async function buildStartupSnapshot(options: BuildSnapshotOptions = {}): Promise<BuildSnapshotResult> {
  const libRoot = options.libRoot ?? LIB_ROOT;
  const dir = snapshotDir(libRoot);
  const existing = options.force ? undefined : currentSnapshot(libRoot, {});
  if (existing !== undefined) return { path: existing, built: false, bytes: statSync(existing).size };
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(dir, ".build-"));
  try {
    const entry = join(work, "entry.ts");
    writeFileSync(entry, entrySource(libRoot, sharedModules(libRoot)));
    const script = join(work, "snapshot.cjs");
    const src = join(libRoot, "src") + sep;
    const bundled = await bundle(entry, script);
    // The modules in the snapshot, and the two that decide how it is built.
    const builders = [fileURLToPath(import.meta.url), fileURLToPath(new URL("./snapshot-file.ts", import.meta.url))];
    const modules = [...new Set([...bundled, ...builders])]
      .filter((id) => id.startsWith(src))
      .map((id) => relative(libRoot, id).split(sep).join("/"))
      .sort();
    const key = snapshotKey(modules, libRoot);
    const blob = join(work, "snapshot.blob");
    const env = { ...process.env, NODE_OPTIONS: "" };
    runNode(["--snapshot-blob", blob, "--build-snapshot", script], env, "node --build-snapshot");
    const smoke = runNode(["--snapshot-blob", blob], { ...env, [SMOKE_ENV]: "1" }, "starting from the new snapshot");
    if (smoke !== SMOKE_OUTPUT) throw new Error(`starting from the new snapshot printed ${JSON.stringify(smoke)}`);
    if (snapshotKey(modules, libRoot) !== key) throw new Error("the library changed while its snapshot was built; run `typed-gitops snapshot` again");
    const name = `${key}.blob`;
    const path = join(dir, name);
    renameSync(blob, path);
    // The snapshot named by the manifest being replaced stays until the next build: a gen that read that manifest may be starting from it.
    const previous = readManifest(libRoot)?.blob;
    const manifest: SnapshotManifest = { key, blob: name, node: process.execPath, modules };
    // Two-space JSON, `blob` and `node` each on a line of its own and not last: bin/typed-gitops reads them with sed.
    writeAtomically(manifestPath(libRoot), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const other of readdirSync(dir)) {
      if (other.endsWith(".blob") && other !== name && other !== previous) rmSync(join(dir, other), { force: true });
    }
    return { path, built: true, bytes: statSync(path).size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
