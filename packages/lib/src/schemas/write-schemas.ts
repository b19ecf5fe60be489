/**
 * Writing converted schemas and CEL rules into a folder with the store's
 * layout.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UserError } from "../errors/user-error.ts";
import { crdCelRules } from "./cel-rules.ts";
import { convertCrd, type CrdKindSchema } from "./crd-schema.ts";
import type { CustomResourceDefinition } from "./crd-documents.ts";
import type { JsonSchema } from "./json.ts";
import { celRulesFile } from "./layout.ts";

/** Counts what a writer wrote. */
export interface WriteCounter {
  /** Files written. */
  files: number;
  /** Bytes written. */
  bytes: number;
}

/** Writes one JSON file (compact, LF-terminated), creating its folder. */
export function writeJsonFile(dir: string, file: string, value: unknown, counter: WriteCounter): void {
  const path = join(dir, file);
  mkdirSync(dirname(path), { recursive: true });
  const text = `${JSON.stringify(value)}\n`;
  writeFileSync(path, text);
  counter.files++;
  counter.bytes += Buffer.byteLength(text);
}

/** A CRD's converted schemas, with the CRD they come from. */
export interface ConvertedCrd {
  /** The CRD. */
  readonly crd: CustomResourceDefinition;
  /** Its served versions' schemas. */
  readonly kinds: readonly CrdKindSchema[];
}

/**
 * Converts CRDs and checks that no group/version/kind is defined twice.
 *
 * @throws {UserError} naming both sources of every duplicate.
 */
export function convertCrds(crds: readonly CustomResourceDefinition[], objectMeta: JsonSchema | undefined): ConvertedCrd[] {
  const seen = new Map<string, CustomResourceDefinition>();
  const problems: { where: string; what: string; hint: string }[] = [];
  const out = crds.map((crd) => {
    const kinds = convertCrd(crd, objectMeta === undefined ? {} : { objectMeta });
    for (const kind of kinds) {
      const first = seen.get(kind.file);
      if (first !== undefined) {
        problems.push({
          where: crd.source,
          what: `${kind.apiVersion} ${kind.kind} is also defined by ${first.source}`,
          hint: "keep one definition of each CRD (remove one of the files, or one of the components from schemas/sources.json)",
        });
      }
      seen.set(kind.file, crd);
    }
    return { crd, kinds };
  });
  if (problems.length > 0) throw new UserError(problems);
  return out;
}

/** Writes converted CRDs' schemas, and their CEL rules under `cel/`, below `dir`. */
export function writeConvertedCrds(dir: string, converted: readonly ConvertedCrd[], counter: WriteCounter): void {
  for (const { crd, kinds } of converted) {
    for (const kind of kinds) writeJsonFile(dir, kind.file, kind.schema, counter);
    for (const set of crdCelRules(crd)) writeJsonFile(dir, celRulesFile(set.group, set.kind, set.version), set, counter);
  }
}
