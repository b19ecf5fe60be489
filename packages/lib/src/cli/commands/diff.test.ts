/**
 * `typed-gitops diff` end to end: a temporary git project with a Flux
 * cluster, a commit, then a scripted change — an app scaled up, an app
 * added, a SOPS secret rotated with the real sops, a ConfigMap moved to
 * another component, one removed — and the diff in its three formats pinned
 * by golden files. No secret value, and no ciphertext, is ever printed.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installSecretTools, REPO_ROOT } from "../../secrets/test-support.ts";
import { commitAll, git } from "../../../test/cli-fixtures.ts";
import { CLI, createProject, LIB_URL, modelUrl, type Project } from "../../../test/project-fixture.ts";

const FIRST_TOKEN = `first-${randomBytes(8).toString("hex")}`;
const SECOND_TOKEN = `second-${randomBytes(8).toString("hex")}`;

let project: Project;
let recipient: string;

/** The module of the shop app: a Deployment scaled by `replicas`, a Service, ConfigMaps. */
function shopModule(): string {
  return `import { ConfigMap } from ${JSON.stringify(modelUrl("v1/ConfigMap"))};
import { Namespace } from ${JSON.stringify(modelUrl("v1/Namespace"))};
import { Service } from ${JSON.stringify(modelUrl("v1/Service"))};
import { Deployment } from ${JSON.stringify(modelUrl("apps/v1/Deployment"))};

const labels = { app: "web" };
export function shop(replicas: number, image: string) {
  return [
    new Namespace({ metadata: { name: "shop" } }),
    new Deployment({ metadata: { name: "web", namespace: "shop", labels }, spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "web", image, env: [{ name: "MODE", value: "live" }] }] } } } }),
    new Service({ metadata: { name: "web", namespace: "shop" }, spec: { selector: labels, ports: [{ name: "http", port: 80 }] } }),
  ];
}
export const shared = () => new ConfigMap({ metadata: { name: "shared", namespace: "shop" }, data: { region: "eu" } });
export const legacy = () => new ConfigMap({ metadata: { name: "legacy", namespace: "shop" }, data: { old: "yes" } });
`;
}

/** The cluster; `changed` is the scripted change. */
function clusterSource(changed: boolean): string {
  const components = changed
    ? `{
    "apps/shop": [...shop(3, "example.com/web:1.1.0"), shared()],
    "apps/shop-secrets": [token],
    "apps/api": [new Namespace({ metadata: { name: "api" } }), new ConfigMap({ metadata: { name: "settings", namespace: "api" }, data: { level: "info" } })],
  }`
    : `{
    "apps/shop": shop(2, "example.com/web:1.0.0"),
    "apps/common": [shared(), legacy()],
    "apps/shop-secrets": [token],
  }`;
  return `import { defineCluster, sopsSecretObject } from ${JSON.stringify(LIB_URL)};
import { ConfigMap } from ${JSON.stringify(modelUrl("v1/ConfigMap"))};
import { Namespace } from ${JSON.stringify(modelUrl("v1/Namespace"))};
import { legacy, shared, shop } from "../../apps/shop.ts";

const token = sopsSecretObject(new URL("./secrets/token.sops.yaml", import.meta.url));
export default defineCluster({
  name: "alpha",
  gitops: { engine: "flux", repository: { url: "https://git.example.com/platform.git" } },
  secrets: { sops: { ageRecipients: [${JSON.stringify(recipient)}] } },
  components: ${components},
});
`;
}

/** Output with the base commit id replaced, so the golden files do not depend on ciphertexts. */
function normalized(text: string): string {
  const commit = git(project.root, "rev-parse", "HEAD").trim();
  return text.replaceAll(commit, "<commit>").replaceAll(commit.slice(0, 12), "<commit>");
}

const outputs: string[] = [];

function diff(...args: string[]) {
  const result = project.cli(["diff", ...args]);
  outputs.push(result.stdout, result.stderr);
  return result;
}

/** Sets the SOPS secret's value with the real CLI (and so the real sops), from stdin. */
function setToken(value: string): void {
  const result = spawnSync(process.execPath, [CLI, "secrets", "set", "alpha/token", "TOKEN", "--stdin", "--namespace", "shop"], { cwd: project.root, input: value, encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
}

beforeAll(async () => {
  await installSecretTools();
  project = createProject();
  symlinkSync(join(REPO_ROOT, ".tools"), join(project.root, ".tools"));
  project.write("clusters/alpha/cluster.ts", `export default { name: "alpha", components: {} };\n`);
  const init = project.cli(["secrets", "init", "alpha"]);
  expect(init.status, init.stderr).toBe(0);
  recipient = /age1[02-9ac-hj-np-z]{58}/.exec(init.stdout)![0];
  project.write("apps/shop.ts", shopModule());
  project.write("clusters/alpha/cluster.ts", clusterSource(false));
  project.write(".gitignore", ".secrets/\n.tools\n");
  setToken(FIRST_TOKEN);
  const gen = project.cli(["gen", "--no-validate"]);
  expect(gen.status, gen.stderr).toBe(0);
  commitAll(project.root, "base");
  // The scripted change.
  project.write("clusters/alpha/cluster.ts", clusterSource(true));
  setToken(SECOND_TOKEN);
}, 600_000);

afterAll(() => {
  project?.remove();
  const all = outputs.join("\n");
  expect(all).not.toContain(FIRST_TOKEN);
  expect(all).not.toContain(SECOND_TOKEN);
  expect(all).not.toMatch(/ENC\[AES256_GCM/);
});

describe("diff", () => {
  it("reports objects added, removed, changed field by field and moved, as text", async () => {
    const result = diff("--base", "HEAD");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    await expect(normalized(result.stdout)).toMatchFileSnapshot("__golden__/diff.text.txt");
  });

  it("writes Markdown for a pull-request comment, with the marker CI finds its comment by", async () => {
    const result = diff("--base", "HEAD", "--format", "markdown");
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith("<!-- typed-gitops-diff -->\n")).toBe(true);
    await expect(normalized(result.stdout)).toMatchFileSnapshot("__golden__/diff.markdown.md");
  });

  it("writes the same diff as JSON", async () => {
    const result = diff("--format", "json");
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as { base: { ref: string }; clusters: { cluster: string; summary: Record<string, number> }[] };
    expect(parsed.base.ref).toBe("HEAD");
    expect(parsed.clusters.map((cluster) => [cluster.cluster, cluster.summary])).toEqual([["alpha", { added: 2, removed: 1, changed: 2, moved: 1 }]]);
    await expect(normalized(result.stdout)).toMatchFileSnapshot("__golden__/diff.json");
  });

  it("shows a rotated secret only as an encrypted value that changed", () => {
    const result = diff();
    expect(result.stdout).toContain("  ~ Secret shop/token  apps/shop-secrets/secret-token.yaml\n      data.TOKEN: encrypted value changed\n      sops: re-encrypted (new data key, MAC and date)\n");
  });

  it("exits 0 with differences, and 1 with --exit-code", () => {
    expect(diff().status).toBe(0);
    expect(diff("--exit-code").status).toBe(1);
  });

  it("rejects an unknown cluster, naming the known ones", () => {
    const result = diff("beta");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('clusters/: no cluster named "beta"\n  hint: known clusters: alpha');
  });

  it("answers an unknown revision, a bad format and a folder outside git with exit code 2", () => {
    const unknown = diff("--base", "no-such-branch");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--base no-such-branch names no commit of this repository");
    const format = diff("--format", "yaml");
    expect(format.status).toBe(2);
    expect(format.stderr).toContain("--format must be one of text, markdown, json");
    const outside = createProject();
    try {
      outside.write("clusters/alpha/cluster.ts", `export default { name: "alpha", components: {} };\n`);
      const result = outside.cli(["diff"], { GIT_CEILING_DIRECTORIES: outside.root.slice(0, outside.root.lastIndexOf("/")) });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("is not in a git repository");
    } finally {
      outside.remove();
    }
  });

  it("reads the base from git: the committed tree is untouched by the diff", () => {
    const before = readFileSync(join(project.root, "generated/alpha/apps/shop/deployment-web.yaml"), "utf8");
    diff();
    expect(readFileSync(join(project.root, "generated/alpha/apps/shop/deployment-web.yaml"), "utf8")).toBe(before);
    expect(git(project.root, "status", "--porcelain", "--", "generated")).toBe("");
  });

  it("finds nothing, and exits 0 with --exit-code, once the change is rendered and committed", () => {
    expect(project.cli(["gen", "--no-validate"]).status).toBe(0);
    commitAll(project.root, "the change");
    const result = diff("--exit-code");
    expect(result.status).toBe(0);
    expect(normalized(result.stdout)).toBe("diff HEAD (<commit>) → working tree\n\nalpha: no changes\n");
  });
});
