/**
 * `validate`: check the committed tree of every cluster offline — pinned
 * schemas with kubeconform (strict), the CRDs' CEL rules, the policy rules
 * and `kustomize build` of every folder the engine builds.
 */
import { resolve } from "node:path";
import { formatProblem, type Problem } from "../../errors/user-error.ts";
import { withoutTreeDocuments } from "../../docs/add-architecture-page.ts";
import { checkProject, renderProject } from "../../project/generate.ts";
import { validateCluster, type ClusterValidation } from "../../validate/validate-cluster.ts";
import { hasDrift } from "../../write/check-tree.ts";
import { ExitCode, parseCommandArgs, type CommandContext, type ExitCodeValue } from "../io.ts";
import { startProgress } from "../progress.ts";
import { styleFor } from "../style.ts";

/** The help text of `validate`. */
export const VALIDATE_HELP = `Usage: typed-gitops validate [cluster...] [--json] [--root DIR]

Validate the committed tree of each cluster, offline:
  - every object against the pinned schemas of its Kubernetes version and CRD
    versions (kubeconform, strict: unknown fields fail; the tree's own CRDs
    count too; a kind without a schema fails unless the cluster allows it);
  - the CRDs' CEL rules (x-kubernetes-validations);
  - the policy rules (no plaintext Secret, pinned images, resources, probes,
    restricted security context, disruption budgets, default-deny, unique hosts);
  - kustomize build of the cluster root and of every Kustomization or
    Application path.

Needs the schema store (\`pnpm schemas\`) and the pinned tools (\`pnpm tools install\`).

Options:
  --json       print the findings as JSON
  --root DIR   the project root (default: the current directory)
  -h, --help   show this help

Examples:
  pnpm validate
  pnpm validate production --json

Exit codes: 0 valid, 1 findings, 2 usage or environment error.
`;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Runs `validate`. */
export async function validate(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, { json: { type: "boolean", default: false }, root: { type: "string" }, help: { type: "boolean", short: "h", default: false } });
  if (parsed.values.help) {
    context.stdout.write(VALIDATE_HELP);
    return ExitCode.ok;
  }
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const progress = startProgress(context.stderr, "rendering");
  let results: ClusterValidation[];
  let drift;
  try {
    const rendered = await renderProject(root, { clusters: parsed.positionals, validate: false });
    drift = checkProject(rendered);
    progress.update(`validating ${rendered.trees.map((tree) => tree.cluster).join(", ")} (kubeconform, CEL, policies, kustomize)`);
    // The architecture page is a document, not a manifest: validation sees only the manifests.
    results = await Promise.all(rendered.trees.map((tree) => validateCluster(root, withoutTreeDocuments(tree), `clusters/${tree.cluster}`)));
  } finally {
    progress.done();
  }
  const driftProblems: Problem[] = drift.reports.filter(hasDrift).map((report) => ({
    where: `generated/${report.cluster}`,
    what: "does not match the definitions; what is validated here is the committed tree",
    hint: "run `pnpm gen` (and `pnpm gen --check` to see the difference)",
  }));
  const total = driftProblems.length + results.reduce((sum, result) => sum + result.problems.length, 0);
  if (parsed.values.json) {
    context.stdout.write(
      `${JSON.stringify(
    {
      valid: total === 0,
      clusters: results.map((result) => ({
        cluster: result.cluster,
        objects: result.objects,
        builds: result.builds,
        problems: result.problems,
        allowedMissingSchemas: result.allowedMissing,
        timingsMs: Object.fromEntries(Object.entries(result.timings).map(([step, ms]) => [step, Math.round(ms)])),
      })),
      drift: driftProblems,
    },
    null,
    2,
      )}\n`,
    );
    return total === 0 ? ExitCode.ok : ExitCode.findings;
  }
  const style = styleFor(total === 0 ? context.stdout : context.stderr, context.env);
  const shown = (problem: Problem): string => {
    const [first, ...rest] = formatProblem(problem).split("\n");
    const head = first!.startsWith(`${problem.where}: `) ? `${style.bold(problem.where)}: ${style.red(first!.slice(problem.where.length + 2))}` : first!;
    return [head, ...rest].join("\n");
  };
  let out = "";
  for (const problem of driftProblems) out += `${shown(problem)}\n`;
  for (const result of results) {
    for (const problem of result.problems) out += `${shown(problem)}\n`;
  }
  if (out !== "") out += "\n";
  for (const result of results) {
    const { read, kubeconform, cel, policies, kustomize } = result.timings;
    const verdict = result.problems.length === 0 ? style.green("valid") : style.red(`${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}`);
    out += `${result.cluster}: ${verdict} — ${result.objects} objects, ${result.builds} kustomize builds (read ${seconds(read)}, kubeconform ${seconds(kubeconform)}, CEL ${seconds(cel)}, policies ${seconds(policies)}, kustomize ${seconds(kustomize)})\n`;
    for (const allowed of result.allowedMissing) out += `  no schema, allowed: generated/${result.cluster}/${allowed.path} (${allowed.reason})\n`;
  }
  (total === 0 ? context.stdout : context.stderr).write(out);
  return total === 0 ? ExitCode.ok : ExitCode.findings;
}
