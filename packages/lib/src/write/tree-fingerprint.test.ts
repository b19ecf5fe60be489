import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INVENTORY_FILE, inventoryText } from "./existing-tree.ts";
import { fingerprintTree, folderMatches } from "./tree-fingerprint.ts";

describe("tree fingerprints", () => {
  const files = new Map([
    ["kustomization.yaml", "resources:\n  - apps\n"],
    ["apps/web/configmap-web.yaml", "kind: ConfigMap\n"],
  ]);
  const fingerprint = fingerprintTree(files, inventoryText([...files.keys()].sort()));
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "typed-gitops-fingerprint-"));
    mkdirSync(join(dir, "apps/web"), { recursive: true });
    for (const [path, content] of files) writeFileSync(join(dir, path), content);
    writeFileSync(join(dir, INVENTORY_FILE), inventoryText([...files.keys()].sort()));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("match the folder that holds exactly the tree, whatever order the files were given in", () => {
    expect(folderMatches(dir, fingerprint)).toBe(true);
    expect(fingerprintTree(new Map([...files].reverse()), inventoryText([...files.keys()].sort()))).toEqual(fingerprint);
  });

  it.each([
    ["a hand edit", () => writeFileSync(join(dir, "apps/web/configmap-web.yaml"), "kind: ConfigMap\ndata: {}\n")],
    ["a stray file", () => writeFileSync(join(dir, "apps/notes.md"), "mine\n")],
    ["a deleted file", () => unlinkSync(join(dir, "kustomization.yaml"))],
    ["an edited inventory", () => writeFileSync(join(dir, INVENTORY_FILE), "# nothing\n")],
    ["a symbolic link", () => symlinkSync("configmap-web.yaml", join(dir, "apps/web/link.yaml"))],
    ["a renamed file with the same content", () => {
      unlinkSync(join(dir, "apps/web/configmap-web.yaml"));
      writeFileSync(join(dir, "apps/web/configmap-other.yaml"), "kind: ConfigMap\n");
    }],
  ])("do not match after %s", (_what, change) => {
    change();
    expect(folderMatches(dir, fingerprint)).toBe(false);
  });

  it("do not match a folder that does not exist", () => {
    expect(folderMatches(join(dir, "missing"), fingerprint)).toBe(false);
  });
});
