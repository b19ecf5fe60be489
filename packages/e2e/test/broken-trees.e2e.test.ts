/**
 * Trees broken on purpose must fail, with the controller's own message: a
 * Flux Kustomization whose path does not exist, and an object that the API
 * server rejects by a CEL rule of its CRD (Flux's HelmRelease:
 * "either chart or chartRef must be set"). Then the intact tree recovers.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2EHarness, passed } from "../src/harness.ts";
import { prepareTinyPlatform, type PreparedProject } from "../src/project/fixtures.ts";
import { editFluxKustomizations, yamlFiles } from "../src/tree/stage-tree.ts";
import { explain, logTimings, makeRunDir } from "./support.ts";

const run = makeRunDir("broken");
let harness: E2EHarness;
let project: PreparedProject;

beforeAll(async () => {
  project = await prepareTinyPlatform(join(run.dir, "project"));
  harness = await E2EHarness.start({ cluster: project.cluster, runDir: join(run.dir, "run"), ageKeyFile: project.ageKeyFile });
});

afterAll(async () => {
  await harness?.stop();
  run.remove();
});

describe("a broken tree", () => {
  it("fails when a Flux Kustomization points at a missing path, reporting the controller's message", async () => {
    const report = await harness.reconcile(project.root, {
      edit: (staged) => {
        for (const file of yamlFiles(join(staged.root, "generated", staged.cluster, "flux-system"))) {
          editFluxKustomizations(file, (kustomization) => {
            if (kustomization.metadata.name !== "apps") return false;
            kustomization.spec.path = `./generated/${staged.cluster}/no-such-folder`;
            return true;
          });
        }
      },
    });
    logTimings("missing path", harness, report);
    expect(passed(report)).toBe(false);
    expect(report.outcome.end, explain(harness, report)).toBe("failed");
    const apps = report.outcome.states.find((state) => state.id === "flux-system/apps");
    expect(apps?.ready).toBe("False");
    expect(apps?.message).toMatch(/kustomization path not found.*no-such-folder/);
    expect(report.outcome.notReady.join("\n")).toContain("flux-system/apps: Ready=False");
  });

  it("fails when the API server rejects an object by a CRD's CEL rule, reporting the rule's message", async () => {
    const report = await harness.reconcile(project.root, {
      edit: (staged) => {
        const file = join(staged.root, "generated", staged.cluster, "infrastructure", "controllers", "redis", "helmrelease-redis.yaml");
        const text = readFileSync(file, "utf8");
        // drop spec.chart (and set no chartRef): the HelmRelease CRD's rule
        // `(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))` rejects it
        const broken = text.replace(/^ {2}chart:\n(?: {4}.*\n)+/m, "");
        expect(broken).not.toBe(text);
        writeFileSync(file, broken);
      },
    });
    logTimings("CEL rule", harness, report);
    expect(passed(report)).toBe(false);
    expect(report.outcome.end, explain(harness, report)).toBe("failed");
    const controllers = report.outcome.states.find((state) => state.id === "flux-system/infra-controllers");
    expect(controllers?.ready).toBe("False");
    expect(controllers?.message).toMatch(/HelmRelease\/redis\/redis.*either chart or chartRef must be set/s);
    // what depends on it does not go ahead
    expect(report.outcome.states.find((state) => state.id === "flux-system/infra-configs")?.reason).toBe("DependencyNotReady");
  });

  it("recovers when the intact tree is served again", async () => {
    const report = await harness.reconcile(project.root);
    logTimings("recovery", harness, report);
    expect(passed(report), explain(harness, report)).toBe(true);
  });
});
