/**
 * `gen --watch` as a user runs it: the real CLI in a child process renders,
 * then renders again after a definition changes (in a fresh process, so the
 * new module is loaded), shows a broken definition's errors and keeps
 * watching, ignores files no cluster uses, and stops cleanly on Ctrl-C.
 */
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, syntheticCluster, type Project } from "../../../test/project-fixture.ts";

let project: Project;
let watcher: ChildProcess;
let output = "";

/** Waits until the output after `from` matches `pattern`; returns the output from `from` on. */
async function waitFor(pattern: RegExp, from: number, timeoutMs = 60_000): Promise<string> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const seen = output.slice(from);
    if (pattern.test(seen)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${pattern}; output so far:\n${output}`);
}

beforeAll(async () => {
  project = createProject();
  project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 2, "a"));
  project.write("clusters/beta/cluster.ts", syntheticCluster("beta", 1, "a"));
  watcher = project.spawnCli(["gen", "--watch", "--no-validate"]);
  watcher.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  watcher.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  await waitFor(/watching clusters\/ \(Ctrl-C to stop\)\n/, 0);
}, 120_000);

afterAll(() => {
  if (watcher.exitCode === null) watcher.kill("SIGKILL");
  project.remove();
});

describe("gen --watch", () => {
  it("renders every cluster when it starts", () => {
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\] start → rendering alpha, beta\n/);
    expect(output).toContain("  alpha  13 added, 0 changed, 0 removed, 0 unchanged (13 files in generated/alpha)\n");
    expect(output).toContain("  alpha: 8 added\n    + ConfigMap app-0/settings\n");
  });

  it("renders again only the cluster a change affects, and shows what changed object by object", async () => {
    const from = output.length;
    project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 2, "b"));
    const seen = await waitFor(/rendered in [\d.]+ s\. Waiting for changes…\n/, from);
    expect(seen).toMatch(/\] clusters\/alpha\/cluster\.ts → rendering alpha\n/);
    expect(seen).toContain("  alpha  0 added, 2 changed, 0 removed, 11 unchanged (13 files in generated/alpha)\n");
    expect(seen).toContain("    ~ ConfigMap app-0/settings\n        data.variant: a → b\n");
    expect(seen).not.toContain("beta");
    expect(readFileSync(join(project.root, "generated/alpha/apps/app-0/configmap-settings.yaml"), "utf8")).toContain("variant: b");
  });

  it("shows a broken definition's errors inline and keeps watching", async () => {
    let from = output.length;
    project.write("clusters/beta/cluster.ts", "export default (;\n");
    let seen = await waitFor(/render failed \(exit 1\) after [\d.]+ s; generated\/ is unchanged\. Waiting for the next change…\n/, from);
    expect(seen).toContain("  clusters/beta/cluster.ts: failed to load: ");
    from = output.length;
    project.write("clusters/beta/cluster.ts", syntheticCluster("beta", 2, "a"));
    seen = await waitFor(/rendered in [\d.]+ s\. Waiting for changes…\n/, from);
    expect(seen).toContain("  beta: 4 added\n");
  });

  it("renders nothing for a file no cluster uses, also in a folder created after it started", async () => {
    const from = output.length;
    project.write("apps/notes.ts", "export const notes = 1;\n");
    const seen = await waitFor(/apps\/notes\.ts: no watched cluster uses it; nothing to render\n/, from);
    expect(seen).not.toContain("rendering");
  });

  it("renders every cluster, in a fresh process, when the dependencies change", async () => {
    const from = output.length;
    project.write("package.json", `{ "name": "watched", "private": true }\n`);
    const seen = await waitFor(/rendered in [\d.]+ s\. Waiting for changes…\n/, from);
    expect(seen).toMatch(/\] package\.json → rendering alpha, beta\n/);
  });

  it("stops cleanly on Ctrl-C (SIGINT) with exit code 0", async () => {
    const from = output.length;
    const exited = new Promise<number | null>((resolve) => watcher.on("exit", (code) => resolve(code)));
    watcher.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output.slice(from)).toBe("stopped watching.\n");
  });
});
