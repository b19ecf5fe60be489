import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createProject, LIB_URL, modelUrl, syntheticCluster, type Project } from "../../../test/project-fixture.ts";

let project: Project;

beforeEach(() => {
  project = createProject();
  project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 3));
  project.write("clusters/beta/cluster.ts", syntheticCluster("beta", 2));
});

afterEach(() => project.remove());

function gen(...args: string[]) {
  return project.cli(["gen", ...args]);
}

describe("gen", () => {
  it("renders every cluster and reports what it wrote", () => {
    const result = gen();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "alpha  18 added, 0 changed, 0 removed, 0 unchanged (18 files in generated/alpha)\n" +
        "beta   13 added, 0 changed, 0 removed, 0 unchanged (13 files in generated/beta)\n",
    );
    expect([...project.tree("alpha").keys()]).toEqual([
      ".gen-inventory",
      "ARCHITECTURE.md",
      "apps/app-0/configmap-settings.yaml",
      "apps/app-0/deployment-app.yaml",
      "apps/app-0/kustomization.yaml",
      "apps/app-0/namespace-app-0.yaml",
      "apps/app-0/networkpolicy-default-deny.yaml",
      "apps/app-1/configmap-settings.yaml",
      "apps/app-1/deployment-app.yaml",
      "apps/app-1/kustomization.yaml",
      "apps/app-1/namespace-app-1.yaml",
      "apps/app-1/networkpolicy-default-deny.yaml",
      "apps/app-2/configmap-settings.yaml",
      "apps/app-2/deployment-app.yaml",
      "apps/app-2/kustomization.yaml",
      "apps/app-2/namespace-app-2.yaml",
      "apps/app-2/networkpolicy-default-deny.yaml",
      "apps/kustomization.yaml",
      "kustomization.yaml",
    ]);
  });

  it("renders only the clusters named on the command line", () => {
    const result = gen("beta");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^beta {2}13 added/);
    expect(existsSync(join(project.root, "generated/alpha"))).toBe(false);
  });

  it("rejects an unknown cluster name with the list of known ones", () => {
    const result = gen("gamma");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('clusters/: no cluster named "gamma"\n  hint: known clusters: alpha, beta');
  });

  it("rewrites nothing when nothing changed: same bytes, same inodes, same mtimes", () => {
    expect(gen().status).toBe(0);
    const file = join(project.root, "generated/alpha/apps/app-1/deployment-app.yaml");
    const before = statSync(file);
    const second = gen();
    expect(second.status).toBe(0);
    expect(second.stdout).toBe("alpha  unchanged (18 files in generated/alpha)\nbeta   unchanged (13 files in generated/beta)\n");
    const after = statSync(file);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it("keeps unchanged files (and their mtimes) when other files change", () => {
    expect(gen().status).toBe(0);
    const untouched = join(project.root, "generated/alpha/apps/app-0/deployment-app.yaml");
    const before = statSync(untouched);
    project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 2, "b"));
    const result = gen("alpha");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("alpha  0 added, 4 changed, 5 removed, 9 unchanged (13 files in generated/alpha)\n");
    expect(statSync(untouched).mtimeMs).toBe(before.mtimeMs);
    expect(existsSync(join(project.root, "generated/alpha/apps/app-2"))).toBe(false);
    expect(readFileSync(join(project.root, "generated/alpha/apps/app-0/configmap-settings.yaml"), "utf8")).toContain("variant: b");
  });

  it("stops without writing when the tree holds a file it did not write", () => {
    expect(gen().status).toBe(0);
    project.write("generated/alpha/apps/notes.md", "mine\n");
    project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 1, "b"));
    const result = gen("alpha");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("generated/alpha: 1 file(s) not written by gen (not in .gen-inventory): apps/notes.md");
    expect(result.stderr).toContain("hint: generated/alpha/ is output only: move these files out of it");
    expect(readFileSync(join(project.root, "generated/alpha/apps/notes.md"), "utf8")).toBe("mine\n");
    expect(existsSync(join(project.root, "generated/alpha/apps/app-2/deployment-app.yaml"))).toBe(true);
  });

  it.each([
    {
      when: "any cluster has a problem, not even those rendered before it",
      breakBeta: () => project.write("clusters/beta/cluster.ts", "export default (;\n"),
      reported: (stderr: string) => expect(stderr).toMatch(/^clusters\/beta\/cluster\.ts: failed to load: /),
    },
    {
      when: "another cluster's tree holds a file gen did not write",
      breakBeta: () => project.write("generated/beta/notes.md", "mine\n"),
      reported: (stderr: string) => expect(stderr).toContain("generated/beta: 1 file(s) not written by gen"),
    },
  ])("writes no tree when $when", ({ breakBeta, reported }) => {
    expect(gen().status).toBe(0);
    const before = project.tree("alpha");
    project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 1, "b"));
    breakBeta();
    const result = gen();
    expect(result.status).toBe(1);
    reported(result.stderr);
    expect(project.tree("alpha")).toEqual(before);
    expect(readdirSync(join(project.root, "generated")).sort()).toEqual(["alpha", "beta"]);
  });

  it("removes the tree of a cluster that no longer exists", () => {
    expect(gen().status).toBe(0);
    rmSync(join(project.root, "clusters/beta"), { recursive: true });
    const result = gen();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("beta  removed generated/beta/ (no such cluster any more)");
    expect(existsSync(join(project.root, "generated/beta"))).toBe(false);
  });

  it("reports definition errors with the file, the field path and no stack trace", () => {
    project.write(
      "clusters/alpha/cluster.ts",
      `import { defineCluster } from ${JSON.stringify(
        new URL("../../index.ts", import.meta.url).href,
      )};\nexport default defineCluster({ name: "alpha", components: { "Apps/../x": [] }, replicas: 3 } as never);\n`,
    );
    const result = gen("alpha");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('clusters/alpha: components["Apps/../x"]: invalid folder: segment "Apps": "Apps" is not a DNS-1123 label');
    expect(result.stderr).toContain('clusters/alpha: unknown field "replicas"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("points each problem about an object at the line of TypeScript that declared it", () => {
    project.write(
      "apps/web.ts",
      [
        `import { ConfigMap } from ${JSON.stringify(modelUrl("v1/ConfigMap"))};`,
        `import { Deployment } from ${JSON.stringify(modelUrl("apps/v1/Deployment"))};`,
        "export function web() {",
        "  return [",
        '    new ConfigMap({ metadata: { name: "web", namespace: "web" } }),',
        '    new Deployment({ metadata: { name: "web", namespace: "web" }, spec: { replicas: "2" as unknown as number, selector: {}, template: {} } }),',
        "  ];",
        "}",
        "",
      ].join("\n"),
    );
    project.write(
      "clusters/alpha/cluster.ts",
      `import { defineCluster } from ${JSON.stringify(LIB_URL)};\nimport { web } from "../../apps/web.ts";\nexport default defineCluster({ name: "alpha", components: { "apps/web": web() } });\n`,
    );
    const invalid = gen("alpha");
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain(
      'clusters/alpha: components["apps/web"]: Deployment web/web: spec.replicas: must be integer\n  declared at: apps/web.ts:6:5\n',
    );
    // Once every object is valid, the graph checks run and point at the source too.
    const source = readFileSync(join(project.root, "apps/web.ts"), "utf8");
    project.write("apps/web.ts", source.replace('"2" as unknown as number', "2"));
    const dangling = gen("alpha");
    expect(dangling.status).toBe(1);
    expect(dangling.stderr).toContain(
      'clusters/alpha: components["apps/web"]: ConfigMap web/web: namespace "web" is not created by any component of cluster alpha\n  declared at: apps/web.ts:5:5\n',
    );
  });

  it("reports the problems of every cluster, also those rendered in parallel", () => {
    project.write("clusters/alpha/cluster.ts", "export default (;\n");
    project.write(
      "clusters/beta/cluster.ts",
      `import { defineCluster } from ${JSON.stringify(LIB_URL)};\nexport default defineCluster({ name: "beta", components: {}, replica: 1 } as never);\n`,
    );
    const result = gen();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^clusters\/alpha\/cluster\.ts: failed to load: /);
    expect(result.stderr).toContain('clusters/beta: unknown field "replica"');
    expect(result.stderr).toContain("2 problems found.");
  });

  it("refuses a credential in a ConfigMap, even with --no-validate, without printing it", () => {
    const key = `AKIA${Array.from({ length: 16 }, (_, i) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[(i * 7 + 3) % 32]).join("")}`;
    project.write(
      "clusters/alpha/cluster.ts",
      [
        `import { defineCluster } from ${JSON.stringify(LIB_URL)};`,
        `import { Namespace } from ${JSON.stringify(modelUrl("v1/Namespace"))};`,
        `import { ConfigMap } from ${JSON.stringify(modelUrl("v1/ConfigMap"))};`,
        "export default defineCluster({ name: \"alpha\", components: { \"apps/web\": [",
        '  new Namespace({ metadata: { name: "web" } }),',
        `  new ConfigMap({ metadata: { name: "settings", namespace: "web" }, data: { AWS_ACCESS_KEY_ID: ${JSON.stringify(key)} } }),`,
        "] } });",
        "",
      ].join("\n"),
    );
    for (const args of [["alpha"], ["alpha", "--no-validate"]]) {
      const result = gen(...args);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("generated/alpha/apps/web/configmap-settings.yaml: ConfigMap web/settings: data.AWS_ACCESS_KEY_ID: holds an AWS access key ID [secret-scan aws-access-key-id]");
      expect(result.stderr).toContain("declared at: clusters/alpha/cluster.ts:6:3");
      expect(result.stderr + result.stdout).not.toContain(key.slice(4));
    }
    expect(existsSync(join(project.root, "generated/alpha"))).toBe(false);
  });

  it("reports a cluster file that fails to load, naming the file", () => {
    project.write("clusters/alpha/cluster.ts", "export default (;\n");
    const result = gen("alpha");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^clusters\/alpha\/cluster\.ts: failed to load: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("answers a wrong option with exit code 2 and a pointer to --help", () => {
    const result = gen("--frobnicate");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Run `typed-gitops gen --help` for usage.");
  });
});

describe("the render cache", () => {
  it("answers unchanged without loading the definitions until an input changes", () => {
    // Outside the project: a file the definitions write must not be one of their inputs.
    const counter = join(mkdtempSync(join(tmpdir(), "typed-gitops-evaluations-")), "evaluations.log");
    const source = (value: string) =>
      [
        `import { appendFileSync, readFileSync } from "node:fs";`,
        `import { defineCluster } from ${JSON.stringify(LIB_URL)};`,
        `import { ConfigMap } from ${JSON.stringify(modelUrl("v1/ConfigMap"))};`,
        `appendFileSync(${JSON.stringify(counter)}, "x");`,
        `const value = readFileSync(new URL("./value.txt", import.meta.url), "utf8");`,
        'export default defineCluster({ name: "alpha", preexisting: { namespaces: ["web"] }, components: { "apps/web": [new ConfigMap({ metadata: { name: "v", namespace: "web" }, data: { value } })] } });',
        "",
      ].join("\n") + `// ${value}\n`;
    rmSync(join(project.root, "clusters/beta"), { recursive: true });
    project.write("clusters/alpha/cluster.ts", source("1"));
    project.write("clusters/alpha/value.txt", "one");
    const evaluations = () => (existsSync(counter) ? readFileSync(counter, "utf8").length : 0);

    expect(gen().status).toBe(0);
    expect(evaluations()).toBe(1);
    expect(gen().stdout).toBe("alpha  unchanged (5 files in generated/alpha)\n");
    expect(gen("--check").status).toBe(0);
    expect(evaluations()).toBe(1);

    expect(gen("--no-cache").status).toBe(0);
    expect(evaluations()).toBe(2);

    project.write("clusters/alpha/value.txt", "two");
    const check = gen("--check");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("+  value: two");
    expect(evaluations()).toBe(3);
    expect(gen().status).toBe(0);
    expect(readFileSync(join(project.root, "generated/alpha/apps/web/configmap-v.yaml"), "utf8")).toContain("value: two");
  });

  it("keys the cache by the inputs as they were before rendering, so an input changed meanwhile is a miss", () => {
    const log = join(project.root, "clusters/alpha/renders.log");
    project.write(
      "clusters/alpha/cluster.ts",
      [
        `import { appendFileSync } from "node:fs";`,
        `import { defineCluster } from ${JSON.stringify(LIB_URL)};`,
        `appendFileSync(${JSON.stringify(log)}, "x");`,
        'export default defineCluster({ name: "alpha", components: {} });',
        "",
      ].join("\n"),
    );
    rmSync(join(project.root, "clusters/beta"), { recursive: true });
    expect(gen().status).toBe(0);
    expect(gen().status).toBe(0);
    // The second run loaded the definition again: the first changed an input after its key was taken.
    expect(readFileSync(log, "utf8")).toBe("xx");
  });

  it("still catches a hand edit made after a cached render", () => {
    expect(gen().status).toBe(0);
    expect(gen().status).toBe(0);
    const file = join(project.root, "generated/alpha/apps/app-0/configmap-settings.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("variant: a", "variant: z"));
    expect(gen("--check").status).toBe(1);
    expect(gen().stdout).toContain("alpha  0 added, 1 changed");
  });
});

describe("gen determinism", () => {
  it("gives byte-identical trees in another time zone and locale, with components listed in another order", () => {
    expect(gen().status).toBe(0);
    const other = createProject();
    try {
      other.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 3, "a", "backward"));
      other.write("clusters/beta/cluster.ts", syntheticCluster("beta", 2, "a", "backward"));
      const result = other.cli(["gen"], { TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" });
      expect(result.status, result.stderr).toBe(0);
      expect(other.tree("alpha")).toEqual(project.tree("alpha"));
      expect(other.tree("beta")).toEqual(project.tree("beta"));
    } finally {
      other.remove();
    }
  });
});

describe("gen --check", () => {
  beforeEach(() => {
    expect(gen().status).toBe(0);
  });

  it("exits 0 when generated/ matches the definitions", () => {
    const result = gen("--check");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("generated/ is up to date (alpha: 18 files, beta: 13 files)\n");
  });

  it("catches a hand edit and prints a unified diff and the fix", () => {
    const file = join(project.root, "generated/alpha/apps/app-1/configmap-settings.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("variant: a", "variant: edited"));
    const result = gen("--check");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("alpha:\n  changed  generated/alpha/apps/app-1/configmap-settings.yaml\n");
    expect(result.stdout).toContain("--- a/generated/alpha/apps/app-1/configmap-settings.yaml");
    expect(result.stdout).toContain("+++ b/generated/alpha/apps/app-1/configmap-settings.yaml");
    expect(result.stdout).toContain("-  variant: edited\n+  variant: a\n");
    expect(result.stdout).toContain("Run `pnpm gen` and commit the result.");
  });

  it("catches a stray file", () => {
    project.write("generated/beta/apps/extra.yaml", "kind: Secret\n");
    const result = gen("--check");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("beta:\n  stale    generated/beta/apps/extra.yaml\n");
  });

  it("catches a deleted file", () => {
    unlinkSync(join(project.root, "generated/beta/apps/app-0/deployment-app.yaml"));
    const result = gen("--check");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("beta:\n  missing  generated/beta/apps/app-0/deployment-app.yaml\n");
  });

  it("catches a definition change that was not rendered, and names the cluster in the fix", () => {
    project.write("clusters/beta/cluster.ts", syntheticCluster("beta", 3));
    const result = gen("--check", "beta");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("  missing  generated/beta/apps/app-2/deployment-app.yaml\n");
    expect(result.stdout).toContain("  changed  generated/beta/apps/kustomization.yaml\n");
    expect(result.stdout).toContain("Run `pnpm gen beta` and commit the result.");
  });

  it("catches a tree left by a cluster that was removed", () => {
    rmSync(join(project.root, "clusters/beta"), { recursive: true });
    const result = gen("--check");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("beta: generated/beta/ belongs to no cluster under clusters/");
  });

  it("writes nothing", () => {
    project.write("generated/beta/apps/extra.yaml", "x: 1\n");
    const before = project.tree("beta");
    expect(gen("--check").status).toBe(1);
    expect(project.tree("beta")).toEqual(before);
  });
});
