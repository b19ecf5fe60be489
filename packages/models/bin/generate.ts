/**
 * `generate`: regenerates `gen/` and the `exports` map of package.json from
 * the pinned CRDs, or checks them (`--check`). Run it through pnpm, which
 * puts the pinned Node first on PATH:
 *
 *   pnpm --filter @typed-gitops/models generate [-- --mirror DIR] [--check]
 */
import { parseArgs } from "node:util";
import { relative, resolve } from "node:path";
import { PACKAGE_DIR, PROJECT_ROOT } from "../src/generate/build.ts";
import { formatProblem, isUserError } from "../src/generate/errors.ts";
import { checkModels, isUpToDate, writeModels, type ModelsReport } from "../src/generate/write.ts";

const HELP = `Usage: generate [--mirror DIR] [--root DIR] [--check]

Regenerate the models of packages/models/gen/ and the exports map of its
package.json from the CRD sets pinned in schemas/sources.json, reading each
file from a local mirror and checking it against its sha256.

Options:
  --mirror DIR   the folder laid out like the upstream mirror (crds/, …),
                 relative to the project root (default: ../shared/upstream)
  --root DIR     the project root (default: the root this package is in)
  --check        generate in a temporary folder and compare, writing nothing;
                 exit 1 when gen/ or the exports map differ
  -h, --help     show this help

The mirror is resolved against the project root, not the current directory,
because pnpm runs the script in packages/models/: \`--mirror ../shared/upstream\`
means the same as for \`typed-gitops schemas\` run at the root.

Exit codes: 0 ok, 1 a pinned file does not match its sha256, the CRDs are not
what a set expects, or (--check) the committed models differ; 2 usage or
environment error (no mirror, a missing file); 3 internal error.
`;

const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function summary(report: ModelsReport): string {
  const kinds = report.built.sets.reduce((count, set) => count + set.kinds.length, 0);
  const sets = report.built.sets.map((set) => `${set.pin.component} ${set.pin.version}`).join(", ");
  return `${report.built.sets.length} CRD sets (${sets}), ${kinds} kinds: ${report.built.files} files, ${mebibytes(report.built.bytes)}, in ${(report.ms / 1000).toFixed(1)} s`;
}

/** The differences, one file a line: as drift (`--check`) or as what was written. */
function differences(report: ModelsReport, written: boolean): string {
  const [missing, stale] = written ? ["added  ", "removed"] : ["missing", "stale  "];
  const lines = [
    ...report.diff.changed.map((file) => `  changed  gen/${file}`),
    ...report.diff.missing.map((file) => `  ${missing}  gen/${file}`),
    ...report.diff.stale.map((file) => `  ${stale}  gen/${file}`),
  ];
  if (report.exportsChanged) lines.push("  changed  package.json: exports");
  return lines.join("\n");
}

async function main(args: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      allowPositionals: false,
      strict: true,
      options: {
        mirror: { type: "string" },
        root: { type: "string" },
        check: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const root = values.root === undefined ? PROJECT_ROOT : resolve(values.root);
  const mirror = resolve(root, values.mirror ?? "../shared/upstream");
  const options = { root, mirror, packageDir: PACKAGE_DIR };
  try {
    if (values.check) {
      const report = await checkModels(options);
      if (isUpToDate(report)) {
        process.stdout.write(`models are up to date: ${summary(report)}\n`);
        return EXIT.ok;
      }
      process.stdout.write(`packages/models does not match the pinned CRDs:\n${differences(report, false)}\nRun \`pnpm --filter @typed-gitops/models generate\` and commit the result.\n`);
      return EXIT.findings;
    }
    const report = await writeModels(options);
    const where = relative(process.cwd(), PACKAGE_DIR) || ".";
    if (isUpToDate(report)) process.stdout.write(`unchanged: ${summary(report)}\n`);
    else process.stdout.write(`generated ${where}/gen: ${summary(report)}\n${differences(report, true)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`${error.problems.map(formatProblem).join("\n")}\n`);
      return error.name === "EnvironmentError" ? EXIT.usage : EXIT.findings;
    }
    process.stderr.write(`internal error (a bug: please report it with this output):\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}

// `pnpm --filter @typed-gitops/models generate -- --check` passes the `--` on: drop it.
const args = process.argv.slice(2);
process.exitCode = await main(args[0] === "--" ? args.slice(1) : args);
