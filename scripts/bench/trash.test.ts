import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Trash } from "./trash.ts";

describe("Trash", () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  const makeRoot = (): string => {
    const root = mkdtempSync(join(tmpdir(), "typed-gitops-trash-"));
    roots.push(root);
    return root;
  };

  it("moves each discarded folder aside whole, under a name of its own, so the path is free for the next run", () => {
    const root = makeRoot();
    const trash = new Trash(join(root, ".trash"));
    const output = join(root, "generated");
    for (const run of ["first", "second"]) {
      mkdirSync(join(output, "apps"), { recursive: true });
      writeFileSync(join(output, "apps", "run.txt"), run);
      trash.discard(output);
      expect(existsSync(output)).toBe(false);
    }
    const moved = readdirSync(join(root, ".trash")).sort();
    expect(moved).toEqual(["0", "1"]);
    expect(moved.map((name) => readFileSync(join(root, ".trash", name, "apps", "run.txt"), "utf8"))).toEqual(["first", "second"]);
  });

  it("does nothing for a path that does not exist, and creates no trash folder for it", () => {
    const root = makeRoot();
    new Trash(join(root, ".trash")).discard(join(root, "never-written"));
    expect(existsSync(join(root, ".trash"))).toBe(false);
  });
});
