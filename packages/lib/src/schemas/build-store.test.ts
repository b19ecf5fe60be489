import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemas as schemasCommand } from "../cli/commands/schemas.ts";
import type { CommandContext } from "../cli/io.ts";
import { buildSchemaStore, schemaStorePath } from "./build-store.ts";
import { sha256Hex } from "./read-sources.ts";
import { FIXTURE_FILES, FIXTURE_MIRROR, fixtureSources } from "./test-support.ts";

const realSha = (path: string): string => sha256Hex(readFileSync(join(FIXTURE_MIRROR, path)));
const scratch = mkdtempSync(join(tmpdir(), "schema-store-test-"));
let counter = 0;

/** A project root with a sources.json for the fixture mirror. */
function project(sourcesText: string = fixtureSources(realSha)): string {
  const root = join(scratch, `project-${counter++}`);
  mkdirSync(join(root, "schemas"), { recursive: true });
  writeFileSync(join(root, "schemas", "sources.json"), sourcesText);
  return root;
}

function capture(cwd: string): CommandContext & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { cwd, stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, out: () => out, err: () => err };
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = join(FIXTURE_MIRROR, decodeURIComponent((request.url ?? "/").replace(/^\/mirror\//, "")));
    if (!path.startsWith(FIXTURE_MIRROR) || !existsSync(path)) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}/mirror`;
});

afterAll(() => {
  server.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("buildSchemaStore", () => {
  it("builds the store from a mirror into .tools/schemas/<hash>/ with the Kubernetes kinds, the CRDs, their CEL rules and ObjectMeta", async () => {
    const root = project();
    const result = await buildSchemaStore({ root, mirror: FIXTURE_MIRROR });
    expect(result).toMatchObject({ outcome: "built", store: schemaStorePath(root) });
    expect(result.store).toMatch(/\.tools\/schemas\/[0-9a-f]{16}$/);
    for (const file of ["v1.36-standalone-strict/configmap-v1.json", "crds/example.com/widget_v1.json", "cel/example.com/widget_v1.json", "objectmeta.json", "schema-store.json"]) {
      expect(existsSync(join(result.store, file)), file).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(result.store, "cel/example.com/widget_v1.json"), "utf8"))).toEqual({
      group: "example.com",
      version: "v1",
      kind: "Widget",
      rules: [{ path: "spec", schemaPath: ["properties", "spec"], rule: "self.size <= 10", message: "size must be at most 10" }],
    });
  });

  it("reuses a store built from the same sources.json and says it is up to date, without writing", async () => {
    const root = project();
    const first = await buildSchemaStore({ root, mirror: FIXTURE_MIRROR });
    const before = statSync(join(first.store, "schema-store.json")).mtimeMs;
    const second = await buildSchemaStore({ root, mirror: join(scratch, "no-such-mirror") });
    expect(second).toMatchObject({ outcome: "up-to-date", store: first.store, files: 0 });
    expect(statSync(join(first.store, "schema-store.json")).mtimeMs).toBe(before);
  });

  it("builds a new store when sources.json changes, and removes the stale one", async () => {
    const root = project();
    const first = await buildSchemaStore({ root, mirror: FIXTURE_MIRROR });
    writeFileSync(join(root, "schemas", "sources.json"), fixtureSources(realSha).replace('"v0.0.1"', '"v0.0.2"'));
    const second = await buildSchemaStore({ root, mirror: FIXTURE_MIRROR });
    expect(second.outcome).toBe("built");
    expect(second.store).not.toBe(first.store);
    expect(second.removed).toEqual([first.store]);
    expect(existsSync(first.store)).toBe(false);
  });

  it("downloads the files from their URLs when no mirror is given", async () => {
    const root = project(fixtureSources(realSha, { baseUrl }));
    const result = await buildSchemaStore({ root });
    expect(result.outcome).toBe("built");
    expect(existsSync(join(result.store, "crds/example.com/widget_v1.json"))).toBe(true);
  });

  it.each([
    ["a mirror file", { mirror: FIXTURE_MIRROR }, (path: string) => join(FIXTURE_MIRROR, path)],
    ["a downloaded file", {}, (path: string) => `${baseUrl}/${path}`],
  ])("fails on %s whose sha256 differs, naming the file, the expected and the actual hash, and writes nothing", async (_, options, origin) => {
    const wrong = "0".repeat(64);
    const root = project(fixtureSources(realSha, { baseUrl, sha256: { [FIXTURE_FILES.crd]: wrong } }));
    await expect(buildSchemaStore({ root, ...options })).rejects.toThrow(
      `schemas/sources.json: ${FIXTURE_FILES.crd}: sha256 mismatch: expected ${wrong}, got ${realSha(FIXTURE_FILES.crd)} (from ${origin(FIXTURE_FILES.crd)})`,
    );
    expect(existsSync(join(root, ".tools"))).toBe(false);
  });

  it("reports a file missing upstream as an environment problem with the URL", async () => {
    const root = project(fixtureSources(realSha, { baseUrl: `${baseUrl}/missing` }));
    await expect(buildSchemaStore({ root })).rejects.toMatchObject({
      name: "EnvironmentError",
      message: expect.stringContaining(`${baseUrl}/missing/${FIXTURE_FILES.kubernetes}: cannot download ${FIXTURE_FILES.kubernetes}: HTTP 404`),
    });
  });

  it("refuses to replace an --out folder it did not write", async () => {
    const root = project();
    const out = join(root, "not-a-store");
    mkdirSync(out);
    writeFileSync(join(out, "keep.txt"), "mine");
    await expect(buildSchemaStore({ root, mirror: FIXTURE_MIRROR, out })).rejects.toThrow("not a schema folder (no schema-store.json) and not empty; refusing to replace it");
    expect(readFileSync(join(out, "keep.txt"), "utf8")).toBe("mine");
  });
});

describe("typed-gitops schemas", () => {
  it("builds the store, then prints that it is up to date", async () => {
    const root = project();
    const first = capture(root);
    expect(await schemasCommand(["--mirror", FIXTURE_MIRROR], first)).toBe(0);
    expect(first.out()).toMatch(/^built the schema store in \d+\.\d s: \.tools\/schemas\/[0-9a-f]{16} \(\d+ files, [\d.]+ MiB\)\n$/);
    const second = capture(root);
    expect(await schemasCommand(["--mirror", FIXTURE_MIRROR], second)).toBe(0);
    expect(second.out()).toMatch(/^schema store is up to date: \.tools\/schemas\/[0-9a-f]{16}\n$/);
  });

  it("writes to --out relative to the working directory", async () => {
    const root = project();
    const context = capture(root);
    expect(await schemasCommand(["--mirror", FIXTURE_MIRROR, "--out", "store"], context)).toBe(0);
    expect(existsSync(join(root, "store", "v1.36-standalone-strict", "configmap-v1.json"))).toBe(true);
  });

  it("shows its help with examples", async () => {
    const context = capture(scratch);
    expect(await schemasCommand(["--help"], context)).toBe(0);
    expect(context.out()).toContain("typed-gitops schemas --mirror ../shared/upstream     build offline from a mirror");
  });
});
