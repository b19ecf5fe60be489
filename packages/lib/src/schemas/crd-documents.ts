/**
 * Reading CustomResourceDefinitions out of YAML: picking the CRD documents
 * of a multi-document file (install manifests mix CRDs with Deployments and
 * RBAC) and checking the fields the converters rely on.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { UserError, ProblemList } from "../errors/user-error.ts";
import { parseProps } from "../props/parse-props.ts";
import { isJsonObject, type JsonObject } from "./json.ts";

/** The `yaml` package, loaded on first use. */
const yaml = lazyModel<typeof import("yaml")>(import.meta.resolve("yaml"));

const versionShape = z
  .object({
    name: z.string().min(1).describe("The version name, e.g. v1."),
    served: z.boolean().describe("Whether the API server serves this version; unserved versions get no schema."),
    schema: z
      .object({ openAPIV3Schema: z.record(z.string(), z.unknown()).optional().describe("The structural schema of the version.") })
      .loose()
      .optional()
      .describe("The version's validation schema."),
  })
  .loose();

const crdShape = z
  .object({
    apiVersion: z.literal("apiextensions.k8s.io/v1", {
      error: "only apiextensions.k8s.io/v1 CRDs are supported (v1beta1 is not served since Kubernetes 1.22)",
    }),
    kind: z.literal("CustomResourceDefinition"),
    metadata: z.object({ name: z.string().min(1) }).loose(),
    spec: z
      .object({
        group: z.string().min(1).describe("The API group, e.g. cert-manager.io."),
        names: z.object({ kind: z.string().min(1).describe("The kind, e.g. Certificate.") }).loose(),
        versions: z.array(versionShape).min(1),
      })
      .loose(),
  })
  .loose();

/** One version of a CRD, as the converters read it. */
export interface CrdVersion {
  /** The version name, e.g. `v1`. */
  readonly name: string;
  /** Whether the API server serves it. */
  readonly served: boolean;
  /** The version's `openAPIV3Schema`, when it has one. */
  readonly openAPIV3Schema?: JsonObject;
}

/** A CustomResourceDefinition, reduced to what the converters read. */
export interface CustomResourceDefinition {
  /** Where it was read from, e.g. `crds/istio/crd-all.gen.yaml#3` (the document's index), for messages. */
  readonly source: string;
  /** `metadata.name`, e.g. `certificates.cert-manager.io`. */
  readonly name: string;
  /** `spec.group`. */
  readonly group: string;
  /** `spec.names.kind`. */
  readonly kind: string;
  /** `spec.versions`, in the CRD's order. */
  readonly versions: readonly CrdVersion[];
}

/**
 * Checks that a parsed object is an `apiextensions.k8s.io/v1`
 * CustomResourceDefinition and returns the parts the converters read.
 *
 * @param source - where it was read from, for messages.
 * @throws {UserError} naming every missing or wrong field.
 */
export function toCustomResourceDefinition(value: unknown, source: string): CustomResourceDefinition {
  const crd = parseProps(crdShape, value, source);
  return {
    source,
    name: crd.metadata.name,
    group: crd.spec.group,
    kind: crd.spec.names.kind,
    versions: crd.spec.versions.map((version) => {
      const schema = version.schema?.openAPIV3Schema;
      return { name: version.name, served: version.served, ...(isJsonObject(schema) ? { openAPIV3Schema: schema } : {}) };
    }),
  };
}

/** Whether a parsed YAML document is a CustomResourceDefinition (of any API version). */
export function isCrdDocument(value: unknown): boolean {
  return isJsonObject(value) && value.kind === "CustomResourceDefinition" && typeof value.apiVersion === "string" && value.apiVersion.startsWith("apiextensions.k8s.io/");
}

/**
 * Parses every document of a YAML text and returns the CRD documents,
 * unchecked. Other documents (Deployments, RBAC, …) are skipped.
 *
 * @param source - the file, for messages.
 * @throws {UserError} when the text is not valid YAML.
 */
export function crdDocumentsOfYaml(text: string, source: string): { readonly value: unknown; readonly source: string }[] {
  const out: { value: unknown; source: string }[] = [];
  const documents = yaml().parseAllDocuments(text, { prettyErrors: false });
  const list = Array.isArray(documents) ? documents : [documents];
  list.forEach((document, index) => {
    const error = document.errors[0];
    if (error !== undefined) throw new UserError({ where: `${source}#${index}`, what: `invalid YAML: ${error.message}` });
    const value: unknown = document.toJS({ maxAliasCount: -1 });
    if (isCrdDocument(value)) out.push({ value, source: `${source}#${index}` });
  });
  return out;
}

/**
 * Parses the CustomResourceDefinitions of a YAML text.
 *
 * @param source - the file, for messages.
 * @throws {UserError} for invalid YAML and for every CRD that lacks a field the converters need.
 */
export function parseCrds(text: string, source: string): CustomResourceDefinition[] {
  const problems = new ProblemList();
  const out: CustomResourceDefinition[] = [];
  for (const document of crdDocumentsOfYaml(text, source)) {
    try {
      out.push(toCustomResourceDefinition(document.value, document.source));
    } catch (error) {
      problems.collect(error);
    }
  }
  problems.throwIfAny();
  return out;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(path));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/**
 * Finds every CustomResourceDefinition document in the `*.yaml` and
 * `*.yml` files below `dir`, e.g. a cluster's rendered tree
 * `generated/<cluster>/`, so that the CRDs a cluster installs itself are
 * validated with their own schemas.
 *
 * @param dir - the folder to search, recursively.
 * @param base - the folder sources are named relative to in messages.
 *   By default, `dir`.
 * @throws {UserError} listing invalid YAML and malformed CRDs of every file.
 */
export function findCrds(dir: string, base: string = dir): CustomResourceDefinition[] {
  const problems = new ProblemList();
  const out: CustomResourceDefinition[] = [];
  for (const file of yamlFiles(dir)) {
    try {
      out.push(...parseCrds(readFileSync(file, "utf8"), relative(base, file)));
    } catch (error) {
      problems.collect(error);
    }
  }
  problems.throwIfAny();
  return out;
}
