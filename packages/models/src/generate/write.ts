/**
 * Writing the built models into the package (`gen/` and the `exports` map
 * of package.json), or checking that what is committed is what the pinned
 * inputs generate.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { buildModels, type BuildOptions, type BuiltModels } from "./build.ts";
import { GENERATED_DIR, type ExportMap } from "./export-map.ts";
import { compareTrees, isSame, replaceTree, type TreeDiff } from "./tree.ts";

/** Options of {@link writeModels} and {@link checkModels}. */
export interface PackageOptions extends BuildOptions {
  /** The package folder, holding `gen/` and package.json. */
  readonly packageDir: string;
}

/** What {@link writeModels} or {@link checkModels} found. */
export interface ModelsReport {
  /** The built models (already disposed of). */
  readonly built: Omit<BuiltModels, "dispose" | "dir">;
  /** How the committed `gen/` differs from the generated tree. */
  readonly diff: TreeDiff;
  /** Whether package.json's `exports` differs from the generated map. */
  readonly exportsChanged: boolean;
  /** How long the build took, in milliseconds. */
  readonly ms: number;
}

/** True when nothing differs. */
export function isUpToDate(report: ModelsReport): boolean {
  return isSame(report.diff) && !report.exportsChanged;
}

function readPackageJson(packageDir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as Record<string, unknown>;
}

async function compare(options: PackageOptions, write: boolean): Promise<ModelsReport> {
  const started = performance.now();
  const built = await buildModels(options);
  try {
    const gen = join(options.packageDir, GENERATED_DIR);
    const diff = await compareTrees(built.dir, gen);
    const packageJson = readPackageJson(options.packageDir);
    const exportsChanged = !isDeepStrictEqual(packageJson["exports"], built.exports);
    if (write && !isSame(diff)) await replaceTree(built.dir, gen);
    if (write && exportsChanged) await writeExports(options.packageDir, packageJson, built.exports);
    const summary = { exports: built.exports, sets: built.sets, files: built.files, bytes: built.bytes };
    return { built: summary, diff, exportsChanged, ms: performance.now() - started };
  } finally {
    await built.dispose();
  }
}

async function writeExports(packageDir: string, packageJson: Record<string, unknown>, exports: ExportMap): Promise<void> {
  await writeFile(join(packageDir, "package.json"), `${JSON.stringify({ ...packageJson, exports }, null, 2)}\n`);
}

/**
 * Generates the models and writes them into the package: `gen/` is
 * replaced as a whole when any file differs (so stale files go), and the
 * `exports` map of package.json is rewritten when it differs. When nothing
 * differs, nothing is written.
 */
export function writeModels(options: PackageOptions): Promise<ModelsReport> {
  return compare(options, true);
}

/** Generates the models in a temporary folder and compares them with the package, writing nothing. */
export function checkModels(options: PackageOptions): Promise<ModelsReport> {
  return compare(options, false);
}
