/**
 * `diff`: what a change does to each cluster, object by object — the
 * working tree's definitions rendered in memory against the trees committed
 * at a base revision.
 */
import { resolve } from "node:path";
import { isUserError } from "../../errors/user-error.ts";
import { ExitCode, parseCommandArgs, UsageError, type CommandContext, type ExitCodeValue } from "../io.ts";
import { withProgress } from "../progress.ts";
import { styleFor } from "../style.ts";

/** The help text of `diff`. */
export const DIFF_HELP = `Usage: typed-gitops diff [cluster...] [--base REF] [--format text|markdown|json] [--exit-code] [--root DIR]

Show what the working tree's definitions change in each cluster, compared
with the trees committed under generated/ at a base revision: the objects
added, removed, changed (field by field: spec.replicas: 2 → 3) and moved to
another file. Secret values are never shown: a changed SOPS value, SealedSecret
ciphertext or Secret value is reported as "encrypted value changed" (or
"value (not shown) changed").

The base side is read from git, not rendered: it is the tree Flux applies from
that revision, and the drift check CI runs keeps it equal to the rendering of
that revision's definitions.

Arguments:
  cluster            compare only these clusters (default: all, in the working
                     tree and in the base)

Options:
  --base REF         the base revision (default: origin/main if it exists, else HEAD)
  --format FORMAT    text (default), markdown (for a pull-request comment) or json
  --exit-code        exit 1 when there are differences (default: exit 0 either way)
  --root DIR         the project root (default: the current directory)
  -h, --help         show this help

Examples:
  pnpm diff                                  the working tree against origin/main (or HEAD)
  pnpm diff production --base HEAD~1
  pnpm --silent diff --base origin/main --format markdown > diff.md
  pnpm --silent diff --format json | jq '.clusters[].summary'

Exit codes: 0 ok (differences or not, unless --exit-code), 1 differences with
--exit-code, or definitions that do not render, 2 usage or environment error
(no git repository, unknown revision).
`;

const FORMATS = ["text", "markdown", "json"] as const;

/** Runs `diff`. */
export async function diff(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, {
    base: { type: "string" },
    format: { type: "string", default: "text" },
    "exit-code": { type: "boolean", default: false },
    root: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (parsed.values.help) {
    context.stdout.write(DIFF_HELP);
    return ExitCode.ok;
  }
  const format = parsed.values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not ${JSON.stringify(parsed.values.format)}`);
  if (parsed.values.base === "") throw new UsageError("--base needs a revision");
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const { diffProject } = await import("../../diff/diff-project.ts");
  const { formatJson, formatMarkdown, formatText } = await import("../../diff/format-diff.ts");
  const { defaultBase, repositoryOf, resolveCommit } = await import("../../diff/git-trees.ts");
  repositoryOf(root);
  const base = parsed.values.base ?? defaultBase(root);
  try {
    resolveCommit(root, base);
  } catch (error) {
    if (!isUserError(error)) throw error;
    throw new UsageError(`--base ${base} names no commit of this repository (a branch, tag or commit; in CI, fetch it first: actions/checkout with fetch-depth: 0)`);
  }
  const result = await withProgress(context.stderr, "rendering and comparing", () => diffProject(root, { base, clusters: parsed.positionals }));
  if (format === "json") context.stdout.write(formatJson(result));
  else if (format === "markdown") context.stdout.write(formatMarkdown(result));
  else {
    const style = styleFor(context.stdout, context.env);
    context.stdout.write(formatText(result, { added: style.green, removed: style.red, changed: style.yellow, dim: style.dim }));
  }
  const different = result.clusters.some((cluster) => cluster.status !== "unchanged");
  return parsed.values["exit-code"] && different ? ExitCode.findings : ExitCode.ok;
}
