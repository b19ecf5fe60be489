/**
 * The main function of a process started from the start-up snapshot
 * (`node --snapshot-blob <file> gen ...`, see `bin/typed-gitops.js`).
 *
 * The snapshot holds the library, its dependencies and the kinds of
 * `kubernetes-models` most platforms use, already loaded. The definitions
 * are not in it: they are imported as usual, and every import of theirs
 * that names a module the snapshot holds (`@typed-gitops/lib`, `zod`, a
 * kind) is answered with that module, so that the definitions and the
 * command share one instance of each, exactly as in a process started
 * from the sources.
 */
import module from "node:module";
import vm from "node:vm";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { main as runFromSources } from "../cli/main.ts";
import { runCommand, type Command } from "../cli/run-command.ts";
import { currentSnapshot, LIB_ROOT } from "./snapshot-file.ts";
import { enableResolutionCache } from "../cli/resolution-cache.ts";
import { setDefinitionImporter, type ModuleImporter } from "../cluster/import-definition.ts";

/** The modules a snapshot holds, by the `file:` URL Node resolves them to. */
export type SnapshotModules = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** The URL scheme of the modules that re-export a module of the snapshot. */
const SHARED_SCHEME = "typed-gitops-snapshot:";

/** Where the re-exporting modules find the snapshot's modules. */
const MODULES_KEY = Symbol.for("typed-gitops.snapshot-modules");

/** The environment variable that makes the main function only report that the snapshot loads (used after a build). */
export const SMOKE_ENV = "TYPED_GITOPS_SNAPSHOT_SMOKE";

/** What the smoke run prints. */
export const SMOKE_OUTPUT = "typed-gitops start-up snapshot: ok\n";

/** The source of a module that re-exports every export of the snapshot's module at `url`. */
export function reExportSource(url: string, names: readonly string[]): string {
  const lines = [`const shared = globalThis[Symbol.for(${JSON.stringify(MODULES_KEY.description)})].get(${JSON.stringify(url)});`];
  names.forEach((name, index) => {
    lines.push(`const export${index} = shared[${JSON.stringify(name)}];`);
    lines.push(`export { export${index} as ${JSON.stringify(name)} };`);
  });
  return `${lines.join("\n")}\n`;
}

/**
 * Answers the imports of the modules in `modules` with the snapshot's own
 * instances, for every module loaded from now on.
 */
export function shareSnapshotModules(modules: SnapshotModules): void {
  (globalThis as Record<symbol, unknown>)[MODULES_KEY] = modules;
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      return modules.has(resolved.url) ? { url: `${SHARED_SCHEME}${resolved.url}`, format: "module", shortCircuit: true } : resolved;
    },
    load(url, context, nextLoad) {
      if (!url.startsWith(SHARED_SCHEME)) return nextLoad(url, context);
      const target = url.slice(SHARED_SCHEME.length);
      return { format: "module", source: reExportSource(target, Object.keys(modules.get(target)!)), shortCircuit: true };
    },
  });
}

/** The feature whose experimental warning is not printed: it is how definitions are imported, not the user's choice. */
const QUIET_FEATURE = "vm.USE_MAIN_CONTEXT_DEFAULT_LOADER";

/** Drops Node's experimental warning for {@link QUIET_FEATURE}; every other warning is emitted as usual. */
function quietImporterWarning(): void {
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (text.startsWith(QUIET_FEATURE)) return;
    (emitWarning as (warning: string | Error, ...args: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}

/**
 * An importer that loads with Node's default loader. Code deserialized from
 * a snapshot has none of its own: `import()` written in it fails.
 */
function mainContextImporter(): ModuleImporter {
  quietImporterWarning();
  return vm.runInThisContext("(url) => import(url)", {
    filename: "typed-gitops-snapshot-importer",
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  }) as ModuleImporter;
}

/** The snapshot file this process started from (`--snapshot-blob <file>`). */
function startedFrom(): string | undefined {
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--snapshot-blob") return args[i + 1] === undefined ? undefined : resolve(args[i + 1]!);
    if (args[i]!.startsWith("--snapshot-blob=")) return resolve(args[i]!.slice("--snapshot-blob=".length));
  }
  return undefined;
}

/**
 * Runs a command in a process started from the snapshot (`node
 * --snapshot-blob <file> gen ...`, which `bin/typed-gitops` runs): with the
 * same caches as `bin/typed-gitops.js`, and the snapshot's modules shared
 * with the definitions. When the snapshot no longer matches the code on
 * disk (or is turned off, or the command is not `gen`), the command line
 * runs from the sources instead, as `bin/typed-gitops.js` would.
 */
export async function runFromSnapshot(modules: SnapshotModules, gen: Command): Promise<void> {
  if (process.env[SMOKE_ENV] === "1") {
    process.stdout.write(SMOKE_OUTPUT);
    return;
  }
  const importer = mainContextImporter();
  setDefinitionImporter(importer);
  module.enableCompileCache?.();
  enableResolutionCache();
  const argv = process.argv.slice(1);
  const context = { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr };
  const snapshot = startedFrom();
  if (argv[0] !== "gen" || snapshot === undefined || currentSnapshot() !== snapshot) {
    const sources = (await importer(pathToFileURL(join(LIB_ROOT, "src", "cli", "main.ts")).href)) as { main: typeof runFromSources };
    process.exitCode = await sources.main(argv, context);
    return;
  }
  shareSnapshotModules(modules);
  process.exitCode = await runCommand("gen", async () => gen, argv.slice(1), context);
}
