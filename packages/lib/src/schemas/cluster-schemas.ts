/**
 * The schemas of the CRDs a cluster installs itself (found in its rendered
 * tree), written to a per-cluster folder with the store's layout so that
 * kubeconform can look them up before the store.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EnvironmentError } from "../errors/user-error.ts";
import type { CustomResourceDefinition } from "./crd-documents.ts";
import { isJsonObject, type JsonSchema } from "./json.ts";
import { OBJECT_META_FILE } from "./layout.ts";
import { replaceDirectory } from "./replace-dir.ts";
import { convertCrds, writeConvertedCrds, type WriteCounter } from "./write-schemas.ts";

/**
 * Reads the strict `ObjectMeta` schema of a built store, to validate the
 * `metadata` of a cluster's own CRDs the same way as the store's.
 *
 * @throws {EnvironmentError} when the store has not been built.
 */
export function readObjectMetaSchema(store: string): JsonSchema {
  const path = join(store, OBJECT_META_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new EnvironmentError({ where: path, what: "the schema store is missing or incomplete", hint: "run `pnpm schemas` to build it" });
  }
  if (!isJsonObject(parsed)) throw new EnvironmentError({ where: path, what: "not a JSON Schema object", hint: "run `pnpm schemas` to rebuild the store" });
  return parsed;
}

/** Options of {@link writeCrdSchemas}. */
export interface WriteCrdSchemasOptions {
  /** The CRDs, e.g. from `findCrds(generated/<cluster>)`. */
  readonly crds: readonly CustomResourceDefinition[];
  /**
   * The folder to write, laid out like the store (`crds/<group>/<kind>_<version>.json`,
   * `cel/…`). It is replaced as a whole; a non-empty folder that was not
   * written by this function is refused.
   */
  readonly out: string;
  /**
   * The schema `metadata` is validated with; pass
   * `readObjectMetaSchema(store)` to check it like the store's CRDs.
   * @default `{ type: "object" }` (any metadata)
   */
  readonly objectMeta?: JsonSchema;
}

/** What {@link writeCrdSchemas} wrote. */
export interface WriteCrdSchemasResult {
  /** The `apiVersion kind` of every schema written, sorted. */
  readonly kinds: readonly string[];
  /** Files written (schemas and CEL rule files). */
  readonly files: number;
  /** Bytes written. */
  readonly bytes: number;
}

/**
 * Writes the schemas of the CRDs a cluster installs itself into a folder
 * with the store's layout, for a second kubeconform `-schema-location`
 * (see `schemaLocations({ clusterSchemas })`). The folder is written
 * atomically, even when there are no CRDs (it is then empty but for its
 * stamp).
 *
 * @throws {UserError} when two CRDs define the same group/version/kind, or
 *   `out` is a non-empty folder this function did not write.
 */
export async function writeCrdSchemas(options: WriteCrdSchemasOptions): Promise<WriteCrdSchemasResult> {
  const converted = convertCrds(options.crds, options.objectMeta);
  const kinds = converted.flatMap(({ kinds: list }) => list.map((kind) => `${kind.apiVersion} ${kind.kind}`)).sort();
  const counter: WriteCounter = { files: 0, bytes: 0 };
  await replaceDirectory(options.out, { contents: "cluster CRD schemas", kinds }, (staging) => writeConvertedCrds(staging, converted, counter));
  return { kinds, files: counter.files, bytes: counter.bytes };
}
