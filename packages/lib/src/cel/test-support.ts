/**
 * Helpers for the CEL tests, the survey and the benchmark (not part of the
 * library): the real CRDs of the offline upstream mirror and their rules.
 * A missing mirror fails loudly (see `requireMirror`), never skips.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { crdCelRules, type CelRuleSet } from "../schemas/cel-rules.ts";
import { parseCrds, type CustomResourceDefinition } from "../schemas/crd-documents.ts";
import type { JsonObject } from "../schemas/json.ts";
import { requireMirror } from "../schemas/test-support.ts";

/** The folders of the mirror whose CRDs carry the rules: every component's CRDs, and Flux's install manifests. */
export const MIRROR_CRD_DIRS = ["crds", "flux-install/v2.9.4"] as const;

const parsed = new Map<string, CustomResourceDefinition[]>();

/** The CRDs of one mirror file, e.g. `crds/cert-manager/cert-manager.io_certificates.yaml`, parsed once. */
export function mirrorCrds(file: string): CustomResourceDefinition[] {
  let crds = parsed.get(file);
  if (crds === undefined) {
    crds = parseCrds(readFileSync(join(requireMirror(), file), "utf8"), file);
    parsed.set(file, crds);
  }
  return crds;
}

/** A rule set with the schema of its CRD version, as `evaluateCelRules` takes them. */
export interface MirrorRuleSet {
  /** The mirror file it was read from. */
  readonly file: string;
  /** The rules. */
  readonly ruleSet: CelRuleSet;
  /** The version's `openAPIV3Schema`. */
  readonly schema: JsonObject;
}

function withSchema(file: string, crd: CustomResourceDefinition): MirrorRuleSet[] {
  return crdCelRules(crd).map((ruleSet) => ({ file, ruleSet, schema: crd.versions.find((version) => version.name === ruleSet.version)?.openAPIV3Schema ?? {} }));
}

/**
 * The rules of one kind and version in a mirror file.
 *
 * @throws {Error} when the file has no rules for it.
 */
export function mirrorRuleSet(file: string, kind: string, version: string): MirrorRuleSet {
  const found = mirrorCrds(file)
    .flatMap((crd) => withSchema(file, crd))
    .find((entry) => entry.ruleSet.kind === kind && entry.ruleSet.version === version);
  if (found === undefined) throw new Error(`${file} has no CEL rules for ${kind} ${version}`);
  return found;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? yamlFiles(join(dir, entry.name)) : /\.ya?ml$/.test(entry.name) ? [join(dir, entry.name)] : []))
    .sort();
}

/** Every rule set of every CRD of the mirror (both {@link MIRROR_CRD_DIRS}), in file order. */
export function allMirrorRuleSets(): MirrorRuleSet[] {
  const mirror = requireMirror();
  return MIRROR_CRD_DIRS.flatMap((dir) => yamlFiles(join(mirror, dir))).flatMap((path) => {
    const file = relative(mirror, path);
    return mirrorCrds(file).flatMap((crd) => withSchema(file, crd));
  });
}
