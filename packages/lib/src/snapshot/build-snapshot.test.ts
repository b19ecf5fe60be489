/**
 * The start-up snapshot, built for real (rolldown, `node --build-snapshot`)
 * and started from: `gen` renders the same bytes, reports the same problems
 * with the same exit codes, and shares the library with the definitions,
 * as when it runs from the sources.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStartupSnapshot } from "./build-snapshot.ts";
import { LIB_ROOT, readManifest } from "./snapshot-file.ts";

const BIN = join(LIB_ROOT, "bin", "typed-gitops.js");
const LAUNCHER = join(LIB_ROOT, "bin", "typed-gitops");
const REPO_ROOT = join(LIB_ROOT, "..", "..");
const LIB_INDEX = pathToFileURL(join(LIB_ROOT, "src", "index.ts")).href;
const YAML_EMIT = pathToFileURL(join(LIB_ROOT, "src", "render", "yaml-emit.ts")).href;
const KUBERNETES_MODELS = pathToFileURL(join(REPO_ROOT, "node_modules", "kubernetes-models")).href;

let snapshot: string;
let work: string;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <args>` with the snapshot on or off (`TYPED_GITOPS_SNAPSHOT`). */
function node(args: readonly string[], snapshotOn: boolean): Run {
  const env = { ...process.env, TYPED_GITOPS_SNAPSHOT: snapshotOn ? "on" : "off" };
  const result = spawnSync(process.execPath, [...args], { encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the shell launcher `bin/typed-gitops` (what pnpm runs) with the snapshot on or off. */
function launcher(args: readonly string[], snapshotOn: boolean): Run {
  const env = { ...process.env, TYPED_GITOPS_SNAPSHOT: snapshotOn ? "on" : "off", PATH: `${join(process.execPath, "..")}:${process.env.PATH ?? ""}` };
  const result = spawnSync("/bin/sh", [LAUNCHER, ...args], { encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A cluster that records where its import of the library led: a module of
 * the snapshot (`typed-gitops-snapshot:file:…`) or the file itself.
 */
function recordingCluster(): string {
  return `
import { writeFileSync } from "node:fs";
import { defineCluster } from ${JSON.stringify(LIB_INDEX)};
writeFileSync(new URL("../../library.txt", import.meta.url), import.meta.resolve(${JSON.stringify(LIB_INDEX)}));
export default defineCluster({ name: "demo", components: {} });
`;
}

/** Every file under `dir` with its content, by relative path. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    try {
      files[path] = readFileSync(join(dir, path), "utf8");
    } catch {
      // a folder
    }
  }
  return files;
}

/** A project with one cluster whose definition is `cluster`. */
function project(name: string, cluster: string): string {
  const root = join(work, name);
  mkdirSync(join(root, "clusters", "demo"), { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  writeFileSync(join(root, "clusters", "demo", "cluster.ts"), cluster);
  return root;
}

/** A cluster of a Namespace and a ConfigMap whose data the library's emitter writes (a module the snapshot does not share). */
function demoCluster(): string {
  return `
import { defineCluster } from ${JSON.stringify(LIB_INDEX)};
import { emitDocument } from ${JSON.stringify(YAML_EMIT)};
import { ConfigMap } from ${JSON.stringify(`${KUBERNETES_MODELS}/v1/ConfigMap.js`)};
import { Namespace } from ${JSON.stringify(`${KUBERNETES_MODELS}/v1/Namespace.js`)};

const settings = { mode: "on", retries: 3 };
export default defineCluster({
  name: "demo",
  components: {
    "apps/demo": [
      new Namespace({ metadata: { name: "demo" } }),
      new ConfigMap({ metadata: { name: "settings", namespace: "demo" }, data: { "settings.yaml": emitDocument(settings) } }),
    ],
  },
});
`;
}

beforeAll(async () => {
  snapshot = (await buildStartupSnapshot()).path;
  work = mkdtempSync(join(tmpdir(), "typed-gitops-snapshot-"));
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("the start-up snapshot", () => {
  it("holds the library's modules on gen's path, and no test or worker entry", () => {
    const modules = readManifest()?.modules ?? [];
    expect(modules).toContain("src/index.ts");
    expect(modules).toContain("src/cli/commands/gen.ts");
    expect(modules).toContain("src/snapshot/run-from-snapshot.ts");
    expect(modules).toContain("src/snapshot/build-snapshot.ts");
    expect(modules.filter((module) => module.endsWith(".test.ts") || module.endsWith("-worker.ts") || module.includes("/scripts/"))).toEqual([]);
  });

  it("renders the repository's clusters to the committed bytes, as the sources do", () => {
    const fromSnapshot = node(["--snapshot-blob", snapshot, "gen", "--check", "--root", REPO_ROOT], true);
    expect(fromSnapshot.stderr).toBe("");
    expect(fromSnapshot.status).toBe(0);
    const fromSources = node([BIN, "gen", "--check", "--root", REPO_ROOT], false);
    expect(fromSources.status).toBe(0);
    expect(fromSnapshot.stdout).toBe(fromSources.stdout);
  });

  it("writes the same tree as the sources, started directly and through the command line", () => {
    const a = project("same-a", demoCluster());
    const b = project("same-b", demoCluster());
    const c = project("same-c", demoCluster());
    const direct = node(["--snapshot-blob", snapshot, "gen", "--root", a], true);
    const viaSources = node([BIN, "gen", "--root", b], false);
    const viaCommandLine = node([BIN, "gen", "--root", c], true);
    for (const run of [direct, viaSources, viaCommandLine]) expect(run.status).toBe(0);
    expect(direct.stdout).toBe(viaSources.stdout);
    expect(viaCommandLine.stdout).toBe(viaSources.stdout);
    expect(tree(join(a, "generated"))).toEqual(tree(join(b, "generated")));
    expect(tree(join(c, "generated"))).toEqual(tree(join(b, "generated")));
  });

  it("is what gen starts from through both command lines, and the definitions get its library", () => {
    for (const [name, run] of [
      ["via-js", () => node([BIN, "gen", "--root", join(work, "via-js")], true)],
      ["via-launcher", () => launcher(["gen", "--root", join(work, "via-launcher")], true)],
    ] as const) {
      project(name, recordingCluster());
      expect(run().status).toBe(0);
      expect(readFileSync(join(work, name, "library.txt"), "utf8")).toBe(`typed-gitops-snapshot:${LIB_INDEX}`);
    }
  });

  it("is not used with TYPED_GITOPS_SNAPSHOT=off, by every other command, or when started from a snapshot that is not the current one", () => {
    const copy = join(work, "copy.blob");
    writeFileSync(copy, readFileSync(snapshot));
    const runs = [
      ["off-js", (root: string) => node([BIN, "gen", "--root", root], false)],
      ["off-launcher", (root: string) => launcher(["gen", "--root", root], false)],
      ["check-command", (root: string) => launcher(["check", "--root", root], true)],
      ["not-current", (root: string) => node(["--snapshot-blob", copy, "gen", "--root", root], true)],
    ] as const;
    for (const [name, run] of runs) {
      const root = project(name, recordingCluster());
      const result = run(root);
      expect(result.stderr, name).not.toContain("internal error");
      expect(readFileSync(join(root, "library.txt"), "utf8"), name).toBe(LIB_INDEX);
    }
  });

  it("reports a definition's mistakes with the same words and exit code", () => {
    const broken = `
import { defineCluster } from ${JSON.stringify(LIB_INDEX)};
export default defineCluster({ name: "demo", components: { "apps/demo": [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "Not_A_Name" } }] }, unknownField: 1 });
`;
    const a = project("broken-a", broken);
    const viaSnapshot = node(["--snapshot-blob", snapshot, "gen", "--root", a], true);
    const viaSources = node([BIN, "gen", "--root", a], false);
    expect(viaSnapshot.status).toBe(1);
    expect(viaSources.status).toBe(1);
    expect(viaSnapshot.stderr).toBe(viaSources.stderr);
    expect(viaSnapshot.stderr).toContain("unknownField");
  });

  it("turns a definition that fails to load into the same problem", () => {
    const failing = `import { defineCluster } from ${JSON.stringify(LIB_INDEX)};\nthrow new Error("no such secret file");\nexport default defineCluster({ name: "demo", components: {} });\n`;
    const a = project("failing", failing);
    const viaSnapshot = node(["--snapshot-blob", snapshot, "gen", "--root", a], true);
    const viaCommandLine = node([BIN, "gen", "--root", a], true);
    const viaSources = node([BIN, "gen", "--root", a], false);
    expect(viaSnapshot.status).toBe(1);
    expect(viaCommandLine.status).toBe(1);
    expect(viaSnapshot.stderr).toBe(viaSources.stderr);
    expect(viaCommandLine.stderr).toBe(viaSources.stderr);
    expect(viaSnapshot.stderr).toContain("no such secret file");
  });
});
