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
 *    same as from the sources.
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
    const url = import.meta.resolve(specifier, fromLib);
    shared.set(url, fileURLToPath(url));
  }
  return shared;
}

/**
 * The offsets of `import.meta.url` and `import.meta.resolve` in a module,
 * from its syntax tree (so that the same words in strings and comments are
 * left alone).
 */
function importMetaUses(node: unknown, found: { start: number; end: number; property: string }[]): void {
  if (Array.isArray(node)) {
    for (const child of node) importMetaUses(child, found);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown> & { type?: string; start?: number; end?: number };
  if (record.type === "MemberExpression") {
    const object = record.object as { type?: string; meta?: { name?: string }; property?: { name?: string } } | undefined;
    const property = record.property as { type?: string; name?: string } | undefined;
    if (object?.type === "MetaProperty" && object.meta?.name === "import" && object.property?.name === "meta") {
      if (property?.name !== "url" && property?.name !== "resolve") throw new Error(`import.meta.${property?.name ?? "?"} cannot be kept in the snapshot: use import.meta.url`);
      found.push({ start: record.start!, end: record.end!, property: property.name });
      return;
    }
  }
  for (const [key, value] of Object.entries(record)) if (key !== "type") importMetaUses(value, found);
}

/** Bundles the entry into one CommonJS script at `outFile`; returns the files it holds. */
async function bundle(entryFile: string, outFile: string): Promise<readonly string[]> {
  const { rolldown } = await import("rolldown");
  const urls: string[] = [];
  const build = await rolldown({
    input: entryFile,
    platform: "node",
    logLevel: "silent",
    resolve: { conditionNames: ["node", "import", "default"] },
    plugins: [
      {
        name: "typed-gitops-module-urls",
        transform(code, id) {
          if (!code.includes("import.meta")) return null;
          const found: { start: number; end: number; property: string }[] = [];
          try {
            importMetaUses(this.parse(code, { lang: id.endsWith(".ts") ? "ts" : "js" }), found);
          } catch (error) {
            throw new Error(`${id}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
          if (found.length === 0) return null;
          const index = urls.push(pathToFileURL(id).href) - 1;
          let out = "";
          let at = 0;
          for (const use of found.sort((a, b) => a.start - b.start)) {
            if (code.slice(use.start, use.end) !== `import.meta.${use.property}`) throw new Error(`cannot place import.meta.${use.property} in ${id}`);
            out += code.slice(at, use.start) + (use.property === "url" ? `__moduleUrls[${index}]` : `__resolveFrom.bind(null, __moduleUrls[${index}])`);
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
    `const __moduleUrls = ${JSON.stringify(urls)};`,
    // import.meta.resolve, as Node's ESM resolver answers it for the module at `base`.
    "function __resolveFrom(base, specifier) {",
    '  const { pathToFileURL, fileURLToPath } = require("node:url");',
    '  const { join, dirname } = require("node:path");',
    '  const { existsSync, readFileSync } = require("node:fs");',
    '  if (specifier.startsWith("./") || specifier.startsWith("../")) return new URL(specifier, base).href;',
    '  const parts = specifier.split("/");',
    '  const scoped = specifier.startsWith("@") ? 2 : 1;',
    '  const name = parts.slice(0, scoped).join("/");',
    "  // Node's lookup: node_modules/<name> in the module's folder, then in each folder above it.",
    "  let manifest;",
    "  for (let dir = dirname(fileURLToPath(base)); ; dir = dirname(dir)) {",
    '    const candidate = join(dir, "node_modules", name, "package.json");',
    "    if (existsSync(candidate)) { manifest = candidate; break; }",
    "    if (dirname(dir) === dir) throw new Error(`cannot find package ${name} from ${base}`);",
    "  }",
    '  const pkg = JSON.parse(readFileSync(manifest, "utf8"));',
    '  const subpath = parts.length > scoped ? `./${parts.slice(scoped).join("/")}` : ".";',
    "  const target = __exportTarget(pkg.exports, subpath);",
    "  if (target === undefined) throw new Error(`cannot resolve ${specifier} from ${base}`);",
    "  return pathToFileURL(join(dirname(manifest), target)).href;",
    "}",
    "function __exportTarget(exports, subpath) {",
    "  if (exports === undefined) return undefined;",
    '  if (typeof exports === "string") return subpath === "." ? exports : undefined;',
    "  const pick = (value) => {",
    '    if (typeof value === "string") return value;',
    '    if (value && typeof value === "object") for (const condition of ["node", "import", "default"]) if (condition in value) { const found = pick(value[condition]); if (found !== undefined) return found; }',
    "    return undefined;",
    "  };",
    "  if (subpath in exports) return pick(exports[subpath]);",
    "  for (const [pattern, value] of Object.entries(exports)) {",
    '    const star = pattern.indexOf("*");',
    "    if (star === -1) continue;",
    "    const head = pattern.slice(0, star), tail = pattern.slice(star + 1);",
    "    if (subpath.startsWith(head) && subpath.endsWith(tail) && subpath.length >= head.length + tail.length) {",
    "      const target = pick(value);",
    '      return target === undefined ? undefined : target.split("*").join(subpath.slice(head.length, subpath.length - tail.length));',
    "    }",
    "  }",
    '  return subpath === "." ? pick(exports) : undefined;',
    "}",
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
    writeAtomically(manifestPath(libRoot), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const other of readdirSync(dir)) {
      if (other.endsWith(".blob") && other !== name && other !== previous) rmSync(join(dir, other), { force: true });
    }
    return { path, built: true, bytes: statSync(path).size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
