/**
 * What the reference runners share: their arguments and the workload they
 * serialize, built by the same code the benchmark project's clusters use.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CLUSTERS, clusterComponents, type WorkloadObject } from "./workload/apps.ts";

/** The arguments of a reference runner: `--apps N --out DIR`. */
export interface ReferenceArgs {
  /** Apps per cluster. */
  readonly apps: number;
  /** The output folder, created by the runner. */
  readonly out: string;
}

/** Parses `--apps N --out DIR` from the process arguments. */
export function parseReferenceArgs(): ReferenceArgs {
  const { values } = parseArgs({ options: { apps: { type: "string" }, out: { type: "string" } }, strict: true });
  const apps = Number(values.apps);
  if (!Number.isInteger(apps) || apps < 1 || values.out === undefined) throw new Error("usage: --apps N --out DIR");
  return { apps, out: values.out };
}

/** The components of one cluster of the workload. */
export interface ClusterWorkload {
  readonly cluster: string;
  /** Objects keyed by component folder, as in the cluster definitions. */
  readonly components: Readonly<Record<string, readonly WorkloadObject[]>>;
}

/** Builds the workload of every cluster, `apps` apps each. */
export function buildWorkload(apps: number): ClusterWorkload[] {
  return CLUSTERS.map((cluster) => ({ cluster, components: clusterComponents(cluster, apps) }));
}

/** The name of an object; every workload object has one. */
export function nameOf(object: WorkloadObject): string {
  const name = object.metadata?.name;
  if (name === undefined) throw new Error(`a ${object.kind} has no name`);
  return name;
}

/**
 * Writes every object of the workload to its own file in the folder layout
 * gen uses, `<out>/<cluster>/<folder>/<kind>-<name>.yaml`, with the content
 * `serialize` gives it. Returns how many files were written.
 */
export function writeEachObject(apps: number, out: string, serialize: (object: WorkloadObject) => string): number {
  let written = 0;
  for (const { cluster, components } of buildWorkload(apps)) {
    for (const [folder, objects] of Object.entries(components)) {
      const dir = join(out, cluster, folder);
      mkdirSync(dir, { recursive: true });
      for (const object of objects) {
        writeFileSync(join(dir, `${object.kind.toLowerCase()}-${nameOf(object)}.yaml`), serialize(object));
        written++;
      }
    }
  }
  return written;
}
