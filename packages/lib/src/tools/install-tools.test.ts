import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createProject } from "../../test/project-fixture.ts";
import { compareVersions, installTools, resolveTool, toolPath } from "./install-tools.ts";
import { PINNED_TOOLS, type ToolName } from "./versions.ts";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

describe("the pinned tools", () => {
  beforeAll(async () => {
    // Builds what is missing (minutes on a fresh machine), reuses the rest.
    await installTools(repoRoot);
  }, 1_800_000);

  it.each(PINNED_TOOLS.map((tool) => [tool.name, tool.version] as const))("%s is installed at %s and runs", (name, version) => {
    const tool = PINNED_TOOLS.find((candidate) => candidate.name === name)!;
    const path = resolveTool(repoRoot, name as ToolName);
    expect(path).toBe(toolPath(repoRoot, tool));
    const output = execFileSync(path, [...tool.versionArgs], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(output).toContain(version.replace(/^v/, ""));
  });

  it("reuses installed tools without building or touching the network", async () => {
    const started = Date.now();
    const results = await installTools(repoRoot);
    expect(results.map((result) => result.outcome)).toEqual(PINNED_TOOLS.map(() => "present"));
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("tools install when a prerequisite is missing", () => {
  it("exits 2 and says what to install", () => {
    const project = createProject();
    try {
      const result = project.cli(["tools", "install"], { PATH: dirname(process.execPath) });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("go: Go is not installed (no `go` command on PATH)");
      expect(result.stderr).toContain("hint: install Go 1.26.2 or newer");
    } finally {
      project.remove();
    }
  });

  it("says when the Go module proxy cannot be reached", () => {
    const project = createProject();
    try {
      const result = project.cli(["tools", "install"], {
        GOPROXY: "http://127.0.0.1:9",
        GOMODCACHE: join(project.root, "empty-module-cache"),
        GOFLAGS: "-modcacherw",
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("cannot download the module: the Go module proxy is not reachable");
      expect(result.stderr).toContain("hint: check the network connection to the Go module proxy (see `go env GOPROXY`)");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      project.remove();
    }
  });

  it("resolveTool names the command that installs a missing tool", () => {
    const project = createProject();
    try {
      expect(() => resolveTool(project.root, "kubeconform")).toThrow(/kubeconform v0\.7\.0 is not installed\n {2}hint: run `pnpm tools install`/);
    } finally {
      project.remove();
    }
  });
});

describe("compareVersions", () => {
  it.each([
    ["1.26.2", "1.26.2", 0],
    ["1.26.8", "1.26.2", 1],
    ["1.26", "1.26.2", -1],
    ["1.27rc1", "1.26.2", 1],
  ])("compares %s with %s", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
