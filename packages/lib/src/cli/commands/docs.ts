/**
 * `docs`: the architecture page of each cluster, which `gen` writes to
 * `generated/<cluster>/ARCHITECTURE.md` with the rest of the tree.
 */
import { resolve } from "node:path";
import { ExitCode, parseCommandArgs, type CommandContext, type ExitCodeValue } from "../io.ts";
import { withProgress } from "../progress.ts";

/** The help text of `docs`. */
export const DOCS_HELP = `Usage: typed-gitops docs [cluster...] [--stdout] [--root DIR]

The architecture page of each cluster, derived from its definitions: Markdown
with Mermaid diagrams of the components and their layers, the Flux
Kustomizations and their dependsOn chain (or the Argo CD Applications and
their sync waves), the external traffic from host names and tunnels through
Ingresses, IngressRoutes, Gateways and routes to Services and workloads, the
secret flow (store or SOPS file or SealedSecret → operator → Secret →
workload), the namespaces, and the pinned chart versions and images.

The page is part of each rendered tree: \`gen\` writes it to
generated/<cluster>/ARCHITECTURE.md (listed in no kustomization.yaml, so
kustomize and Flux never read it) and the drift check keeps it true. So
writing it means rendering the cluster: \`docs\` without --stdout runs the same
write as \`gen\` for the clusters named, then prints where the pages are.

Arguments:
  cluster      the clusters (default: all)

Options:
  --stdout     print the page(s) instead of writing the tree (nothing is written)
  --root DIR   the project root (default: the current directory)
  -h, --help   show this help

Examples:
  pnpm docs                         render and list generated/*/ARCHITECTURE.md
  pnpm docs production --stdout     print production's page
  pnpm docs staging --stdout > /tmp/staging.md

Exit codes: 0 ok, 1 invalid definitions, 2 usage or environment error.
`;

/** Runs `docs`. */
export async function docs(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, {
    stdout: { type: "boolean", default: false },
    root: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (parsed.values.help) {
    context.stdout.write(DOCS_HELP);
    return ExitCode.ok;
  }
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const { renderProject, writeProject } = await import("../../project/generate.ts");
  const { ARCHITECTURE_FILE } = await import("../../docs/architecture-page.ts");
  const rendered = await withProgress(context.stderr, "rendering", () =>
    renderProject(root, { clusters: parsed.positionals, validate: !parsed.values.stdout }),
  );
  if (parsed.values.stdout) {
    context.stdout.write(rendered.trees.map((tree) => tree.files.get(ARCHITECTURE_FILE) ?? "").join("\n"));
    return ExitCode.ok;
  }
  writeProject(rendered, { onWait: (pid) => context.stderr.write(`waiting for another gen (pid ${pid}) to finish…\n`) });
  for (const tree of rendered.trees) context.stdout.write(`generated/${tree.cluster}/${ARCHITECTURE_FILE}\n`);
  return ExitCode.ok;
}
