import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createProject, syntheticCluster, type Project } from "../../../test/project-fixture.ts";

let project: Project;

beforeEach(() => {
  project = createProject();
  project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 2));
});

afterEach(() => project.remove());

interface CheckJson {
  upToDate: boolean;
  cached: boolean;
  clusters: { cluster: string; files: number; upToDate: boolean; changed: { path: string; diff: string }[]; missing: string[]; stale: string[]; inventoryChanged: boolean }[];
  orphaned: string[];
  fix: string | null;
}

describe("check", () => {
  it("exits 0 when generated/ holds what the definitions render, the same as gen --check", () => {
    expect(project.cli(["gen"]).status).toBe(0);
    const check = project.cli(["check"]);
    expect(check.status).toBe(0);
    expect(check.stdout).toBe("generated/ is up to date (alpha: 13 files)\n");
    expect(project.cli(["gen", "--check"]).stdout).toBe(check.stdout);
  });

  it("reports drift as JSON: each file, its diff and the command that fixes it, with exit code 1", () => {
    expect(project.cli(["gen"]).status).toBe(0);
    const file = join(project.root, "generated/alpha/apps/app-1/configmap-settings.yaml");
    project.write("generated/alpha/apps/app-1/configmap-settings.yaml", readFileSync(file, "utf8").replace("index: \"1\"", "index: \"9\""));
    project.write("generated/alpha/apps/notes.yaml", "stray\n");
    const result = project.cli(["check", "--json"]);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as CheckJson;
    expect(json.upToDate).toBe(false);
    expect(json.fix).toBe("pnpm gen");
    expect(json.clusters[0]).toMatchObject({ cluster: "alpha", upToDate: false, missing: [], stale: ["generated/alpha/apps/notes.yaml"], inventoryChanged: false });
    expect(json.clusters[0]!.changed.map((entry) => entry.path)).toEqual(["generated/alpha/apps/app-1/configmap-settings.yaml"]);
    expect(json.clusters[0]!.changed[0]!.diff).toContain('-  index: "9"\n+  index: "1"');
    expect(project.cli(["gen", "--check", "--json"]).stdout).toBe(result.stdout);
  });

  it("answers from the render cache when nothing changed, and says so in JSON", () => {
    expect(project.cli(["gen"]).status).toBe(0);
    const cached = JSON.parse(project.cli(["check", "--json"]).stdout) as CheckJson;
    expect(cached).toMatchObject({ upToDate: true, cached: true, clusters: [{ cluster: "alpha", files: 13, upToDate: true }], fix: null });
    const rendered = JSON.parse(project.cli(["check", "--json", "--no-cache"]).stdout) as CheckJson;
    expect(rendered).toMatchObject({ upToDate: true, cached: false });
  });

  it("catches an architecture page that no longer matches the definitions", () => {
    expect(project.cli(["gen"]).status).toBe(0);
    project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 3));
    const result = project.cli(["check"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("  changed  generated/alpha/ARCHITECTURE.md\n");
    expect(result.stdout).toContain("Run `pnpm gen` and commit the result.");
  });

  it("prints no colour when stdout is not a terminal, even without NO_COLOR", () => {
    expect(project.cli(["gen"]).status).toBe(0);
    project.write("generated/alpha/apps/notes.yaml", "stray\n");
    const result = project.cli(["check"], { NO_COLOR: "", FORCE_COLOR: "1" });
    expect(result.stdout).not.toContain("\u001b[");
  });

  it("answers usage mistakes with exit code 2", () => {
    const json = project.cli(["gen", "--json"]);
    expect(json.status).toBe(2);
    expect(json.stderr).toContain("--json goes with --check");
    expect(project.cli(["check", "--jsn"]).status).toBe(2);
    expect(project.cli(["gen", "--watch", "--check"]).status).toBe(2);
  });
});
