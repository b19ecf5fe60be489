/**
 * The two tools the generator runs, resolved from this package's pinned
 * devDependencies and run with the current Node: `@kubernetes-models/crd-generate`
 * (the generator kubernetes-models-ts builds its third-party packages with)
 * and TypeScript's `tsc`.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** A pinned tool: where its command line script is, and its version. */
export interface Tool {
  /** The npm package. */
  readonly name: string;
  /** Its installed version. */
  readonly version: string;
  /** Its command line script, a JavaScript file run with `node`. */
  readonly script: string;
}

function readVersion(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

/** `@kubernetes-models/crd-generate`. Its `exports` map has only the main module (`dist/index.js`); the script and package.json sit beside `dist/`. */
export function crdGenerate(): Tool {
  const home = join(dirname(require.resolve("@kubernetes-models/crd-generate")), "..");
  return { name: "@kubernetes-models/crd-generate", version: readVersion(join(home, "package.json")), script: join(home, "bin", "crd-generate.js") };
}

/** `typescript` (`tsc`). */
export function typescript(): Tool {
  const packageJson = require.resolve("typescript/package.json");
  return { name: "typescript", version: readVersion(packageJson), script: join(dirname(packageJson), "bin", "tsc") };
}

/** A tool run that failed: its command, exit status and output, for the internal error. */
export class ToolFailedError extends Error {
  constructor(tool: Tool, args: readonly string[], detail: string) {
    super(`${tool.name} ${tool.version} failed (${[tool.script, ...args].join(" ")}):\n${detail}`);
    this.name = "ToolFailedError";
  }
}

/**
 * Runs a tool's script with the current Node in `cwd` and returns its
 * standard output.
 *
 * @throws {ToolFailedError} when it exits with another status than 0.
 */
export function runTool(tool: Tool, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tool.script, ...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new ToolFailedError(tool, args, `${error.message}\n${stdout}${stderr}`.trim()));
    });
  });
}
