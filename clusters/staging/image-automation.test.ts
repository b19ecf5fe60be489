/**
 * Image automation and the drift check: Flux bumps a tag in images.yaml
 * (not in generated/); the next `pnpm gen` renders it and the tree is clean
 * again. Runs on a copy of the repository, with the real CLI.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const cli = join(repo, "packages", "lib", "bin", "typed-gitops.js");
let copy: string;

/** What image-automation-controller does with a Setters marker: replace the marked value, keep the marker. */
function bumpMarkedTag(text: string, policy: string, tag: string): string {
  const marker = `# {"$imagepolicy": "${policy}:tag"}`;
  return text
    .split("\n")
    .map((line) => (line.endsWith(marker) ? line.replace(/(tag: )\S+( #)/, `$1${tag}$2`) : line))
    .join("\n");
}

function gen(...args: string[]) {
  return spawnSync(process.execPath, [cli, "gen", ...args], { cwd: copy, encoding: "utf8" });
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "typed-gitops-image-automation-"));
  for (const entry of ["clusters", "apps", "infrastructure", "generated", ".sops.yaml"]) cpSync(join(repo, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(repo, "node_modules"), join(copy, "node_modules"));
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("an automated image update", () => {
  it("starts from a clean tree", () => {
    expect(gen("--check").status).toBe(0);
  });

  it("changes only images.yaml, which the drift check then reports", () => {
    const file = join(copy, "clusters", "staging", "images.yaml");
    const before = readFileSync(file, "utf8");
    const after = bumpMarkedTag(before, "flux-system:podinfo", "6.9.3");
    expect(after).not.toBe(before);
    expect(after).toContain('tag: 6.9.3 # {"$imagepolicy": "flux-system:podinfo:tag"}');
    writeFileSync(file, after);
    const check = gen("--check");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("-          image: ghcr.io/stefanprodan/podinfo:6.9.2\n+          image: ghcr.io/stefanprodan/podinfo:6.9.3\n");
    expect(check.stdout).not.toContain("generated/production/");
  });

  it("is rendered by the next gen, after which the tree is clean", () => {
    expect(gen().status).toBe(0);
    expect(gen("--check").status).toBe(0);
    expect(readFileSync(join(copy, "generated/staging/apps/podinfo/deployment-podinfo.yaml"), "utf8")).toContain("image: ghcr.io/stefanprodan/podinfo:6.9.3\n");
    expect(readFileSync(join(copy, "generated/production/apps/podinfo/deployment-podinfo.yaml"), "utf8")).toContain("image: ghcr.io/stefanprodan/podinfo:6.9.2\n");
  });
});
