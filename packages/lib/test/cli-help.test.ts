/**
 * The command line as a whole: every command answers --help with its usage,
 * examples and exit codes; usage mistakes exit 2; the top-level help names
 * every command.
 */
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.ts";
import { createProject } from "./project-fixture.ts";

const COMMANDS = ["gen", "check", "validate", "diff", "docs", "new", "secrets", "doctor", "tools", "schemas"];

function sink() {
  let text = "";
  return { write: (chunk: string) => (text += chunk), get text() { return text; }, isTTY: false };
}

async function run(args: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await main(args, { cwd: process.cwd(), stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const project = createProject();
afterAll(() => project.remove());

describe("the command line", () => {
  it.each(COMMANDS)("answers `%s --help` with its usage, examples and exit codes", async (command) => {
    const result = await run([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: typed-gitops ${command}\\b`));
    expect(result.stdout).toContain("Examples:");
    expect(result.stderr).toBe("");
  });

  it("names every command in the top-level help, with the exit codes", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`\\n  ${command} +\\S`));
    expect(result.stdout).toContain("Exit codes: 0 ok, 1 findings");
  });

  it("exits 2 on no command, an unknown command and an unknown option, pointing at --help", async () => {
    expect((await run([])).code).toBe(2);
    const unknown = await run(["deploy"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: unknown command "deploy"');
    const option = await run(["diff", "--colour"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Run `typed-gitops diff --help` for usage.");
  });

  it("exits 2 from the real binary too, with nothing on stdout", () => {
    const result = project.cli(["new", "widget", "x"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('unknown kind "widget": app or component');
  });
});
