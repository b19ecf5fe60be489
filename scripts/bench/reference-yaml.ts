/**
 * Reference 1 of the gen benchmark: the workload serialized with the `yaml`
 * package's `stringify` alone, one file per object in the folder layout gen
 * uses (`<out>/<cluster>/<folder>/<kind>-<name>.yaml`), with no validation,
 * ordering or kustomization files: the obvious way to serialize and write.
 *
 * Usage: node scripts/bench/reference-yaml.ts --apps N --out DIR
 */
import { createRequire } from "node:module";
import { parseReferenceArgs, writeEachObject } from "./reference-common.ts";

/** The part of the `yaml` package this runner uses. */
interface YamlModule {
  stringify(value: unknown): string;
}

/**
 * Loads `yaml`, a dependency of packages/lib rather than of the root
 * package, from where the library resolves it.
 */
function loadYaml(): YamlModule {
  const require = createRequire(new URL("../../packages/lib/package.json", import.meta.url));
  return require("yaml") as YamlModule;
}

const { apps, out } = parseReferenceArgs();
const yaml = loadYaml();
const written = writeEachObject(apps, out, (object) => yaml.stringify(object.toJSON()));
process.stdout.write(`wrote ${written} files\n`);
