/**
 * An automated image bump, end to end on a scratch copy of this project:
 * image-automation-controller rewrites one marked tag in images.yaml (and
 * nothing else), the drift check then names exactly the service's
 * Deployment (and the generated ARCHITECTURE.md, whose table of pinned
 * images lists the tag), and one `gen` brings the tree back in line.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const project = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const cli = join(project, "node_modules", "@typed-gitops", "lib", "bin", "typed-gitops.js");
let scratch: string;

/** The Setters strategy: the value on the line carrying the policy's marker is replaced, the marker kept. */
function setMarkedTag(text: string, policy: string, tag: string): string {
  const marker = `{"$imagepolicy": "${policy}:tag"}`;
  return text.replace(new RegExp(`^(\\s*tag: )\\S+( # ${marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})$`, "m"), `$1${tag}$2`);
}

function typedGitops(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: scratch, encoding: "utf8" });
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "event-driven-k3s-images-"));
  for (const entry of ["clusters", "apps", "infrastructure", "generated", ".sops.yaml", "package.json"]) cpSync(join(project, entry), join(scratch, entry), { recursive: true });
  symlinkSync(join(project, "node_modules"), join(scratch, "node_modules"));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a new generation image found by Flux", () => {
  const images = () => join(scratch, "clusters/production/images.yaml");
  const deployment = (service: string) => readFileSync(join(scratch, `generated/production/apps/${service}/deployment-${service}.yaml`), "utf8");

  it("starts from a tree that matches the definitions", () => {
    expect(typedGitops("gen", "--check").status).toBe(0);
  });

  it("changes one line of images.yaml, which the drift check turns into one changed Deployment and its line in ARCHITECTURE.md", () => {
    const before = readFileSync(images(), "utf8");
    const after = setMarkedTag(before, "flux-system:generation", "0.9.2");
    expect(after.split("\n").filter((line, i) => line !== before.split("\n")[i])).toEqual(['    tag: 0.9.2 # {"$imagepolicy": "flux-system:generation:tag"}']);
    writeFileSync(images(), after);
    const check = typedGitops("gen", "--check");
    expect(check.status).toBe(1);
    const changed = check.stdout.split("\n").filter((line) => /^\s+(changed|missing|stale)\s/.test(line));
    expect(changed).toEqual(["  changed  generated/production/ARCHITECTURE.md", "  changed  generated/production/apps/generation/deployment-generation.yaml"]);
    expect(check.stdout).toContain("+          image: ghcr.io/example-org/generation:0.9.2\n");
  });

  it("is rendered by the next gen, after which the drift check is clean again", () => {
    expect(typedGitops("gen").status).toBe(0);
    expect(typedGitops("gen", "--check").status).toBe(0);
    expect(deployment("generation")).toContain("image: ghcr.io/example-org/generation:0.9.2\n");
    expect(deployment("gateway")).toContain("image: ghcr.io/example-org/gateway:1.4.2\n");
  });
});
