/**
 * Running sops, age-keygen and kubeseal through execa in an isolated
 * environment: only the variables passed here reach the tool, and `HOME`
 * is an empty private folder, so no key, config or credential of the user's
 * environment changes what the tool does. Secret values only ever travel on
 * stdin and stdout, never as arguments, and failures are described from the
 * tool's stderr alone (never from its stdout, which may hold plaintext).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { UserError } from "../errors/user-error.ts";

/** Options of {@link runTool}. */
export interface RunToolOptions {
  /**
   * What the tool reads on stdin.
   * @default nothing (stdin is empty)
   */
  readonly input?: string | Uint8Array;
  /**
   * Environment variables the tool gets, besides `HOME` and
   * `XDG_CONFIG_HOME` (an empty private folder).
   * @default none
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Where a failure is reported: usually the file concerned, relative to the project root. */
  readonly where: string;
  /** What failed, as the start of the message, e.g. `cannot decrypt`. */
  readonly failure: string;
  /**
   * How to fix a failure.
   * @default none
   */
  readonly hint?: string;
}

/** The most lines of the tool's stderr that a failure message quotes. */
const STDERR_LINES = 12;

/** Returns the last lines of a tool's stderr, indented under the message. */
function summarize(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
  return lines.slice(-STDERR_LINES).map((line) => `    ${line}`).join("\n");
}

/**
 * Runs a tool and returns its stdout as text, exactly (no newline
 * stripped).
 *
 * @param binary - the tool's path, from `resolveTool`.
 * @throws {UserError} when the tool exits with an error or is killed,
 *   quoting its stderr (never its stdout or its input).
 */
export async function runTool(binary: string, args: readonly string[], options: RunToolOptions): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), "typed-gitops-tool-home-"));
  try {
    // Loaded on first use: execa is a large module that rendering never needs.
    const { execa } = await import("execa");
    const result = await execa(binary, [...args], {
      input: options.input ?? "",
      env: { ...options.env, HOME: home, XDG_CONFIG_HOME: home },
      extendEnv: false,
      reject: false,
      stripFinalNewline: false,
      encoding: "utf8",
      verbose: "none",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.failed) {
      const cause =
        result.signal !== undefined
          ? `${basename(binary)} was killed by ${result.signal}`
          : result.exitCode !== undefined
            ? `${basename(binary)} exited with code ${result.exitCode}`
            : `${basename(binary)} did not start: ${result.code ?? result.originalMessage ?? "unknown error"}`;
      const detail = summarize(result.stderr);
      throw new UserError({
        where: options.where,
        what: `${options.failure} (${cause})${detail === "" ? "" : `:\n${detail}`}`,
        ...(options.hint === undefined ? {} : { hint: options.hint }),
      });
    }
    return result.stdout;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
