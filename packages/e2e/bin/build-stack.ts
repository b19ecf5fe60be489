/**
 * `build-stack`: build kine, kube-apiserver and kustomize-controller into
 * `.tools/e2e/<name>/<version>/`, one at a time; current builds are reused.
 *
 *   pnpm --filter @typed-gitops/e2e build-stack [--only NAME]... [--list]
 */
import { parseArgs } from "node:util";
import { formatProblem, isUserError } from "@typed-gitops/lib";
import { STACK_BINARIES, type StackBinaryName } from "../src/stack/binaries.ts";
import { binaryPath, binaryVersion, buildStack, stackIsBuilt } from "../src/stack/build-stack.ts";

const HELP = `Usage: build-stack [--only NAME]... [--list]

Build the end-to-end test's binaries from source with Go, pinned by version,
into .tools/e2e/<name>/<version>/ (gitignored): ${STACK_BINARIES.map((binary) => binary.name).join(", ")}.
A binary already built from the same inputs is reused without network.

Options:
  --only NAME   build only this binary (repeatable)
  --list        show each binary, its version and whether it is built
  -h, --help    show this help
`;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { only: { type: "string", multiple: true }, list: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const names = STACK_BINARIES.map((binary) => binary.name);
  const unknown = (values.only ?? []).filter((name) => !names.includes(name as StackBinaryName));
  if (unknown.length > 0) {
    process.stderr.write(`build-stack: unknown binary ${unknown.join(", ")} (one of ${names.join(", ")})\n`);
    return 2;
  }
  if (values.list) {
    for (const binary of STACK_BINARIES) process.stdout.write(`${binary.name.padEnd(21)} ${binaryVersion(binary).padEnd(8)} ${binaryPath(binary)}\n`);
    process.stdout.write(stackIsBuilt() ? "every binary is built\n" : "some binaries are missing or stale: run build-stack\n");
    return 0;
  }
  const results = await buildStack({
    ...(values.only === undefined ? {} : { only: values.only as StackBinaryName[] }),
    onStart: (binary, version) => process.stderr.write(`building ${binary.name} ${version}…\n`),
  });
  for (const result of results) {
    process.stdout.write(`${result.binary.name.padEnd(21)} ${result.version.padEnd(8)} ${result.outcome === "built" ? `built in ${(result.ms / 1000).toFixed(1)} s` : "present"}\n`);
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (isUserError(error)) {
    process.stderr.write(`${error.problems.map(formatProblem).join("\n")}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`build-stack: internal error, please report it:\n${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  }
}
