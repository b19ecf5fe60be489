/**
 * `schemas/sources.json`: the pinned upstream inputs of the schema store,
 * each file with its upstream URL, its sha256 and its place in a mirror.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { EnvironmentError, UserError } from "../errors/user-error.ts";
import { parseProps } from "../props/parse-props.ts";

/** Where the sources file is, relative to the project root. */
export const SOURCES_FILE = join("schemas", "sources.json");

const mirrorPath = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith("/") && !path.split("/").includes(".."), "must be a relative path inside the mirror, without `..`")
  .describe("The file's path in a mirror folder laid out like the upstream mirror, e.g. crds/istio/crd-all.gen.yaml.");

const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits")
  .describe("The sha256 of the file's bytes; the build fails when the content differs.");

const url = z.url({ protocol: /^https?$/ }).describe("Where the file is downloaded from, e.g. a raw.githubusercontent.com URL at a tag.");

const fileSchema = z.object({ url, sha256, path: mirrorPath }).strict();

const kubernetesSchema = z
  .object({
    version: z
      .string()
      .regex(/^\d+\.\d+$/, "must be a Kubernetes minor version such as 1.36")
      .describe("The Kubernetes minor version the spec belongs to; schemas go to v<version>-standalone-strict/."),
    repository: z.string().describe("The GitHub repository (owner/name) the spec is taken from."),
    ref: z.string().describe("The tag or commit of the repository."),
    url,
    sha256,
    path: mirrorPath,
  })
  .strict()
  .describe("A Kubernetes OpenAPI v2 spec (swagger.json).");

const crdSetSchema = z
  .object({
    component: z.string().regex(/^[a-z0-9-]+$/, "must be lowercase letters, digits and dashes").describe("The component the CRDs belong to, e.g. cert-manager."),
    version: z.string().describe("The component's version, e.g. v1.21.1."),
    repository: z.string().describe("The GitHub repository (owner/name) the files are taken from."),
    ref: z.string().describe("The tag or commit of the repository."),
    files: z.array(fileSchema).min(1).describe("The files with the CRDs; other documents in them are ignored."),
  })
  .strict()
  .describe("The CRDs of one component at one version.");

/** The zod schema of `schemas/sources.json`. */
export const sourcesSchema = z
  .object({
    $comment: z.string().optional().describe("A note for readers; ignored."),
    kubernetes: z.array(kubernetesSchema).min(1).describe("The Kubernetes versions, one spec each."),
    crds: z.array(crdSetSchema).describe("The CRD sets."),
  })
  .strict();

/** The content of `schemas/sources.json`. */
export type SchemaSources = z.output<typeof sourcesSchema>;

/** One pinned file of {@link SchemaSources}. */
export interface SourceFile {
  /** Where it is downloaded from. */
  readonly url: string;
  /** The sha256 of its bytes. */
  readonly sha256: string;
  /** Its path in a mirror folder. */
  readonly path: string;
}

/** The sources file read and checked, with the hash of its bytes. */
export interface LoadedSources {
  /** The parsed content. */
  readonly sources: SchemaSources;
  /** The sha256 of the file's bytes. */
  readonly hash: string;
}

/**
 * Parses and checks a sources file's text.
 *
 * @param where - the file, for messages.
 * @throws {UserError} naming every invalid field, and duplicate versions, components or mirror paths.
 */
export function parseSources(text: string, where: string): SchemaSources {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError({ where, what: `invalid JSON: ${(error as Error).message}` });
  }
  const sources = parseProps(sourcesSchema, json, where);
  const problems: { where: string; what: string }[] = [];
  const seen = (values: readonly string[], label: string): void => {
    const counted = new Set<string>();
    for (const value of values) {
      if (counted.has(value)) problems.push({ where, what: `${label} ${JSON.stringify(value)} is listed twice` });
      counted.add(value);
    }
  };
  seen(sources.kubernetes.map((entry) => entry.version), "Kubernetes version");
  seen(sources.crds.map((set) => set.component), "component");
  seen([...sources.kubernetes.map((entry) => entry.path), ...sources.crds.flatMap((set) => set.files.map((file) => file.path))], "mirror path");
  if (problems.length > 0) throw new UserError(problems);
  return sources;
}

/**
 * Reads `<root>/schemas/sources.json`.
 *
 * @throws {EnvironmentError} when the file is missing.
 * @throws {UserError} when it is invalid.
 */
export function loadSources(root: string): LoadedSources {
  const file = join(root, SOURCES_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new EnvironmentError({ where: SOURCES_FILE, what: "the schema sources file does not exist", hint: "run from the project root, or pass --root" });
  }
  return { sources: parseSources(bytes.toString("utf8"), SOURCES_FILE), hash: createHash("sha256").update(bytes).digest("hex") };
}
