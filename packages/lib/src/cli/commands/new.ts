/**
 * `new`: scaffold an app or an infrastructure component, its test and
 * golden file, and register it in the clusters.
 */
import { resolve } from "node:path";
import { ExitCode, parseCommandArgs, UsageError, type CommandContext, type ExitCodeValue } from "../io.ts";

/** The help text of `new`. */
export const NEW_HELP = `Usage: typed-gitops new app <name> [--cluster NAME]... [--root DIR]
       typed-gitops new component <name> [--layer controllers|configs] [--cluster NAME]... [--root DIR]

Scaffold a typed definition that renders and passes every check as it is,
and register it in clusters:
  app        apps/<name>/<name>.ts: a Namespace, a Deployment of a pinned image
             (a placeholder: podinfo) with probes, resources and the restricted
             security context, a Service, a PodDisruptionBudget, a default-deny
             NetworkPolicy and an allow for its port; registered as "apps/<name>"
  component  infrastructure/<name>/<name>.ts: a Namespace, a HelmRepository and a
             HelmRelease pinned to an exact chart version with a Renovate comment
             (a placeholder: podinfo's chart); registered as
             "infrastructure/<layer>/<name>"
Each comes with <name>.test.ts and its golden file __golden__/<name>.default.yaml.
Registering adds one import after the last import of clusters/<cluster>/cluster.ts
and one entry at the end of its components. Existing names are refused.

Arguments:
  name               a DNS-1123 label starting with a letter, e.g. web-shop
                     (the function is its camelCase: webShop)

Options:
  --cluster NAME     register in this cluster (repeatable; default: every cluster)
  --layer LAYER      (component) controllers (default: CRDs and operators) or
                     configs (what uses them)
  --root DIR         the project root (default: the current directory)
  -h, --help         show this help

Examples:
  pnpm new app web-shop
  pnpm new app web-shop --cluster staging
  pnpm new component cert-manager --layer controllers

Exit codes: 0 ok, 1 the name is taken or invalid, or a definition cannot be
edited (nothing is written), 2 usage error.
`;

/** Runs `new`. */
export async function newCommand(args: readonly string[], context: CommandContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, {
    cluster: { type: "string", multiple: true },
    layer: { type: "string" },
    root: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (parsed.values.help) {
    context.stdout.write(NEW_HELP);
    return ExitCode.ok;
  }
  const [kind, name, ...rest] = parsed.positionals;
  if (kind !== "app" && kind !== "component") throw new UsageError(kind === undefined ? "missing what to create: app or component" : `unknown kind ${JSON.stringify(kind)}: app or component`);
  if (name === undefined) throw new UsageError(`missing the ${kind}'s name`);
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
  const layer = parsed.values.layer;
  if (layer !== undefined && kind !== "component") throw new UsageError("--layer goes with `new component`");
  if (layer !== undefined && layer !== "controllers" && layer !== "configs") throw new UsageError(`--layer must be controllers or configs, not ${JSON.stringify(layer)}`);
  const root = resolve(context.cwd, parsed.values.root ?? ".");
  const { scaffold } = await import("../../scaffold/scaffold.ts");
  const result = await scaffold(root, { kind, name, clusters: parsed.values.cluster, layer });
  let out = "";
  for (const file of result.created) out += `created    ${file}\n`;
  for (const file of result.registered) out += `registered ${JSON.stringify(result.key)}: ${result.identifier}() in ${file}\n`;
  const folder = result.created[0]!.slice(0, result.created[0]!.lastIndexOf("/"));
  out += `\nNext: set the ${kind === "app" ? "image, port and health path" : "chart, its repository and values"} in ${result.created[0]}, then\n  pnpm gen && pnpm validate && pnpm exec vitest run ${folder}\n`;
  context.stdout.write(out);
  return ExitCode.ok;
}
