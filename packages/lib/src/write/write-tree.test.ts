/**
 * The writer's last guard: whatever path reaches it, nothing is written
 * outside the cluster's staging folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discardStagedTree, swapFolders } from "./swap.ts";
import { stageTree, writeTree } from "./write-tree.ts";

let root: string;
let generated: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "typed-gitops-write-tree-"));
  generated = join(root, "generated");
  mkdirSync(generated);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("stageTree", () => {
  it.each([
    ["a parent folder", "../escape.yaml"],
    ["a parent folder deeper down", "apps/../../escape.yaml"],
    ["an absolute path", "/etc/escape.yaml"],
    ["a path that resolves to the staging folder itself", "apps/.."],
  ])("refuses %s and writes nothing outside the staging folder", (_, path) => {
    expect(() => stageTree(generated, { cluster: "c", files: new Map([[path, "x: 1\n"]]) })).toThrow(/refusing to write/);
    discardStagedTree(generated, "c");
    expect(readdirSync(root)).toEqual(["generated"]);
    expect(readdirSync(generated)).toEqual([]);
  });

  it.each([
    ["a backslash", "apps\\x.yaml", "apps\\x.yaml"],
    ["a current-folder step", "apps/./x.yaml", "apps/x.yaml"],
    ["a doubled slash", "apps//x.yaml", "apps/x.yaml"],
  ])("writes a path with %s where the full check puts it, inside the tree", (_, path, written) => {
    const result = stageTree(generated, { cluster: "c", files: new Map([[path, "x: 1\n"]]) });
    expect(result.wrote).toBe(true);
    expect(readFileSync(join(swapFolders(generated, "c").staging, written), "utf8")).toBe("x: 1\n");
    discardStagedTree(generated, "c");
  });

  it("writes plain paths into their folders", () => {
    writeTree(generated, { cluster: "c", files: new Map([["apps/web/deployment-web.yaml", "a: 1\n"], ["kustomization.yaml", "b: 2\n"]]) });
    expect(readFileSync(join(generated, "c/apps/web/deployment-web.yaml"), "utf8")).toBe("a: 1\n");
    expect(readFileSync(join(generated, "c/kustomization.yaml"), "utf8")).toBe("b: 2\n");
    expect(existsSync(join(root, "apps"))).toBe(false);
  });
});
