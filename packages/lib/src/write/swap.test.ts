import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recoverInterruptedSwap, swapFolders, swapInStagedTree } from "./swap.ts";

let generated: string;

function tree(folder: string, marker: string): void {
  mkdirSync(join(folder, "apps"), { recursive: true });
  writeFileSync(join(folder, "apps", "file.yaml"), marker);
}

beforeEach(() => {
  generated = mkdtempSync(join(tmpdir(), "typed-gitops-swap-"));
});

afterEach(() => rmSync(generated, { recursive: true, force: true }));

describe("recoverInterruptedSwap", () => {
  it("puts the old tree back when a run stopped between the two renames", () => {
    const { target, staging, previous } = swapFolders(generated, "prod");
    tree(previous, "old");
    tree(staging, "new");
    expect(recoverInterruptedSwap(generated, "prod")).toBe("restored");
    expect(readFileSync(join(target, "apps", "file.yaml"), "utf8")).toBe("old");
    expect(existsSync(staging)).toBe(false);
    expect(existsSync(previous)).toBe(false);
  });

  it("removes the old tree when a run stopped after the swap but before clean-up", () => {
    const { target, previous } = swapFolders(generated, "prod");
    tree(target, "new");
    tree(previous, "old");
    expect(recoverInterruptedSwap(generated, "prod")).toBe("cleaned");
    expect(readFileSync(join(target, "apps", "file.yaml"), "utf8")).toBe("new");
    expect(existsSync(previous)).toBe(false);
  });

  it("removes a half-written staging folder and leaves the tree alone", () => {
    const { target, staging } = swapFolders(generated, "prod");
    tree(target, "old");
    tree(staging, "half");
    expect(recoverInterruptedSwap(generated, "prod")).toBe("cleaned");
    expect(readFileSync(join(target, "apps", "file.yaml"), "utf8")).toBe("old");
    expect(existsSync(staging)).toBe(false);
  });

  it("does nothing when no run was interrupted", () => {
    tree(swapFolders(generated, "prod").target, "old");
    expect(recoverInterruptedSwap(generated, "prod")).toBe("none");
  });
});

describe("swapInStagedTree", () => {
  it("replaces the tree and leaves no sibling folders", () => {
    const { target, staging } = swapFolders(generated, "prod");
    tree(target, "old");
    tree(staging, "new");
    swapInStagedTree(generated, "prod");
    expect(readFileSync(join(target, "apps", "file.yaml"), "utf8")).toBe("new");
    expect(existsSync(staging)).toBe(false);
    expect(existsSync(swapFolders(generated, "prod").previous)).toBe(false);
  });

  it("moves the staged tree in place when there was none", () => {
    const { target, staging } = swapFolders(generated, "prod");
    tree(staging, "new");
    swapInStagedTree(generated, "prod");
    expect(readFileSync(join(target, "apps", "file.yaml"), "utf8")).toBe("new");
  });
});
