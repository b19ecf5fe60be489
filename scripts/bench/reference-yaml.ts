/**
 * Reference 1 of the gen benchmark: the workload serialized with the `yaml`
 * package's `stringify` alone, one file per object in the folder layout gen
 * uses (`<out>/<cluster>/<folder>/<kind>-<name>.yaml`), with no validation,
 * ordering or kustomization files. A floor for "serialize and write".
 *
 * Usage: node scripts/bench/reference-yaml.ts --apps N --out DIR
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildWorkload, nameOf, parseReferenceArgs } from "./reference-common.ts";

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
let written = 0;
for (const { cluster, components } of buildWorkload(apps)) {
  for (const [folder, objects] of Object.entries(components)) {
    const dir = join(out, cluster, folder);
    mkdirSync(dir, { recursive: true });
    for (const object of objects) {
      writeFileSync(join(dir, `${object.kind.toLowerCase()}-${nameOf(object)}.yaml`), yaml.stringify(object.toJSON()));
      written++;
    }
  }
}
process.stdout.write(`wrote ${written} files\n`);
