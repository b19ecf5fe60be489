/**
 * The snapshot is used only for the code it was built from: any change to a
 * module it holds, to the library's manifest or to its installed
 * dependencies gives another key, and `TYPED_GITOPS_SNAPSHOT=off` turns it
 * off.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentSnapshot, manifestPath, readManifest, snapshotDir, snapshotKey, type SnapshotManifest } from "./snapshot-file.ts";

const MODULES = ["src/a.ts", "src/b/c.ts"];

let lib: string;

function write(path: string, content: string): void {
  mkdirSync(join(lib, path, ".."), { recursive: true });
  writeFileSync(join(lib, path), content);
}

/** Writes a snapshot file and its manifest for the library as it is now. */
function install(): string {
  const key = snapshotKey(MODULES, lib);
  mkdirSync(snapshotDir(lib), { recursive: true });
  writeFileSync(join(snapshotDir(lib), `${key}.blob`), "blob");
  const manifest: SnapshotManifest = { key, blob: `${key}.blob`, node: process.execPath, modules: MODULES };
  writeFileSync(manifestPath(lib), JSON.stringify(manifest));
  return join(snapshotDir(lib), `${key}.blob`);
}

beforeEach(() => {
  lib = mkdtempSync(join(tmpdir(), "typed-gitops-snapshot-file-"));
  write("package.json", JSON.stringify({ name: "lib", dependencies: { dep: "1.0.0" } }));
  write("src/a.ts", "export const a = 1;\n");
  write("src/b/c.ts", "export const c = 2;\n");
  const store = join(lib, "store", "dep@1.0.0");
  mkdirSync(store, { recursive: true });
  mkdirSync(join(lib, "node_modules"), { recursive: true });
  symlinkSync(store, join(lib, "node_modules", "dep"));
});

afterEach(() => {
  rmSync(lib, { recursive: true, force: true });
});

describe("snapshotKey", () => {
  it("is the same for the same state", () => {
    expect(snapshotKey(MODULES, lib)).toBe(snapshotKey(MODULES, lib));
    expect(snapshotKey(MODULES, lib)).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ["a module's content", () => write("src/a.ts", "export const a = 10;\n")],
    ["a module's modification time", () => utimesSync(join(lib, "src/b/c.ts"), 1_000_000, 1_000_000)],
    ["a module removed", () => rmSync(join(lib, "src/a.ts"))],
    ["the library's package.json", () => write("package.json", JSON.stringify({ name: "lib", dependencies: { dep: "1.0.1" } }))],
    [
      "a dependency installed at another version",
      () => {
        mkdirSync(join(lib, "store", "dep@2.0.0"));
        rmSync(join(lib, "node_modules", "dep"));
        symlinkSync(join(lib, "store", "dep@2.0.0"), join(lib, "node_modules", "dep"));
      },
    ],
  ])("changes with %s", (_what, change) => {
    const before = snapshotKey(MODULES, lib);
    change();
    expect(snapshotKey(MODULES, lib)).not.toBe(before);
  });

  it("changes with the list of modules", () => {
    expect(snapshotKey(["src/a.ts"], lib)).not.toBe(snapshotKey(MODULES, lib));
  });
});

describe("currentSnapshot", () => {
  it("is the snapshot whose key matches the code on disk", () => {
    const path = install();
    expect(currentSnapshot(lib, {})).toBe(path);
    expect(readManifest(lib)?.modules).toEqual(MODULES);
  });

  it("is undefined without a snapshot, or with an unreadable manifest", () => {
    expect(currentSnapshot(lib, {})).toBeUndefined();
    mkdirSync(snapshotDir(lib), { recursive: true });
    writeFileSync(manifestPath(lib), "{ not json");
    expect(currentSnapshot(lib, {})).toBeUndefined();
  });

  it("is undefined once a module it holds has changed", () => {
    install();
    write("src/b/c.ts", "export const c = 3;\n");
    expect(currentSnapshot(lib, {})).toBeUndefined();
  });

  it("is undefined when the snapshot file is gone", () => {
    rmSync(install());
    expect(currentSnapshot(lib, {})).toBeUndefined();
  });

  it("is undefined for another Node binary than the one that built it", () => {
    install();
    const manifest = JSON.parse(readFileSync(manifestPath(lib), "utf8")) as SnapshotManifest;
    writeFileSync(manifestPath(lib), JSON.stringify({ ...manifest, node: "/elsewhere/bin/node" }));
    expect(currentSnapshot(lib, {})).toBeUndefined();
  });

  it("is undefined with TYPED_GITOPS_SNAPSHOT=off", () => {
    install();
    expect(currentSnapshot(lib, { TYPED_GITOPS_SNAPSHOT: "off" })).toBeUndefined();
  });
});
