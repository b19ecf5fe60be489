/**
 * What happens to generated/ when gen is killed mid-write or two runs
 * race: the tree is always the complete old tree or the complete new one.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, readTree, syntheticCluster, type Project } from "../../test/project-fixture.ts";

const APPS = 400;
const CLUSTER = "big";

let project: Project;
let treeA: Map<string, string>;
let treeB: Map<string, string>;

function useVariant(variant: "a" | "b"): void {
  project.write(`clusters/${CLUSTER}/cluster.ts`, syntheticCluster(CLUSTER, APPS, variant));
}

function genTo(variant: "a" | "b"): void {
  useVariant(variant);
  const result = project.cli(["gen", "--no-validate"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}

function leftovers(): string[] {
  return readdirSync(join(project.root, "generated")).filter((name) => name.startsWith("."));
}

function sameTree(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, content] of a) if (b.get(path) !== content) return false;
  return true;
}

beforeAll(() => {
  project = createProject();
  genTo("b");
  treeB = project.tree(CLUSTER);
  genTo("a");
  treeA = project.tree(CLUSTER);
  expect(treeA.size).toBe(treeB.size);
  expect(sameTree(treeA, treeB)).toBe(false);
});

afterAll(() => project.remove());

describe("a gen that is killed", () => {
  it("leaves the old tree or the new tree, never a mix, at every point of the write", async () => {
    const outcomes: string[] = [];
    const staging = join(project.root, "generated", `.${CLUSTER}.staging`);
    // Kill delays after the staging folder appears: from immediately to after the swap.
    const delays = [0, 5, 10, 20, 40, 60, 90, 130, 180, 250, 400, 700];
    for (const delay of delays) {
      genTo("a");
      useVariant("b");
      const child = project.spawnCli(["gen", "--no-validate"]);
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      let done = false;
      void exited.then(() => (done = true));
      // Wait for the write phase to begin, polling without blocking the event loop for long.
      while (!done && !existsSync(staging)) await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill("SIGKILL");
      const signal = await exited;

      const target = join(project.root, "generated", CLUSTER);
      let outcome: string;
      if (existsSync(target)) {
        const tree = readTree(target);
        outcome = sameTree(tree, treeA) ? "old" : sameTree(tree, treeB) ? "new" : "mixed";
      } else {
        // Killed between the two renames: the old tree waits, complete, beside it.
        const previous = readTree(join(project.root, "generated", `.${CLUSTER}.previous`));
        outcome = sameTree(previous, treeA) ? "old (set aside)" : "lost";
      }
      outcomes.push(`${delay}ms: ${signal === "SIGKILL" ? "killed" : "finished"}, ${outcome}`);
      expect(outcome === "old" || outcome === "new" || outcome === "old (set aside)", outcomes.join("\n")).toBe(true);

      // The next run recovers and completes.
      const next = project.cli(["gen", "--no-validate"]);
      expect(next.status, next.stderr).toBe(0);
      expect(sameTree(project.tree(CLUSTER), treeB)).toBe(true);
      expect(leftovers()).toEqual([]);
    }
    // The series must really have interrupted writes, not only finished runs.
    expect(outcomes.filter((line) => line.includes("killed")).length, outcomes.join("\n")).toBeGreaterThanOrEqual(3);
  }, 300_000);
});

describe("two gens at once", () => {
  it("both succeed, one after the other, and the tree is the new one", async () => {
    genTo("a");
    useVariant("b");
    const run = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = project.spawnCli(["gen", "--no-validate"]);
        let stdout = "";
        let stderr = "";
        child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("exit", (code) => resolve({ code, stdout, stderr }));
      });
    const [first, second] = await Promise.all([run(), run()]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    // One wrote the new tree, the other found it already written.
    const summaries = [first.stdout, second.stdout].sort();
    expect(summaries[0]).toMatch(/^big {2}0 added, \d+ changed, 0 removed, \d+ unchanged/);
    expect(summaries[1]).toMatch(/^big {2}unchanged/);
    expect(sameTree(project.tree(CLUSTER), treeB)).toBe(true);
    expect(leftovers()).toEqual([]);
  }, 120_000);
});
