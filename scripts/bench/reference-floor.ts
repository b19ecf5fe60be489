/**
 * Reference 3 of the gen benchmark, the floor: the least work any tool must
 * do for the benchmark's promise (validated objects, exact YAML, one file
 * each), and nothing more. It builds the workload, runs each object's own
 * `validate()`, serializes it with the library's emitter and writes it, one
 * file per object in the folder layout gen uses, on one thread. No checks of
 * the tree, no kustomization files, no architecture page, no inventory, no
 * staging and swap, no lock.
 *
 * What separates gen's time from this one is the cost of everything gen does
 * beyond that, less what its writer thread takes off the main thread.
 *
 * Usage: node scripts/bench/reference-floor.ts --apps N --out DIR
 */
import { emitDocument } from "../../packages/lib/src/render/yaml-emit.ts";
import { parseReferenceArgs, writeEachObject } from "./reference-common.ts";

const { apps, out } = parseReferenceArgs();
const written = writeEachObject(apps, out, (object) => {
  object.validate();
  // The emitter reads the model's own fields, as gen does: a model is a plain object of its manifest.
  return emitDocument(object as unknown as Record<string, unknown>);
});
process.stdout.write(`wrote ${written} files\n`);
