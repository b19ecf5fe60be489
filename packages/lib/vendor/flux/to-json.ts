/**
 * Writes `<version>.json`: the vendored YAML manifests of one Flux version
 * as JSON, keyed by file name, so `gen` loads them in milliseconds instead
 * of parsing 330 KB of YAML on every run. A test checks that the JSON
 * equals the YAML. Usage: node vendor/flux/to-json.ts v2.9.4
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

/** Parses every vendored YAML file of `version` into its documents, keyed by file name without extension. */
export function parseVendoredManifests(version: string): Record<string, unknown[]> {
  const folder = fileURLToPath(new URL(`./${version}/`, import.meta.url));
  const result: Record<string, unknown[]> = {};
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".yaml")).sort()) {
    result[file.replace(/\.yaml$/, "")] = parseAllDocuments(readFileSync(`${folder}${file}`, "utf8"))
      .map((document) => document.toJS() as unknown)
      .filter((document) => document !== null);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = process.argv[2];
  if (version === undefined) throw new Error("usage: node vendor/flux/to-json.ts <version>");
  writeFileSync(fileURLToPath(new URL(`./${version}.json`, import.meta.url)), `${JSON.stringify(parseVendoredManifests(version))}\n`);
}
