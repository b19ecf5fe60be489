/**
 * The resolution cache answers as Node does: after each change to a small
 * project (a package relinked, a `package.json` edited, a file removed, a
 * package installed nearer), a process with the cache loads what a process
 * without it loads, and a process with nothing changed is answered from the
 * cache alone.
 */
import { spawnSync } from "node:child_process";
import { lstatSync, lutimesSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CACHE_MODULE = fileURLToPath(new URL("./resolution-cache.ts", import.meta.url));

let root: string;
let project: string;
let cacheDir: string;
/** Each change is dated one minute after the last, all well in the past. */
let clock = Math.floor(Date.now() / 1000) - 3600;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/**
 * Dates what changed since the last call (every file and folder of the
 * fixture modified in the last ten minutes) one minute after the last
 * change, as if changed then; the rest keeps its date.
 */
function settle(): void {
  clock += 60;
  const recent = Date.now() - 600_000;
  const visit = (path: string): void => {
    const stat = lstatSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    if (stat.mtimeMs < recent) return;
    if (stat.isSymbolicLink()) lutimesSync(path, clock, clock);
    else utimesSync(path, clock, clock);
  };
  for (const name of ["project", "store"]) visit(join(root, name));
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly error: string;
  readonly stats?: { hits: number; misses: number; mismatches: number };
}

/** Loads the project's entry in a new process, with the cache or without it. */
function load(withCache: boolean, entry = "main.ts"): Run {
  const runner = join(root, withCache ? "with-cache.mjs" : "without-cache.mjs");
  const result = spawnSync(process.execPath, [runner, join(project, entry)], { encoding: "utf8", cwd: root });
  const stats = /^stats (.*)$/m.exec(result.stderr)?.[1];
  const error = /\b(ERR_[A-Z_]+|SyntaxError)\b/.exec(result.stderr)?.[1] ?? "";
  return { status: result.status, stdout: result.stdout.trim(), error, ...(stats === undefined ? {} : { stats: JSON.parse(stats) as Run["stats"] }) };
}

/** Loads with and without the cache, and expects the same outcome. */
function loadBoth(entry = "main.ts"): Run {
  const plain = load(false, entry);
  const cached = load(true, entry);
  expect({ status: cached.status, stdout: cached.stdout, error: cached.error }).toEqual({ status: plain.status, stdout: plain.stdout, error: plain.error });
  if (cached.stats !== undefined) expect(cached.stats.mismatches).toBe(0);
  return cached;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "resolution-cache-"));
  project = join(root, "project");
  cacheDir = join(root, "cache");
  write("project/package.json", JSON.stringify({ name: "fixture", type: "module" }));
  write("project/main.ts", 'export { values } from "./src/entry.ts";\n');
  write(
    "project/src/entry.ts",
    [
      'import { a } from "./a.ts";',
      'import { c } from "../lib/c.js";',
      'import { dep } from "dep";',
      'import { scoped } from "@scope/pkg";',
      "export const values: string[] = [a, c, dep, scoped];",
      "",
    ].join("\n"),
  );
  write("project/src/a.ts", 'export const a: string = "a";\n');
  write("project/lib/c.js", 'export const c = "c";\n');
  for (const version of ["1", "2", "3"]) {
    write(`store/dep-${version}/package.json`, JSON.stringify({ name: "dep", type: "module", exports: "./index.js" }));
    write(`store/dep-${version}/index.js`, `export const dep = "dep-${version}";\n`);
  }
  write("store/dep-2/other.js", 'export const dep = "dep-2 other";\n');
  write("project/node_modules/@scope/pkg/package.json", JSON.stringify({ name: "@scope/pkg", type: "module", exports: "./index.js" }));
  write("project/node_modules/@scope/pkg/index.js", 'export const scoped = "scoped";\n');
  symlinkSync(join(root, "store/dep-1"), join(project, "node_modules/dep"), "dir");
  const entry = "process.argv[2]";
  writeFileSync(join(root, "without-cache.mjs"), `const m = await import(${entry});\nconsole.log(JSON.stringify(m.values));\n`);
  write("project/other.ts", 'import { a } from "./src/a.ts";\nexport const values: string[] = [a];\n');
  writeFileSync(
    join(root, "with-cache.mjs"),
    [
      `const { enableResolutionCache } = await import(${JSON.stringify(CACHE_MODULE)});`,
      `const cache = enableResolutionCache({ directory: ${JSON.stringify(cacheDir)}, verify: true, maxEntries: 7 });`,
      `try { const m = await import(${entry}); console.log(JSON.stringify(m.values)); }`,
      "finally { process.on('exit', () => process.stderr.write(`\\nstats ${JSON.stringify(cache.stats)}\\n`)); }",
      "",
    ].join("\n"),
  );
  settle();
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("the resolution cache", () => {
  it("answers every import of an unchanged project from the cache, with Node's answers", () => {
    const first = loadBoth();
    expect(first.stdout).toBe('["a","c","dep-1","scoped"]');
    expect(first.stats!.hits).toBe(0);
    expect(first.stats!.misses).toBeGreaterThanOrEqual(6);
    const second = loadBoth();
    expect(second.stats).toEqual({ hits: first.stats!.misses, misses: 0, mismatches: 0 });
  });

  it("follows a package relinked to another version", () => {
    unlinkSync(join(project, "node_modules/dep"));
    symlinkSync(join(root, "store/dep-2"), join(project, "node_modules/dep"), "dir");
    settle();
    expect(loadBoth().stdout).toBe('["a","c","dep-2","scoped"]');
    expect(loadBoth().stats!.misses).toBe(0);
  });

  it("follows a package.json edited in place", () => {
    write("store/dep-2/package.json", JSON.stringify({ name: "dep", type: "module", exports: "./other.js" }));
    settle();
    expect(loadBoth().stdout).toBe('["a","c","dep-2 other","scoped"]');
    expect(loadBoth().stats!.misses).toBe(0);
  });

  it("finds a package installed nearer to the importer", () => {
    mkdirSync(join(project, "src/node_modules"));
    symlinkSync(join(root, "store/dep-3"), join(project, "src/node_modules/dep"), "dir");
    settle();
    expect(loadBoth().stdout).toBe('["a","c","dep-3","scoped"]');
    rmSync(join(project, "src/node_modules"), { recursive: true });
    settle();
    expect(loadBoth().stdout).toBe('["a","c","dep-2 other","scoped"]');
  });

  it("follows a change of module format in package.json", () => {
    write("project/lib/package.json", JSON.stringify({ type: "commonjs" }));
    settle();
    const commonjs = loadBoth();
    expect(commonjs.status).not.toBe(0);
    rmSync(join(project, "lib/package.json"));
    settle();
    expect(loadBoth().stdout).toBe('["a","c","dep-2 other","scoped"]');
  });

  it.each([
    ["by path", "project/src/a.ts", 'export const a: string = "a again";\n'],
    ["by package", "store/dep-2/other.js", 'export const dep = "dep-2 other";\n'],
  ])("reports a removed file imported %s as Node does, and finds it once it is back", (_, path, content) => {
    rmSync(join(root, path));
    settle();
    expect(loadBoth().error).toBe("ERR_MODULE_NOT_FOUND");
    write(path, content);
    settle();
    expect(loadBoth().stdout).toBe('["a again","c","dep-2 other","scoped"]');
  });

  it("does not record a folder that changed just before the run, and records it once it has settled", () => {
    write("project/lib/d.js", "export const d = 1;\n"); // now: too recent to be recorded
    expect(loadBoth().stats!.misses).toBeGreaterThan(0);
    expect(loadBoth().stats!.misses).toBeGreaterThan(0);
    settle();
    loadBoth();
    expect(loadBoth().stats!.misses).toBe(0);
  });

  it("keeps at most maxEntries answers, dropping those least recently used", () => {
    const entries = () => {
      const file = JSON.parse(readFileSync(join(cacheDir, readdirSync(cacheDir)[0]!), "utf8")) as { parents: Record<string, object> };
      return Object.entries(file.parents).flatMap(([parent, answers]) => Object.keys(answers).map((at) => `${parent} ${at}`));
    };
    expect(entries()).toHaveLength(6); // the runner's import of main.ts, and five below it
    write("project/other.ts", 'import { a } from "./src/a.ts";\nexport const values: string[] = [a, "other"];\n');
    settle();
    expect(load(true, "other.ts").stdout).toBe('["a again","other"]');
    const kept = entries();
    expect(kept).toHaveLength(7);
    expect(kept.filter((key) => key.includes("other.ts"))).toHaveLength(2);
  });

  it("drops the answers a run did not use when a folder they depend on changed", () => {
    loadBoth();
    unlinkSync(join(project, "node_modules/dep"));
    symlinkSync(join(root, "store/dep-1"), join(project, "node_modules/dep"), "dir");
    settle();
    expect(load(true, "other.ts").status).toBe(0); // reads the project's folder, but not the import of dep
    expect(loadBoth().stdout).toBe('["a again","c","dep-1","scoped"]');
  });

  it("leaves a specifier that names no file path to Node, with Node's error", () => {
    write("project/bad.ts", 'export { a as values } from "./src%2Fa.ts";\n');
    settle();
    expect(loadBoth("bad.ts").error).toBe("ERR_INVALID_MODULE_SPECIFIER");
    expect(loadBoth("bad.ts").error).toBe("ERR_INVALID_MODULE_SPECIFIER");
  });

  it.each([
    ["not JSON", "{ not json"],
    ["of another version", JSON.stringify({ version: 1, entries: {}, folders: {} })],
    ["incomplete", JSON.stringify({ version: 4, stores: 1, folders: [], conditions: [], states: null, parents: {} })],
  ])("starts afresh from a cache file that is %s", (_, content) => {
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), content);
    const run = loadBoth();
    expect(run.stats!.hits).toBe(0);
    expect(loadBoth().stats!.misses).toBe(0);
  });
});
