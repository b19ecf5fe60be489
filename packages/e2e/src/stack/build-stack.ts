/**
 * Building the stack's binaries into `.tools/e2e/<name>/<version>/`, one
 * build at a time (each is large; two at once would only fight over the
 * cores), reusing a binary whose build key still matches.
 *
 * The build key is a hash of everything that decides the binary: the
 * version, the linker flags and, for a wrapper, its go.mod, go.sum and Go
 * files. A binary is rebuilt when its key changes, so an edited replace line
 * never leaves a stale binary behind the same version folder.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { EnvironmentError } from "@typed-gitops/lib";
import { GO_WRAPPERS_DIR, STACK_CACHE_DIR } from "../paths.ts";
import { STACK_BINARIES, type StackBinary, type StackBinaryName } from "./binaries.ts";

const run = promisify(execFile);

/** The module version a binary is built at (a release tag such as `v1.35.8`). */
export function binaryVersion(binary: StackBinary): string {
  if (binary.source.kind === "install") return binary.source.version;
  const goMod = readFileSync(join(GO_WRAPPERS_DIR, binary.source.dir, "go.mod"), "utf8");
  const escaped = binary.source.versionOf.replaceAll(".", "\\.").replaceAll("/", "\\/");
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, "m").exec(goMod);
  if (match === null) {
    throw new EnvironmentError({
      where: `packages/e2e/go/${binary.source.dir}/go.mod`,
      what: `requires no version of ${binary.source.versionOf}`,
      hint: `add \`require ${binary.source.versionOf} vX.Y.Z\` and run \`go mod tidy\` in that folder`,
    });
  }
  return match[1]!;
}

function linkerFlags(binary: StackBinary, version: string): string {
  const [major = "", minor = ""] = version.replace(/^v/, "").split(".");
  // -s -w: no symbol table or DWARF, as the upstream release builds; smaller and faster to link.
  const own = (binary.ldflags ?? "").replaceAll("{version}", version).replaceAll("{major}", major).replaceAll("{minor}", minor);
  return `-s -w ${own}`.trim();
}

/** The hash of everything that decides a binary's build. */
export function buildKey(binary: StackBinary): string {
  const version = binaryVersion(binary);
  const hash = createHash("sha256").update(`${binary.name}\n${version}\n${linkerFlags(binary, version)}\n`);
  if (binary.source.kind === "wrapper") {
    const dir = join(GO_WRAPPERS_DIR, binary.source.dir);
    for (const file of readdirSync(dir).sort()) {
      if (file === "go.mod" || file === "go.sum" || file.endsWith(".go")) hash.update(`${file}\n`).update(readFileSync(join(dir, file)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/** Where a binary of the stack lives once built. */
export function binaryPath(binary: StackBinary): string {
  return join(STACK_CACHE_DIR, binary.name, binaryVersion(binary), binary.name);
}

function keyFile(binary: StackBinary): string {
  return `${binaryPath(binary)}.build-key`;
}

function isCurrent(binary: StackBinary): boolean {
  try {
    return (statSync(binaryPath(binary)).mode & 0o111) !== 0 && readFileSync(keyFile(binary), "utf8").trim() === buildKey(binary);
  } catch {
    return false;
  }
}

/** Finds a built binary by name. */
export function stackBinary(name: StackBinaryName): StackBinary {
  return STACK_BINARIES.find((binary) => binary.name === name)!;
}

/**
 * Returns the path of a built binary of the stack.
 *
 * @throws {EnvironmentError} when it is missing or stale, with the command that builds it.
 */
export function resolveStackBinary(name: StackBinaryName): string {
  const binary = stackBinary(name);
  if (!isCurrent(binary)) {
    throw new EnvironmentError({
      where: `.tools/e2e/${name}/${binaryVersion(binary)}`,
      what: `${name} is not built (or was built from other inputs)`,
      hint: "run `pnpm --filter @typed-gitops/e2e build-stack`",
    });
  }
  return binaryPath(binary);
}

/** What happened to one binary. */
export interface BuildResult {
  /** The binary. */
  readonly binary: StackBinary;
  /** Its version. */
  readonly version: string;
  /** Where it is. */
  readonly path: string;
  /** `"present"` when a current build was reused, `"built"` when it was built now. */
  readonly outcome: "present" | "built";
  /** How long the build took, in milliseconds (0 when present). */
  readonly ms: number;
}

function explainGoFailure(binary: StackBinary, version: string, stderr: string): EnvironmentError {
  const lines = stderr.trim().split("\n").slice(-6).join("\n    ");
  const offline = /dial tcp|no such host|connection refused|i\/o timeout|TLS handshake|proxyconnect/i.test(stderr);
  const tooOld = /requires go >= (\S+)/.exec(stderr);
  return new EnvironmentError({
    where: `${binary.name} ${version}`,
    what: offline
      ? `cannot download its modules: the Go module proxy is not reachable\n    ${lines}`
      : tooOld !== null
        ? `needs Go ${tooOld[1]} or newer\n    ${lines}`
        : `the Go build failed\n    ${lines}`,
    hint: offline
      ? "check the connection to the Go module proxy (`go env GOPROXY`), then run `pnpm --filter @typed-gitops/e2e build-stack` again"
      : tooOld !== null
        ? `install Go ${tooOld[1]} or newer`
        : "run the build by hand in packages/e2e/go/<name> (`go build .`) to see the whole error",
  });
}

async function buildOne(binary: StackBinary): Promise<BuildResult> {
  const version = binaryVersion(binary);
  const destination = binaryPath(binary);
  if (isCurrent(binary)) return { binary, version, path: destination, outcome: "present", ms: 0 };
  const started = Date.now();
  mkdirSync(STACK_CACHE_DIR, { recursive: true });
  const scratch = mkdtempSync(join(STACK_CACHE_DIR, `.build-${binary.name}-`));
  const built = join(scratch, binary.name);
  // CGO off: kine then uses its pure-Go SQLite driver, and nothing needs a C toolchain.
  const env = { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: "-trimpath" };
  try {
    const ldflags = `-ldflags=${linkerFlags(binary, version)}`;
    try {
      if (binary.source.kind === "install") {
        await run("go", ["install", "-mod=mod", ldflags, `${binary.source.module}@${version}`], {
          env: { ...env, GOBIN: scratch },
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
        });
      } else {
        await run("go", ["build", "-mod=readonly", ldflags, "-o", built, binary.source.package], {
          cwd: join(GO_WRAPPERS_DIR, binary.source.dir),
          env,
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
        });
      }
    } catch (error) {
      throw explainGoFailure(binary, version, String((error as { stderr?: string }).stderr ?? (error as Error).message));
    }
    mkdirSync(join(STACK_CACHE_DIR, binary.name, version), { recursive: true });
    chmodSync(built, 0o755);
    renameSync(built, destination);
    writeFileSync(keyFile(binary), `${buildKey(binary)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { binary, version, path: destination, outcome: "built", ms: Date.now() - started };
}

/** Options of {@link buildStack}. */
export interface BuildStackOptions {
  /**
   * Which binaries to build.
   * @default every binary of the stack
   */
  readonly only?: readonly StackBinaryName[];
  /** Called before a binary is built (not when a current build is reused). */
  readonly onStart?: (binary: StackBinary, version: string) => void;
}

/**
 * Builds the binaries of the stack that are missing or stale, one after the
 * other; current ones are reused without touching the network.
 *
 * @throws {EnvironmentError} when Go is missing or too old, or a build fails.
 */
export async function buildStack(options: BuildStackOptions = {}): Promise<BuildResult[]> {
  const wanted = STACK_BINARIES.filter((binary) => options.only === undefined || options.only.includes(binary.name));
  if (wanted.some((binary) => !isCurrent(binary))) await requireGo();
  const results: BuildResult[] = [];
  for (const binary of wanted) {
    if (!isCurrent(binary)) options.onStart?.(binary, binaryVersion(binary));
    results.push(await buildOne(binary));
  }
  return results;
}

/** True when every binary of the stack is built and current. */
export function stackIsBuilt(): boolean {
  return STACK_BINARIES.every(isCurrent);
}

async function requireGo(): Promise<void> {
  try {
    await run("go", ["env", "GOVERSION"], { encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new EnvironmentError({
      where: "go",
      what: "Go is not installed (no `go` command on PATH); it builds kine, kube-apiserver and kustomize-controller from source",
      hint: "install Go 1.26.5 or newer, then run `pnpm --filter @typed-gitops/e2e build-stack`",
    });
  }
  if (!existsSync(GO_WRAPPERS_DIR)) throw new Error(`the wrapper modules are missing: ${GO_WRAPPERS_DIR}`);
}
