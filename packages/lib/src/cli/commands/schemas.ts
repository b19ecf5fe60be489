/**
 * `schemas`: build the schema store kubeconform validates against, from
 * the pinned upstream files of `schemas/sources.json`.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { buildSchemaStore } from "../../schemas/build-store.ts";
import { ExitCode, parseCommandArgs, UsageError, type CommandContext, type ExitCodeValue } from "../io.ts";
import { withProgress } from "../progress.ts";

/** The help text of `schemas`. */
export const SCHEMAS_HELP = `Usage: typed-gitops schemas [--mirror DIR] [--out DIR] [--root DIR]

Build the schema store: strict JSON Schemas for every Kubernetes version and
CRD set pinned in schemas/sources.json, in kubeconform's layout. Every file is
checked against its pinned sha256. The store goes to a gitignored cache folder
named by a hash of sources.json and the converter, .tools/schemas/<hash>/; when
it is already there, nothing is done.

Options:
  --mirror DIR   read the files from a local mirror laid out like the upstream
                 mirror (kubernetes/, crds/, flux-install/) instead of
                 downloading them from their URLs
  --out DIR      write the store here instead of .tools/schemas/<hash>/
  --root DIR     the project root (default: the current directory)
  -h, --help     show this help

Examples:
  pnpm schemas                                         the root script: builds from --mirror ../shared/upstream
  typed-gitops schemas                                 download from the upstream URLs (needs network)
  typed-gitops schemas --mirror ../shared/upstream     build offline from a mirror
  typed-gitops schemas --mirror ../shared/upstream --out /tmp/store

Exit codes: 0 ok, 1 a file does not match its sha256 or cannot be converted,
2 usage or environment error (no network, missing mirror file).
`;

/** A path relative to the working directory when it is inside it, absolute otherwise. */
function shown(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside === "" ? "." : inside.startsWith("..") || isAbsolute(inside) ? path : inside;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Runs `schemas`. */
export async function schemas(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, {
    mirror: { type: "string" },
    out: { type: "string" },
    root: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
  if (parsed.values.help) {
    context.stdout.write(SCHEMAS_HELP);
    return ExitCode.ok;
  }
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const mirror = parsed.values.mirror === undefined ? undefined : resolve(context.cwd, parsed.values.mirror);
  const out = parsed.values.out === undefined ? undefined : resolve(context.cwd, parsed.values.out);
  const result = await withProgress(context.stderr, mirror === undefined ? "building the schema store from upstream" : `building the schema store from ${shown(context.cwd, mirror)}`, () =>
    buildSchemaStore({ root, ...(mirror === undefined ? {} : { mirror }), ...(out === undefined ? {} : { out }) }),
  );
  const store = shown(context.cwd, result.store);
  if (result.outcome === "up-to-date") {
    context.stdout.write(`schema store is up to date: ${store}\n`);
    return ExitCode.ok;
  }
  context.stdout.write(`built the schema store in ${(result.ms / 1000).toFixed(1)} s: ${store} (${result.files} files, ${megabytes(result.bytes)})\n`);
  for (const stale of result.removed) context.stdout.write(`removed the stale store ${shown(context.cwd, stale)}\n`);
  return ExitCode.ok;
}
