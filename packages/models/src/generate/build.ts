/**
 * Building the models from the pinned CRDs: read the sets from
 * `schemas/sources.json`, read and verify their files from the mirror, run
 * crd-generate on their CRDs, compile with tsc. The result is a folder in
 * the system's temporary folder, ready to become `gen/`.
 */
import { mkdtemp, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileModels, GENERATED_HEADER } from "./compile.ts";
import { readCrds, type Crd, type KindId } from "./crds.ts";
import { isUserError, UserError, type Problem } from "./errors.ts";
import { exportMap, type ExportMap } from "./export-map.ts";
import { readMirroredFiles } from "./mirror.ts";
import { MODEL_SETS, type ModelSet } from "./model-sets.ts";
import { readPinnedSets, SOURCES_FILE, type PinnedCrdSet } from "./sources.ts";
import { crdGenerate, runTool, typescript } from "./tools.ts";
import { listFiles } from "./tree.ts";

/** This package's folder. */
export const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** The project root: the package lives in `packages/models/`. */
export const PROJECT_ROOT = join(PACKAGE_DIR, "..", "..");

/** The name of the provenance file at the top of the generated tree. */
export const PROVENANCE_FILE = "provenance.json";

/** Options of {@link buildModels}. */
export interface BuildOptions {
  /** The project root, where `schemas/sources.json` is. */
  readonly root: string;
  /** A folder laid out like the upstream mirror, holding the pinned files at their `path`. */
  readonly mirror: string;
  /**
   * The CRD sets to generate.
   * @default MODEL_SETS
   */
  readonly sets?: readonly ModelSet[];
}

/** One generated CRD set. */
export interface GeneratedSet {
  /** Its pin in `schemas/sources.json`. */
  readonly pin: PinnedCrdSet;
  /** The kinds generated for it, as `<group>/<version>/<Kind>`. */
  readonly kinds: readonly KindId[];
}

/** A generated tree, in a temporary folder. */
export interface BuiltModels {
  /** The tree that becomes `gen/`. */
  readonly dir: string;
  /** The `exports` map of package.json for it. */
  readonly exports: ExportMap;
  /** The sets it was generated from. */
  readonly sets: readonly GeneratedSet[];
  /** Its number of files. */
  readonly files: number;
  /** Its size in bytes. */
  readonly bytes: number;
  /** Removes the temporary folder. */
  dispose(): Promise<void>;
}

/**
 * The provenance of the tree, written to `gen/provenance.json`: which pins
 * and which tools made it, so a change of either shows in the diff.
 */
function provenance(sets: readonly GeneratedSet[], tools: readonly { name: string; version: string }[]): string {
  const content = {
    $comment: `${GENERATED_HEADER.slice(3).trim()} The pinned CRD sets and the tools the models in this folder were generated from.`,
    sources: SOURCES_FILE,
    tools: Object.fromEntries(tools.map((tool) => [tool.name, tool.version])),
    sets: sets.map(({ pin, kinds }) => ({
      component: pin.component,
      version: pin.version,
      repository: pin.repository,
      ref: pin.ref,
      files: pin.files.map((file) => ({ path: file.path, url: file.url, sha256: file.sha256 })),
      kinds,
    })),
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}

/** Parses every pinned file of every set; all problems are reported together, as are kinds generated twice. */
function collectCrds(pins: readonly PinnedCrdSet[], sets: readonly ModelSet[], bytes: ReadonlyMap<string, Buffer>): { crds: Crd[]; generated: GeneratedSet[] } {
  const problems: Problem[] = [];
  const crds: Crd[] = [];
  const generated: GeneratedSet[] = [];
  const owners = new Map<KindId, string>();
  for (const pin of pins) {
    const groups = sets.find((set) => set.component === pin.component)?.groups ?? [];
    const kinds: KindId[] = [];
    for (const file of pin.files) {
      try {
        const found = readCrds((bytes.get(file.path) ?? Buffer.alloc(0)).toString("utf8"), `${pin.component}: ${file.path}`, groups);
        crds.push(...found.crds);
        kinds.push(...found.kinds);
      } catch (error) {
        if (!isUserError(error)) throw error;
        problems.push(...error.problems);
      }
    }
    for (const kind of kinds) {
      const owner = owners.get(kind);
      if (owner !== undefined) problems.push({ where: pin.component, what: `${kind} is also defined by ${owner}`, hint: "generate each kind from one set only" });
      owners.set(kind, pin.component);
    }
    generated.push({ pin, kinds });
  }
  if (problems.length > 0) throw new UserError(problems);
  return { crds, generated };
}

/**
 * Builds the models into a temporary folder. Same inputs give the same
 * bytes: crd-generate and tsc are deterministic, inputs are taken in a fixed
 * order, and nothing of the machine (paths, time) reaches the output.
 *
 * @throws {EnvironmentError} when the mirror or a pinned file is missing.
 * @throws {UserError} when a file differs from its pin, a set is not pinned,
 *   or a file's CRDs are not what the set expects.
 */
export async function buildModels(options: BuildOptions): Promise<BuiltModels> {
  const sets = options.sets ?? MODEL_SETS;
  const pins = readPinnedSets(options.root, sets);
  const bytes = readMirroredFiles(
    options.mirror,
    pins.flatMap((pin) => pin.files),
  );
  const { crds, generated } = collectCrds(pins, sets, bytes);

  const generator = crdGenerate();
  const tsc = typescript();
  const work = await mkdtemp(join(tmpdir(), "typed-gitops-models-"));
  const dispose = (): Promise<void> => rm(work, { recursive: true, force: true });
  try {
    // The generated modules import @kubernetes-models/*: resolve them from this package.
    await symlink(join(PACKAGE_DIR, "node_modules"), join(work, "node_modules"), "junction");
    await writeFile(join(work, "package.json"), `${JSON.stringify({ private: true, type: "module" })}\n`);
    const input = join(work, "crds.yaml");
    await writeFile(input, `${crds.map((crd) => JSON.stringify(crd)).join("\n---\n")}\n`);
    await runTool(generator, ["--input", input, "--output", join(work, "src")], work);
    const dir = await compileModels(work, tsc);
    await writeFile(join(dir, PROVENANCE_FILE), provenance(generated, [generator, tsc]));

    let total = 0;
    const files = await listFiles(dir);
    for (const file of files) total += (await stat(join(dir, file))).size;
    return {
      dir,
      exports: exportMap(generated.flatMap((set) => set.kinds)),
      sets: generated,
      files: files.length,
      bytes: total,
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
