/**
 * Taking the CustomResourceDefinitions out of the pinned files, as
 * crd-generate will read them: YAML 1.2, `apiextensions.k8s.io/v1`
 * documents of kind CustomResourceDefinition, other documents ignored.
 */
import { parseAllDocuments } from "yaml";
import { UserError, type Problem } from "./errors.ts";

/** The parts of a CustomResourceDefinition the generator looks at; the rest is passed through untouched. */
export interface Crd {
  readonly apiVersion: string;
  readonly kind: "CustomResourceDefinition";
  readonly spec: {
    readonly group: string;
    readonly names: { readonly kind: string };
    readonly versions: readonly CrdVersion[];
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** One version of a {@link Crd}. */
export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly [key: string]: unknown;
}

/** A kind a CRD serves, as `<group>/<version>/<Kind>`. */
export type KindId = `${string}/${string}/${string}`;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCrd(value: unknown): value is Crd {
  if (!isObject(value) || value["kind"] !== "CustomResourceDefinition" || value["apiVersion"] !== "apiextensions.k8s.io/v1") return false;
  const spec = value["spec"];
  return (
    isObject(spec) &&
    typeof spec["group"] === "string" &&
    isObject(spec["names"]) &&
    typeof spec["names"]["kind"] === "string" &&
    Array.isArray(spec["versions"]) &&
    spec["versions"].every((version: unknown) => isObject(version) && typeof version["name"] === "string" && typeof version["served"] === "boolean")
  );
}

/** What {@link readCrds} found in one file. */
export interface FileCrds {
  /** The CRDs, each with only its served versions, in file order. */
  readonly crds: readonly Crd[];
  /** The kinds they serve, in file order. */
  readonly kinds: readonly KindId[];
}

/**
 * Parses one pinned file and keeps its CRDs, each with only its served
 * versions (a version that is not served cannot be applied, so it gets no
 * model).
 *
 * @param where - the file, for messages.
 * @param groups - the API groups the CRDs may belong to.
 * @throws {UserError} on YAML errors, a file without CRDs, a CRD of another
 *   group or a CRD that serves no version; every problem is reported.
 */
export function readCrds(text: string, where: string, groups: readonly string[]): FileCrds {
  const problems: Problem[] = [];
  const crds: Crd[] = [];
  const kinds: KindId[] = [];
  for (const document of parseAllDocuments(text, { version: "1.2" })) {
    for (const error of document.errors) problems.push({ where, what: `invalid YAML: ${error.message}` });
    if (document.errors.length > 0) continue;
    const value: unknown = document.toJSON();
    if (!isCrd(value)) continue;
    const { group, names } = value.spec;
    if (!groups.includes(group)) {
      problems.push({
        where,
        what: `CustomResourceDefinition ${names.kind} is in API group ${group}, not in ${groups.join(", ")}`,
        hint: "the pinned files of the set changed; check the set's groups in packages/models/src/generate/model-sets.ts",
      });
      continue;
    }
    const served = value.spec.versions.filter((version) => version.served);
    if (served.length === 0) {
      problems.push({ where, what: `CustomResourceDefinition ${names.kind} serves no version` });
      continue;
    }
    crds.push({ ...value, spec: { ...value.spec, versions: served } });
    for (const version of served) kinds.push(`${group}/${version.name}/${names.kind}`);
  }
  if (problems.length === 0 && crds.length === 0) problems.push({ where, what: "no apiextensions.k8s.io/v1 CustomResourceDefinition in the file" });
  if (problems.length > 0) throw new UserError(problems);
  return { crds, kinds };
}
