/**
 * Reading the CRD sets to generate from `schemas/sources.json`, the pinned
 * inputs shared with the schema store. Only the fields used here are checked;
 * the file's full format belongs to the schema store.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { EnvironmentError, UserError, type Problem } from "./errors.ts";
import type { ModelSet } from "./model-sets.ts";

/** Where the sources file is, relative to the project root. */
export const SOURCES_FILE = "schemas/sources.json";

const fileSchema = z.object({
  url: z.string().describe("Where the file is downloaded from."),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits").describe("The sha256 of the file's bytes."),
  path: z
    .string()
    .min(1)
    .refine((path) => !path.startsWith("/") && !path.split("/").includes(".."), "must be a relative path inside the mirror, without `..`")
    .describe("The file's path in a mirror folder laid out like the upstream mirror."),
});

const crdSetSchema = z.object({
  component: z.string().describe("The component the CRDs belong to."),
  version: z.string().describe("The component's version."),
  repository: z.string().describe("The GitHub repository (owner/name) the files are taken from."),
  ref: z.string().describe("The tag or commit of the repository."),
  files: z.array(fileSchema).min(1).describe("The files with the CRDs."),
});

const sourcesSchema = z.object({
  crds: z.array(crdSetSchema).describe("The CRD sets."),
});

/** One pinned file of a CRD set. */
export type PinnedFile = z.output<typeof fileSchema>;

/** One CRD set as `schemas/sources.json` pins it. */
export type PinnedCrdSet = z.output<typeof crdSetSchema>;

/**
 * Reads `<root>/schemas/sources.json` and returns the pinned sets named by
 * `sets`, in the order of `sets`.
 *
 * @throws {EnvironmentError} when the file is missing.
 * @throws {UserError} when it is invalid or lacks one of the sets (all missing sets are named).
 */
export function readPinnedSets(root: string, sets: readonly ModelSet[]): PinnedCrdSet[] {
  const path = join(root, SOURCES_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new EnvironmentError({ where: SOURCES_FILE, what: `not found in ${root}`, hint: "pass the project root with --root DIR" });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError({ where: SOURCES_FILE, what: `invalid JSON: ${(error as Error).message}` });
  }
  const parsed = sourcesSchema.safeParse(json);
  if (!parsed.success) {
    throw new UserError(
      parsed.error.issues.map((issue) => ({ where: `${SOURCES_FILE}: ${issue.path.map(String).join(".") || "(root)"}`, what: issue.message })),
    );
  }
  const problems: Problem[] = [];
  const selected: PinnedCrdSet[] = [];
  for (const set of sets) {
    const matches = parsed.data.crds.filter((entry) => entry.component === set.component);
    const [pinned] = matches;
    if (pinned === undefined) {
      problems.push({
        where: SOURCES_FILE,
        what: `no CRD set with component ${JSON.stringify(set.component)}`,
        hint: "pin the set in schemas/sources.json, or remove it from packages/models/src/generate/model-sets.ts",
      });
    } else if (matches.length > 1) {
      problems.push({ where: SOURCES_FILE, what: `the component ${JSON.stringify(set.component)} is listed ${matches.length} times` });
    } else {
      selected.push(pinned);
    }
  }
  if (problems.length > 0) throw new UserError(problems);
  return selected;
}
