import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderCacheKey } from "./render-cache.ts";

/** A workspace with a linked package, an installed one, a lockfile and a nested project. */
function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), "render-cache-"));
  mkdirSync(join(ws, "packages/catalog/src"), { recursive: true });
  writeFileSync(join(ws, "packages/catalog/src/app.ts"), "export const replicas = 2;\n");
  mkdirSync(join(ws, "examples/shop/clusters/a"), { recursive: true });
  writeFileSync(join(ws, "examples/shop/clusters/a/cluster.ts"), "export default {};\n");
  mkdirSync(join(ws, "examples/shop/node_modules/@acme"), { recursive: true });
  symlinkSync("../../../../packages/catalog", join(ws, "examples/shop/node_modules/@acme/catalog"));
  mkdirSync(join(ws, "examples/shop/node_modules/.pnpm/zod@4/node_modules/zod"), { recursive: true });
  writeFileSync(join(ws, "examples/shop/node_modules/.pnpm/zod@4/node_modules/zod/index.js"), "v1\n");
  symlinkSync(".pnpm/zod@4/node_modules/zod", join(ws, "examples/shop/node_modules/zod"));
  writeFileSync(join(ws, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
  return ws;
}

describe("renderCacheKey", () => {
  let ws: string;
  let project: string;
  beforeEach(() => {
    ws = workspace();
    project = join(ws, "examples/shop");
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it("changes when a linked workspace package outside the project changes", () => {
    const before = renderCacheKey(project, {});
    writeFileSync(join(ws, "packages/catalog/src/app.ts"), "export const replicas = 3;\n");
    expect(renderCacheKey(project, {})).not.toBe(before);
  });

  it("changes when the workspace's lockfile changes", () => {
    const before = renderCacheKey(project, {});
    writeFileSync(join(ws, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n# changed\n");
    expect(renderCacheKey(project, {})).not.toBe(before);
  });

  it("leaves installed packages to the lockfile, and is stable when nothing changed", () => {
    const before = renderCacheKey(project, {});
    writeFileSync(join(ws, "examples/shop/node_modules/.pnpm/zod@4/node_modules/zod/index.js"), "v2\n");
    expect(renderCacheKey(project, {})).toBe(before);
  });

  it("changes with the project's own definitions and with the options", () => {
    const before = renderCacheKey(project, {});
    expect(renderCacheKey(project, { validate: false })).not.toBe(before);
    writeFileSync(join(ws, "examples/shop/clusters/a/cluster.ts"), "export default { changed: true };\n");
    expect(renderCacheKey(project, {})).not.toBe(before);
  });
});
