/**
 * Installing the pinned tools with `go install` into `<root>/.tools/`, each
 * in a folder named by its version, so a bump installs the new version
 * beside the old and a present binary is reused without any network.
 */
import type { ExecFileOptionsWithStringEncoding } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { EnvironmentError } from "../errors/user-error.ts";
import { findUpward } from "../project/workspace-root.ts";
import { MINIMUM_GO, PINNED_TOOLS, type PinnedTool, type ToolName } from "./versions.ts";

/**
 * Runs `file` and resolves with its output. `node:child_process` loads on
 * first use: `gen` imports this module (through the secrets helpers) but
 * never runs a tool.
 */
async function run(file: string, args: readonly string[], options: ExecFileOptionsWithStringEncoding): Promise<{ stdout: string; stderr: string }> {
  const { execFile } = await import("node:child_process");
  return promisify(execFile)(file, args, options);
}

/** The tools folder of a project, relative to its root. */
export const TOOLS_DIR = ".tools";

/** Where a pinned tool's binary lives. */
export function toolPath(root: string, tool: PinnedTool): string {
  return join(root, TOOLS_DIR, tool.name, tool.version, tool.name);
}

function isExecutable(path: string): boolean {
  try {
    return statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * Returns the path of an installed pinned tool: in `<root>/.tools/`, or
 * else in the nearest ancestor's, so a project nested in a workspace
 * uses the workspace's tools.
 *
 * @throws {UserError} when it is not installed, with the command that installs it.
 */
export function resolveTool(root: string, name: ToolName): string {
  const tool = PINNED_TOOLS.find((candidate) => candidate.name === name)!;
  // A project nested in a workspace uses the workspace's tools when it has none of its own.
  const dir = findUpward(root, (candidate) => isExecutable(toolPath(candidate, tool)));
  if (dir === undefined) {
    throw new EnvironmentError({
      where: join(TOOLS_DIR, tool.name, tool.version),
      what: `${tool.name} ${tool.version} is not installed`,
      hint: "run `pnpm tools install` (it builds the pinned tools with Go)",
    });
  }
  return toolPath(dir, tool);
}

/** Compares dotted versions such as `1.26.2`; returns <0, 0 or >0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split(".").map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Returns the version of the `go` command on `PATH`.
 *
 * @throws {UserError} when Go is missing or older than {@link MINIMUM_GO}.
 */
export async function goVersion(): Promise<string> {
  let output: string;
  try {
    output = (await run("go", ["env", "GOVERSION"], { encoding: "utf8" })).stdout.trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new EnvironmentError({
        where: "go",
        what: "Go is not installed (no `go` command on PATH); it builds the pinned tools from source",
        hint: `install Go ${MINIMUM_GO} or newer (the official Go toolchain, or your package manager's golang package if recent enough), then run \`pnpm tools install\``,
      });
    }
    throw error;
  }
  const version = output.replace(/^go/, "");
  if (compareVersions(version, MINIMUM_GO) < 0) {
    throw new EnvironmentError({
      where: "go",
      what: `Go ${version} is too old; the pinned tools need Go ${MINIMUM_GO} or newer`,
      hint: `install Go ${MINIMUM_GO} or newer, then run \`pnpm tools install\``,
    });
  }
  return version;
}

/** What happened to one tool. */
export interface ToolInstallResult {
  /** The tool. */
  readonly tool: PinnedTool;
  /** `"present"` when the pinned binary was already there, `"installed"` when it was built now. */
  readonly outcome: "present" | "installed";
  /** How long the build took, in milliseconds (0 when present). */
  readonly ms: number;
}

function explainGoFailure(tool: PinnedTool, stderr: string): EnvironmentError {
  const offline = /dial tcp|no such host|connection refused|i\/o timeout|TLS handshake|proxyconnect/i.test(stderr);
  const lines = stderr.trim().split("\n").slice(-4).join("\n    ");
  return new EnvironmentError({
    where: `${tool.module}@${tool.version}`,
    what: offline
      ? `cannot download the module: the Go module proxy is not reachable\n    ${lines}`
      : `go install failed\n    ${lines}`,
    hint: offline
      ? "check the network connection to the Go module proxy (see `go env GOPROXY`), or point GOPROXY at a reachable mirror, then run `pnpm tools install` again"
      : "run the go install command above by hand to see the whole error",
  });
}

async function installOne(root: string, tool: PinnedTool): Promise<ToolInstallResult> {
  const destination = toolPath(root, tool);
  if (isExecutable(destination)) return { tool, outcome: "present", ms: 0 };
  const started = Date.now();
  mkdirSync(join(root, TOOLS_DIR), { recursive: true });
  const scratch = mkdtempSync(join(root, TOOLS_DIR, `.build-${tool.name}-`));
  try {
    try {
      const flags = tool.ldflags === undefined ? [] : [`-ldflags=${tool.ldflags.replaceAll("{version}", tool.version)}`];
      await run("go", ["install", "-trimpath", ...flags, `${tool.module}@${tool.version}`], {
        env: { ...process.env, GOBIN: scratch, CGO_ENABLED: "0", GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      throw explainGoFailure(tool, String((error as { stderr?: string }).stderr ?? (error as Error).message));
    }
    mkdirSync(join(root, TOOLS_DIR, tool.name, tool.version), { recursive: true });
    const built = join(scratch, tool.name);
    chmodSync(built, 0o755);
    renameSync(built, destination);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { tool, outcome: "installed", ms: Date.now() - started };
}

/** Options of {@link installTools}. */
export interface InstallToolsOptions {
  /**
   * Which tools to install.
   * @default every pinned tool
   */
  readonly only?: readonly ToolName[];
  /**
   * How many builds run at once.
   * @default 2
   */
  readonly concurrency?: number;
  /** Called when a tool starts building and when it is done. */
  readonly onProgress?: (event: { readonly tool: PinnedTool; readonly phase: "start" | "done"; readonly result?: ToolInstallResult }) => void;
}

/**
 * Installs the pinned tools that are missing; present ones are reused.
 *
 * @throws {UserError} when Go is missing or too old, or a build fails, with
 *   what to do about it.
 */
export async function installTools(root: string, options: InstallToolsOptions = {}): Promise<ToolInstallResult[]> {
  const wanted = PINNED_TOOLS.filter((tool) => options.only === undefined || options.only.includes(tool.name as ToolName));
  const missing = wanted.filter((tool) => !isExecutable(toolPath(root, tool)));
  if (missing.length > 0) await goVersion();
  const results = new Map<PinnedTool, ToolInstallResult>();
  const queue = [...wanted];
  const worker = async (): Promise<void> => {
    for (let tool = queue.shift(); tool !== undefined; tool = queue.shift()) {
      if (!existsSync(toolPath(root, tool))) options.onProgress?.({ tool, phase: "start" });
      const result = await installOne(root, tool);
      results.set(tool, result);
      options.onProgress?.({ tool, phase: "done", result });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return wanted.map((tool) => results.get(tool)!);
}
