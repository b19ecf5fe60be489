/**
 * `new`: a typed component with its test and golden file, registered in
 * clusters. Everything is checked before anything is written; files are
 * created, never overwritten.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { discoverClusters } from "../cluster/load-clusters.ts";
import { ProblemList, UserError } from "../errors/user-error.ts";
import { emitDocument as ownEmitDocument } from "../render/yaml-emit.ts";
import { componentNameProblem, identifierOf } from "./names.ts";
import { registerComponent, RegistrationError } from "./register.ts";
import { appModule, componentModule, goldenFile, testModule, type ScaffoldKind } from "./templates.ts";

/** Options of {@link scaffold}. */
export interface ScaffoldOptions {
  /** `app` (under `apps/`) or `component` (under `infrastructure/`). */
  readonly kind: ScaffoldKind;
  /** The name: a DNS-1123 label starting with a letter. */
  readonly name: string;
  /**
   * The clusters to register it in.
   * @default every cluster of the project
   */
  readonly clusters?: readonly string[];
  /**
   * For a component: the layer it is registered in.
   * @default "controllers"
   */
  readonly layer?: "controllers" | "configs";
}

/** What {@link scaffold} did. */
export interface ScaffoldResult {
  /** The files created, relative to the root. */
  readonly created: readonly string[];
  /** The definitions edited, relative to the root. */
  readonly registered: readonly string[];
  /** The component folder it was registered under, e.g. `apps/shop`. */
  readonly key: string;
  /** Its function. */
  readonly identifier: string;
}

function writeNew(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: "wx" });
}

function writeReplacing(file: string, text: string): void {
  const staging = `${file}.${process.pid}.tmp`;
  writeFileSync(staging, text);
  renameSync(staging, file);
}

/** Emits the default render of the new module as its golden file, with the project's own copy of the library. */
async function goldenText(moduleFile: string, identifier: string): Promise<string> {
  let emit = ownEmitDocument as (object: Record<string, unknown>) => string;
  try {
    const resolved = createRequire(moduleFile).resolve("@typed-gitops/lib");
    emit = ((await import(pathToFileURL(resolved).href)) as { emitDocument: typeof emit }).emitDocument;
  } catch {
    // A project without the library as a dependency: this copy's emitter is the same code.
  }
  const module = (await import(`${pathToFileURL(moduleFile).href}?scaffold`)) as Record<string, unknown>;
  const build = module[identifier] as () => Record<string, unknown>[];
  return build().map((object) => emit(object)).join("---\n");
}

/**
 * Scaffolds a component and registers it.
 *
 * @throws {UserError} when the name is invalid or taken, a cluster is
 *   unknown, or a definition cannot be edited (nothing is written then).
 */
export async function scaffold(root: string, options: ScaffoldOptions): Promise<ScaffoldResult> {
  const { kind, name } = options;
  const problem = componentNameProblem(name);
  if (problem !== undefined) throw new UserError({ where: `new ${kind} ${name}`, what: problem, hint: "use lower-case letters, digits and '-', e.g. web-shop" });
  const identifier = identifierOf(name);
  const folder = kind === "app" ? `apps/${name}` : `infrastructure/${name}`;
  const key = kind === "app" ? `apps/${name}` : `infrastructure/${options.layer ?? "controllers"}/${name}`;
  const known = discoverClusters(root);
  const wanted = options.clusters === undefined || options.clusters.length === 0 ? known.map((cluster) => cluster.name) : [...new Set(options.clusters)];
  if (existsSync(join(root, folder))) {
    throw new UserError({ where: folder, what: `already exists: there is a${kind === "app" ? "n app" : " component"} named ${JSON.stringify(name)}`, hint: "choose another name, or edit the existing one" });
  }
  const problems = new ProblemList();
  for (const cluster of wanted) if (!known.some((entry) => entry.name === cluster)) problems.add({ where: "--cluster", what: `no cluster named ${JSON.stringify(cluster)}`, hint: `known clusters: ${known.map((entry) => entry.name).join(", ") || "none"}` });
  const edits = new Map<string, string>();
  for (const cluster of known.filter((entry) => wanted.includes(entry.name))) {
    const file = `${cluster.source}/cluster.ts`;
    try {
      edits.set(file, registerComponent(readFileSync(join(root, file), "utf8"), { key, identifier, specifier: `../../${folder}/${name}.ts` }));
    } catch (error) {
      if (!(error instanceof RegistrationError)) throw error;
      problems.add({ where: file, what: `cannot register ${JSON.stringify(key)}: ${error.message}`, hint: `add it by hand: import { ${identifier} } from "../../${folder}/${name}.ts"; and "${key}": ${identifier}() in components` });
    }
  }
  problems.throwIfAny();

  const files = [
    [`${folder}/${name}.ts`, kind === "app" ? appModule(name) : componentModule(name)],
    [`${folder}/${name}.test.ts`, testModule(name)],
  ] as const;
  const created: string[] = [];
  try {
    for (const [path, text] of files) {
      writeNew(join(root, path), text);
      created.push(path);
    }
    const golden = `${folder}/${goldenFile(name)}`;
    writeNew(join(root, golden), await goldenText(join(root, folder, `${name}.ts`), identifier));
    created.push(golden);
  } catch (error) {
    rmSync(join(root, folder), { recursive: true, force: true });
    throw error;
  }
  for (const [file, text] of edits) writeReplacing(join(root, file), text);
  return { created, registered: [...edits.keys()], key, identifier };
}
