/**
 * The generate command end to end: the committed models are exactly what
 * the pinned CRDs of the mirror generate, and a mirror file that is not the
 * pinned one stops the generation with a message naming it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { MODEL_SETS } from "../src/generate/model-sets.ts";
import { sha256Hex } from "../src/generate/mirror.ts";
import { readPinnedSets } from "../src/generate/sources.ts";
import { PROJECT_ROOT } from "../src/generate/build.ts";
import { requireMirror } from "./mirror.ts";

const GENERATE = fileURLToPath(new URL("../bin/generate.ts", import.meta.url));

function generate(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [GENERATE, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

it("regenerating from the mirror gives the committed gen/ and exports map byte for byte", () => {
  const mirror = requireMirror();
  const result = generate("--check", "--mirror", mirror);
  expect(result.stderr).toBe("");
  expect(result.stdout).toMatch(/^models are up to date: 5 CRD sets \(crunchydata-pgo v6\.0\.3, flux-operator v0\.58\.1, onepassword-operator v1\.12\.0, strimzi 1\.2\.0, vertical-pod-autoscaler 1\.7\.1\), 21 kinds: /);
  expect(result.status).toBe(0);
});

it("stops with exit code 1 naming the file, the expected and the actual sha256 when a mirror file differs from its pin", () => {
  const real = requireMirror();
  const files = readPinnedSets(PROJECT_ROOT, MODEL_SETS).flatMap((set) => set.files);
  const mirror = mkdtempSync(join(tmpdir(), "models-mirror-"));
  try {
    for (const file of files) cpSync(join(real, file.path), join(mirror, file.path));
    const tampered = files.find((file) => file.path.endsWith("onepassword.com_onepassworditems.yaml"));
    if (tampered === undefined) throw new Error("the onepassword-operator set is not pinned");
    const path = join(mirror, tampered.path);
    writeFileSync(path, `${readFileSync(path, "utf8")}# edited\n`);
    const actual = sha256Hex(readFileSync(path));

    const result = generate("--check", "--mirror", mirror);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `${path}: sha256 mismatch: expected ${tampered.sha256}, actual ${actual}\n` +
        `  hint: the mirror's copy is not the pinned file; fetch it again from ${tampered.url}, or, if upstream changed on purpose, update the pin in schemas/sources.json\n`,
    );
    expect(result.status).toBe(1);
  } finally {
    rmSync(mirror, { recursive: true, force: true });
  }
});

it("stops with exit code 2 saying the mirror is needed when the mirror folder does not exist", () => {
  const missing = join(tmpdir(), "models-no-such-mirror");
  const result = generate("--check", "--mirror", missing);
  expect(result.stderr).toContain(`${missing}: the mirror folder does not exist; the models are generated from the pinned upstream files in it\n`);
  expect(result.status).toBe(2);
});
