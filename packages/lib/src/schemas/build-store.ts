/**
 * The schema store: kubeconform-ready JSON Schemas for every pinned
 * Kubernetes version and CRD set of `schemas/sources.json`, rebuilt into a
 * gitignored cache folder named by a hash of its inputs, so an unchanged
 * input reuses the store and a changed one builds a new one.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { UserError } from "../errors/user-error.ts";
import { TOOLS_DIR } from "../tools/install-tools.ts";
import { sharedRoot } from "../project/workspace-root.ts";
import type { JsonSchema } from "./json.ts";
import { convertKubernetesSpec, type ConvertedKubernetesSpec } from "./kubernetes-openapi.ts";
import { compareMinorVersions } from "./kubernetes-versions.ts";
import { kubernetesSchemaDir, OBJECT_META_FILE } from "./layout.ts";
import { parseCrdFiles } from "./parse-crd-files.ts";
import { readSourceFiles } from "./read-sources.ts";
import { readStamp, replaceDirectory, STAMP_FILE } from "./replace-dir.ts";
import { loadSources, SOURCES_FILE, type LoadedSources } from "./sources.ts";
import { convertCrds, writeConvertedCrds, writeJsonFile, type WriteCounter } from "./write-schemas.ts";

/** The folder below the project root that holds schema stores, one per input hash. */
export const SCHEMAS_CACHE_DIR = join(TOOLS_DIR, "schemas");

/**
 * The modules whose code decides the store's content. Their text is part
 * of the store's hash, so a change to the converter rebuilds the store just
 * like a change to `schemas/sources.json` does.
 */
const CONVERTER_MODULES = [
  "json.ts",
  "keywords.ts",
  "kubernetes-versions.ts",
  "layout.ts",
  "kubernetes-openapi.ts",
  "crd-documents.ts",
  "crd-schema.ts",
  "cel-rules.ts",
  "write-schemas.ts",
  "build-store.ts",
];

let converterHash: string | undefined;

function converterFingerprint(): string {
  if (converterHash === undefined) {
    const hash = createHash("sha256");
    for (const module of CONVERTER_MODULES) hash.update(readFileSync(new URL(`./${module}`, import.meta.url)));
    converterHash = hash.digest("hex");
  }
  return converterHash;
}

function storeKey(loaded: LoadedSources): string {
  return createHash("sha256").update(`${loaded.hash}\n${converterFingerprint()}`).digest("hex").slice(0, 16);
}

/**
 * Where the store for the project's current `schemas/sources.json` lives:
 * `<root>/.tools/schemas/<hash>/`, the hash covering `sources.json` and the
 * converter's code. The folder exists once `pnpm schemas` has built it.
 *
 * @throws {UserError} when `schemas/sources.json` is missing or invalid.
 */
export function schemaStorePath(root: string): string {
  // A project nested in a workspace uses the workspace's sources (and store) when it has none of its own.
  const base = sharedRoot(root, SOURCES_FILE);
  return join(base, SCHEMAS_CACHE_DIR, storeKey(loadSources(base)));
}

/** Options of {@link buildSchemaStore}. */
export interface BuildSchemaStoreOptions {
  /** The project root, with `schemas/sources.json`. */
  readonly root: string;
  /**
   * A local mirror folder laid out like the upstream mirror (each file at
   * its `path`); files are read from it instead of downloaded.
   * @default undefined (download from each file's `url`)
   */
  readonly mirror?: string;
  /**
   * The store folder to write.
   * @default schemaStorePath(root)
   */
  readonly out?: string;
}

/** What {@link buildSchemaStore} did. */
export interface BuildSchemaStoreResult {
  /** The store folder. */
  readonly store: string;
  /** `"up-to-date"` when the store was already built from the same inputs, `"built"` otherwise. */
  readonly outcome: "built" | "up-to-date";
  /** The stale stores of older inputs removed from `.tools/schemas/` (only when writing to the default place). */
  readonly removed: readonly string[];
  /** Schema and rule files written (0 when up to date). */
  readonly files: number;
  /** Bytes written (0 when up to date). */
  readonly bytes: number;
  /** How long it took, in milliseconds. */
  readonly ms: number;
}

/** The stamp of a store: what it was built from. */
interface StoreStamp {
  readonly contents: "schema store";
  readonly key: string;
  readonly sources: string;
  readonly kubernetes: readonly string[];
  readonly components: readonly { readonly component: string; readonly version: string; readonly kinds: readonly string[] }[];
}

function isUpToDate(store: string, key: string): boolean {
  const stamp = readStamp(store);
  return typeof stamp === "object" && stamp !== null && isDeepStrictEqual((stamp as { key?: unknown }).key, key);
}

function removeStaleStores(root: string, keep: string): string[] {
  const cache = join(root, SCHEMAS_CACHE_DIR);
  const removed: string[] = [];
  for (const entry of readdirSync(cache, { withFileTypes: true })) {
    const path = join(cache, entry.name);
    if (entry.isDirectory() && /^[0-9a-f]{16}$/.test(entry.name) && entry.name !== keep && existsSync(join(path, STAMP_FILE))) {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  return removed;
}

/**
 * Builds the schema store from the pinned sources: every Kubernetes spec
 * into `v<version>-standalone-strict/`, every CRD into
 * `crds/<group>/<kind>_<version>.json` with its CEL rules in `cel/`, and
 * the strict `ObjectMeta` into `objectmeta.json`. The store is written
 * atomically; a store already built from the same inputs is reused.
 *
 * @example
 * const { store } = await buildSchemaStore({ root, mirror: "../shared/upstream" });
 * @throws {EnvironmentError} when a file cannot be downloaded or is missing from the mirror.
 * @throws {UserError} when a file's sha256 differs from the pinned one, an
 *   input cannot be parsed, or two CRD sets define the same kind.
 */
export async function buildSchemaStore(options: BuildSchemaStoreOptions): Promise<BuildSchemaStoreResult> {
  const started = performance.now();
  const loaded = loadSources(options.root);
  const key = storeKey(loaded);
  const store = options.out ?? join(options.root, SCHEMAS_CACHE_DIR, key);
  const elapsed = (): number => Math.round(performance.now() - started);
  if (isUpToDate(store, key)) return { store, outcome: "up-to-date", removed: [], files: 0, bytes: 0, ms: elapsed() };

  const { sources } = loaded;
  const bytes = await readSourceFiles([...sources.kubernetes, ...sources.crds.flatMap((set) => set.files)], options.mirror === undefined ? {} : { mirror: options.mirror });
  const text = (path: string): string => Buffer.from(bytes.get(path)!).toString("utf8");

  const crdFiles = sources.crds.flatMap((set) => set.files.map((file) => ({ source: file.path, text: text(file.path) })));
  const parsing = parseCrdFiles(crdFiles);
  parsing.catch(() => undefined); // awaited below; this only keeps an early failure from being reported as unhandled

  const specs = new Map<string, ConvertedKubernetesSpec>();
  for (const entry of sources.kubernetes) {
    let spec: unknown;
    try {
      spec = JSON.parse(text(entry.path));
    } catch (error) {
      throw new UserError({ where: entry.path, what: `invalid JSON: ${(error as Error).message}` });
    }
    specs.set(entry.version, convertKubernetesSpec(spec, entry.path));
  }
  const newest = [...specs.keys()].sort(compareMinorVersions).at(-1)!;
  const objectMeta: JsonSchema = specs.get(newest)!.objectMeta;

  const parsed = await parsing;
  let next = 0;
  const sets = sources.crds.map((set) => ({ set, crds: set.files.flatMap(() => parsed[next++]!) }));
  const converted = convertCrds(sets.flatMap(({ crds }) => crds), objectMeta);
  const byCrd = new Map(converted.map((entry) => [entry.crd, entry]));
  for (const { set, crds } of sets) {
    if (crds.length === 0) throw new UserError({ where: `schemas/sources.json: ${set.component}`, what: "its files contain no CustomResourceDefinition" });
  }

  const stamp: StoreStamp = {
    contents: "schema store",
    key,
    sources: loaded.hash,
    kubernetes: [...specs.keys()],
    components: sets.map(({ set, crds }) => ({
      component: set.component,
      version: set.version,
      kinds: crds.flatMap((crd) => byCrd.get(crd)!.kinds.map((kind) => `${kind.apiVersion} ${kind.kind}`)),
    })),
  };
  const counter: WriteCounter = { files: 0, bytes: 0 };
  await replaceDirectory(store, stamp, (staging) => {
    for (const [version, spec] of specs) {
      for (const kind of spec.kinds) writeJsonFile(staging, join(kubernetesSchemaDir(version), kind.file), kind.schema, counter);
    }
    writeJsonFile(staging, OBJECT_META_FILE, objectMeta, counter);
    writeConvertedCrds(staging, converted, counter);
  });
  const removed = options.out === undefined ? removeStaleStores(options.root, key) : [];
  return { store, outcome: "built", removed, files: counter.files, bytes: counter.bytes, ms: elapsed() };
}
