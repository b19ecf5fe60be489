/**
 * `typed-gitops doctor` in temporary projects with the repository's pinned
 * tools and schema store linked in: a healthy project, an age key that is
 * not a recipient of its cluster, a missing key, and a PATH without pnpm,
 * Go or git.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAgeKey } from "../../secrets/age.ts";
import { installSecretTools, REPO_ROOT } from "../../secrets/test-support.ts";
import { createProject, type Project } from "../../../test/project-fixture.ts";

interface DoctorJson {
  ok: boolean;
  checks: { id: string; status: "ok" | "warn" | "fail"; summary: string; fix?: string }[];
}

let project: Project;
let recipient: string;
let otherKey: string;

beforeAll(async () => {
  await installSecretTools();
  project = createProject();
  symlinkSync(join(REPO_ROOT, ".tools"), join(project.root, ".tools"));
  mkdirSync(join(project.root, "schemas"));
  copyFileSync(join(REPO_ROOT, "schemas/sources.json"), join(project.root, "schemas/sources.json"));
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { packageManager: string };
  project.write("package.json", JSON.stringify({ name: "doctor-test", packageManager: manifest.packageManager, devDependencies: { node: process.versions.node } }));
  recipient = (await generateAgeKey(join(project.root, ".secrets/age/alpha.agekey"), { toolsRoot: REPO_ROOT })).recipient;
  otherKey = join(project.root, "other.agekey");
  await generateAgeKey(otherKey, { toolsRoot: REPO_ROOT });
  project.write("clusters/alpha/cluster.ts", `export default { name: "alpha", components: {}, secrets: { sops: { ageRecipients: [${JSON.stringify(recipient)}] } } };\n`);
  project.write("clusters/beta/cluster.ts", `export default { name: "beta", components: {} };\n`);
}, 600_000);

afterAll(() => project?.remove());

function doctor(env?: NodeJS.ProcessEnv): { status: number | null; json: DoctorJson; stdout: string } {
  const json = project.cli(["doctor", "--json"], env);
  const text = project.cli(["doctor"], env);
  expect(json.status).toBe(text.status);
  return { status: json.status, json: JSON.parse(json.stdout) as DoctorJson, stdout: text.stdout };
}

const byId = (report: DoctorJson, id: string) => report.checks.find((check) => check.id === id);

describe("doctor", () => {
  it("finds nothing wrong in a project whose pins, tools, store and keys are in place", () => {
    const { status, json, stdout } = doctor();
    expect(json.checks.filter((check) => check.status === "fail")).toEqual([]);
    expect(status).toBe(0);
    expect(json.checks.map((check) => check.id)).toEqual([
      "node",
      "pnpm",
      "go",
      "git",
      "tool:kubeconform",
      "tool:sops",
      "tool:age",
      "tool:age-keygen",
      "tool:kustomize",
      "tool:kubeseal",
      "schemas",
      "age-key:alpha",
      "age-key:beta",
    ]);
    expect(byId(json, "age-key:alpha")).toEqual({ id: "age-key:alpha", status: "ok", summary: `alpha: age key .secrets/age/alpha.agekey matches recipient ${recipient}` });
    expect(byId(json, "age-key:beta")?.summary).toBe("beta: no SOPS recipients (the cluster uses no SOPS secrets)");
    expect(stdout).toMatch(/\nnothing is wrong\.\n$/);
  });

  it("fails on a local key that is not one of the cluster's recipients, and says how to fix it", () => {
    const keyFile = join(project.root, ".secrets/age/alpha.agekey");
    const original = readFileSync(keyFile);
    copyFileSync(otherKey, keyFile);
    try {
      const { status, json, stdout } = doctor();
      expect(status).toBe(1);
      const check = byId(json, "age-key:alpha")!;
      expect(check.status).toBe("fail");
      expect(check.summary).toContain(`is not among the cluster's SOPS recipients (${recipient})`);
      expect(check.fix).toContain("pnpm secrets rotate alpha");
      expect(stdout).toContain("FAIL  alpha: the key .secrets/age/alpha.agekey");
      expect(stdout).toContain("      fix: use the key of a listed recipient");
    } finally {
      project.write(".secrets/age/alpha.agekey", original.toString("utf8"));
    }
  });

  it("only warns about a missing key: rendering does not need it", () => {
    const keyFile = join(project.root, ".secrets/age/alpha.agekey");
    const original = readFileSync(keyFile, "utf8");
    rmSync(keyFile);
    try {
      const { status, json } = doctor();
      expect(status).toBe(0);
      expect(byId(json, "age-key:alpha")).toMatchObject({ status: "warn", fix: expect.stringContaining("pnpm secrets init alpha") });
    } finally {
      project.write(".secrets/age/alpha.agekey", original);
    }
  });

  it("fails without pnpm, and only warns about Go and git while every tool is built", () => {
    const { status, json } = doctor({ PATH: dirname(process.execPath) });
    expect(status).toBe(1);
    expect(byId(json, "pnpm")).toMatchObject({ status: "fail", summary: "pnpm is not installed (no `pnpm` on PATH)" });
    expect(byId(json, "go")).toMatchObject({ status: "warn" });
    expect(byId(json, "git")).toMatchObject({ status: "warn" });
  });

  it("fails on a Node.js other than the pinned one", () => {
    const manifest = readFileSync(join(project.root, "package.json"), "utf8");
    project.write("package.json", manifest.replace(process.versions.node, "1.2.3"));
    try {
      const { status, json } = doctor();
      expect(status).toBe(1);
      expect(byId(json, "node")).toMatchObject({ status: "fail", summary: `Node.js ${process.versions.node} runs this, but package.json pins 1.2.3` });
    } finally {
      project.write("package.json", manifest);
    }
  });

  it("answers an unexpected argument with exit code 2", () => {
    expect(project.cli(["doctor", "everything"]).status).toBe(2);
  });
});
