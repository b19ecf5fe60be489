/**
 * The benchmark scripts still run end to end, on a workload of two apps per
 * cluster: every operation is run and checked by the script's own verifiers
 * (a run that did not do its work fails the script), and the report holds
 * every operation and target. No figure is asserted: timing is the
 * scripts' output, not a test.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { OPERATION_IDS } from "./report.ts";

const run = promisify(execFile);

/** Runs a script of this folder with the Node of this process and returns its stdout. */
async function runScript(script: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

describe("pnpm bench", () => {
  it("measures and verifies every operation on a small workload", async () => {
    const report = JSON.parse(await runScript("gen.ts", ["--apps", "2", "--json"])) as {
      workload: { objects: number };
      operations: { id: string; wallSeconds: { runs: number[] }; peakRssMB: number }[];
      targets: { operation: string; description: string; met: boolean }[];
    };
    expect(report.workload.objects).toBe(20);
    expect(report.operations.map((operation) => operation.id).sort()).toEqual(Object.values(OPERATION_IDS).sort());
    for (const operation of report.operations) {
      expect(operation.wallSeconds.runs.length, operation.id).toBeGreaterThan(0);
      expect(operation.peakRssMB, operation.id).toBeGreaterThan(0);
    }
    // The five targets: cold gen (wall, memory, cdk8s ratio), unchanged gen and gen --check.
    expect(report.targets.map((target) => target.operation).sort()).toEqual(
      [OPERATION_IDS.genCheck, OPERATION_IDS.genCold, OPERATION_IDS.genCold, OPERATION_IDS.genCold, OPERATION_IDS.genUnchanged].sort(),
    );
  });
});

describe("pnpm bench:warm-up", () => {
  it("renders the project cold, primed and warm, side by side with cdk8s", async () => {
    const table = await runScript("warm-up.ts", ["--apps", "2", "--rounds", "1"]);
    expect(table).toMatch(/^Renders of 2 apps × 2 clusters \(20 objects\), 1 rounds; medians\. cdk8s synth: [\d.]+ s\.$/m);
    for (const state of ["cold", "primed", "warm"]) expect(table).toMatch(new RegExp(`^\\| ${state} \\| [\\d.]+ s \\| [\\d.]+ s \\| [\\d.]+ s \\| [\\d.]+× \\|$`, "m"));
  });
});
