import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isUserError } from "../errors/user-error.ts";
import { fingerprintTree, folderMatches } from "./tree-fingerprint.ts";
import { TreeWriter } from "./tree-writer.ts";
import { INVENTORY_FILE, inventoryText } from "./existing-tree.ts";

/** Stages a whole tree through a stream, as gen does file by file. */
function stage(writer: TreeWriter, tree: { cluster: string; files: ReadonlyMap<string, string> }) {
  const stream = writer.open(tree.cluster);
  for (const [path, content] of tree.files) stream.add(path, content);
  return stream.finish();
}

describe("TreeWriter", () => {
  let generated: string;
  let writer: TreeWriter;
  beforeEach(() => {
    generated = join(mkdtempSync(join(tmpdir(), "typed-gitops-writer-")), "generated");
    mkdirSync(generated);
    writer = new TreeWriter(generated);
  });
  afterEach(async () => {
    await writer.close();
    rmSync(join(generated, ".."), { recursive: true, force: true });
  });

  const files = new Map([
    ["apps/web/configmap-web.yaml", "kind: ConfigMap\n"],
    ["kustomization.yaml", "resources:\n  - apps/web\n"],
  ]);

  it("stages on its thread, swaps in on request, and fingerprints the tree as written", async () => {
    const staged = await stage(writer, { cluster: "alpha", files });
    expect(staged.result.wrote).toBe(true);
    expect(staged.result.changes.added).toEqual([...files.keys()]);
    expect(existsSync(join(generated, "alpha"))).toBe(false);
    expect(readdirSync(generated)).toEqual([".alpha.staging"]);
    await writer.swap("alpha");
    expect(readdirSync(generated)).toEqual(["alpha"]);
    expect(readFileSync(join(generated, "alpha/apps/web/configmap-web.yaml"), "utf8")).toBe("kind: ConfigMap\n");
    expect(staged.fingerprint).toEqual(fingerprintTree(files, inventoryText(files.keys())));
    expect(folderMatches(join(generated, "alpha"), staged.fingerprint)).toBe(true);
  });

  it("streams a tree of many batches, staging files as they come, and stages nothing until a file differs", async () => {
    const many = new Map(Array.from({ length: 700 }, (_, i) => [`apps/app-${String(i).padStart(3, "0")}/configmap.yaml`, `data: ${i}\n`] as const));
    const stream = writer.open("alpha");
    for (const [path, content] of many) stream.add(path, content);
    const first = await stream.finish();
    expect(first.result.changes.added).toHaveLength(700);
    await writer.swap("alpha");
    expect(readFileSync(join(generated, "alpha/apps/app-699/configmap.yaml"), "utf8")).toBe("data: 699\n");

    // The same files again: nothing staged, nothing written.
    const again = writer.open("alpha");
    for (const [path, content] of many) again.add(path, content);
    expect((await again.finish()).result.wrote).toBe(false);
    expect(readdirSync(generated)).toEqual(["alpha"]);

    // One file changed at the end: the unchanged ones before it are carried over as links.
    const inode = (path: string) => statSync(join(generated, "alpha", path)).ino;
    const before = inode("apps/app-000/configmap.yaml");
    const changed = writer.open("alpha");
    for (const [path, content] of many) changed.add(path, path.includes("app-699") ? "data: changed\n" : content);
    const staged = await changed.finish();
    expect(staged.result.changes.changed).toEqual(["apps/app-699/configmap.yaml"]);
    await writer.swap("alpha");
    expect(inode("apps/app-000/configmap.yaml")).toBe(before);
    expect(readFileSync(join(generated, "alpha/apps/app-699/configmap.yaml"), "utf8")).toBe("data: changed\n");
  });

  it("writes every file byte for byte as UTF-8, non-ASCII, wide and empty files included", async () => {
    const text = new Map([
      ["a.yaml", "kind: ConfigMap\n"],
      ["b/empty.yaml", ""],
      ["c/ü.yaml", "name: grüße 🚀 — ≠\n"],
      ["d/wide.yaml", "語".repeat(50_000)],
    ]);
    await stage(writer, { cluster: "alpha", files: text });
    await writer.swap("alpha");
    for (const [path, content] of text) expect(readFileSync(join(generated, "alpha", path)).equals(Buffer.from(content, "utf8"))).toBe(true);
  });

  it("refuses a path sent twice in one tree, and stages nothing of it", async () => {
    const stream = writer.open("alpha");
    stream.add("kustomization.yaml", "resources: []\n");
    stream.add("kustomization.yaml", "resources: []\n");
    const error = await stream.finish().catch((caught: unknown) => caught);
    expect((error as Error).message).toContain("kustomization.yaml is in the tree of alpha twice");
    await writer.discard("alpha");
    expect(readdirSync(generated)).toEqual([]);
  });

  it("drops a staged tree on request, leaving the cluster folder as it was", async () => {
    await stage(writer, { cluster: "alpha", files });
    await writer.swap("alpha");
    const changed = new Map([...files, ["apps/web/configmap-web.yaml", "kind: ConfigMap\ndata: {}\n"]]);
    const staged = await stage(writer, { cluster: "alpha", files: changed });
    expect(staged.result.changes.changed).toEqual(["apps/web/configmap-web.yaml"]);
    await writer.discard("alpha");
    expect(readdirSync(generated)).toEqual(["alpha"]);
    expect(readFileSync(join(generated, "alpha/apps/web/configmap-web.yaml"), "utf8")).toBe("kind: ConfigMap\n");
  });

  it("reports nothing to write when the tree on disk is the same", async () => {
    await stage(writer, { cluster: "alpha", files });
    await writer.swap("alpha");
    const again = await stage(writer, { cluster: "alpha", files });
    expect(again.result.wrote).toBe(false);
    expect(again.result.changes.unchanged).toEqual([...files.keys()]);
    expect(readdirSync(generated)).toEqual(["alpha"]);
  });

  it("refuses a tree that holds a file it does not own, with the writer's own problem", async () => {
    await stage(writer, { cluster: "alpha", files });
    await writer.swap("alpha");
    writeFileSync(join(generated, "alpha/apps/notes.md"), "mine\n");
    const error = await stage(writer, { cluster: "alpha", files }).catch((caught: unknown) => caught);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toContain(`1 file(s) not written by gen (not in ${INVENTORY_FILE}): apps/notes.md`);
    expect(readFileSync(join(generated, "alpha/apps/notes.md"), "utf8")).toBe("mine\n");
    expect(readdirSync(generated)).toEqual(["alpha"]);
  });
});
