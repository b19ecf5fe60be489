/**
 * Test helper: parses YAML the way kubectl, Flux and kustomize do, with
 * `sigs.k8s.io/yaml` (the go-yaml v2 fork behind them), by running the small
 * Go program in `test/k8s-yaml/`.
 *
 * The program is built once into `<repo>/.tools/test/k8s-yaml` (gitignored)
 * and rebuilt only when its sources are newer than the binary. Go is
 * required: without it the helper throws, so tests that use it fail rather
 * than skip.
 */
import { execFile, spawn } from "node:child_process";
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The Go program's folder: `main.go`, `go.mod`, `go.sum`. */
const SOURCE_DIR = fileURLToPath(new URL("./k8s-yaml/", import.meta.url));

/** The files whose changes trigger a rebuild. */
const SOURCE_FILES = ["main.go", "go.mod", "go.sum"];

/** The built binary, in the repository's gitignored `.tools/` folder. */
const BINARY = fileURLToPath(
  new URL(`../../../.tools/test/k8s-yaml${process.platform === "win32" ? ".exe" : ""}`, import.meta.url),
);

/** What `sigs.k8s.io/yaml` made of one document: its JSON form or its error. */
export interface KubernetesYamlResult {
  /** The document converted by `yaml.YAMLToJSON`, parsed with `JSON.parse`. */
  json?: unknown;
  /** The parser's error message, when the document does not parse. */
  error?: string;
}

/** Returns a file's modification time in milliseconds, or `undefined` when it is missing. */
function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Returns `true` when the binary is missing or older than one of its sources. */
function isStale(): boolean {
  const built = modifiedAt(BINARY);
  if (built === undefined) return true;
  return SOURCE_FILES.some((file) => (modifiedAt(join(SOURCE_DIR, file)) ?? 0) > built);
}

/**
 * Builds the binary with `go build -trimpath` into a temporary name and
 * renames it into place, so concurrent test workers never run a half-written
 * file.
 *
 * @throws {Error} when the `go` command is missing or the build fails.
 */
async function build(): Promise<void> {
  mkdirSync(dirname(BINARY), { recursive: true });
  const temporary = `${BINARY}.${process.pid}.tmp`;
  try {
    await run("go", ["build", "-trimpath", "-o", temporary, "."], { cwd: SOURCE_DIR, encoding: "utf8" });
  } catch (error) {
    rmSync(temporary, { force: true });
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === "ENOENT") {
      throw new Error(
        "Go is not installed (no `go` command on PATH): it is required to build test/k8s-yaml, " +
          "which checks the rendered YAML against sigs.k8s.io/yaml. Install Go 1.22 or newer.",
      );
    }
    throw new Error(`go build of test/k8s-yaml failed:\n${failure.stderr ?? failure.message}`);
  }
  renameSync(temporary, BINARY);
}

let ready: Promise<string> | undefined;

/**
 * Returns the path of an up-to-date binary, building it on first use.
 *
 * @throws {Error} when Go is missing or the build fails.
 */
export function kubernetesYamlBinary(): Promise<string> {
  ready ??= (isStale() ? build() : Promise.resolve()).then(() => BINARY);
  // A failed build is not cached, so a later call reports it again.
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

/** Runs the binary with `input` on stdin and resolves with its stdout. */
function runBinary(binary: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [], { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(stdout).toString("utf8"));
      else reject(new Error(`k8s-yaml exited with ${code}: ${Buffer.concat(stderr).toString("utf8")}`));
    });
    child.stdin.end(input, "utf8");
  });
}

/**
 * Parses each YAML document with `sigs.k8s.io/yaml`'s `YAMLToJSON`, in one
 * process for the whole batch.
 *
 * @param documents - YAML documents (one each; a stream of several is not split).
 * @returns one result per document, in order: `{ json }` or `{ error }`.
 * @throws {Error} when Go is missing, the build fails or the program crashes.
 */
export async function parseWithKubernetesYaml(documents: string[]): Promise<KubernetesYamlResult[]> {
  const binary = await kubernetesYamlBinary();
  const output = await runBinary(binary, JSON.stringify(documents));
  const results = JSON.parse(output) as KubernetesYamlResult[];
  if (!Array.isArray(results) || results.length !== documents.length) {
    throw new Error(`k8s-yaml returned ${Array.isArray(results) ? results.length : "no"} results for ${documents.length} documents`);
  }
  return results;
}
