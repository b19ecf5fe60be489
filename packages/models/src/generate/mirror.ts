/**
 * Reading the pinned files from a local mirror laid out like the upstream
 * mirror, and checking each against its sha256.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { EnvironmentError, UserError, type Problem } from "./errors.ts";
import type { PinnedFile } from "./sources.ts";

/** The sha256 of some bytes, as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reads every file from `<mirror>/<path>` and checks its sha256. All
 * failures are reported together.
 *
 * @returns the bytes of each file, by mirror path.
 * @throws {EnvironmentError} when the mirror folder or files in it are missing.
 * @throws {UserError} when files differ from their pins, naming each file, the
 *   expected and the actual sha256.
 */
export function readMirroredFiles(mirror: string, files: readonly PinnedFile[]): Map<string, Buffer> {
  if (!(existsSync(mirror) && statSync(mirror).isDirectory())) {
    throw new EnvironmentError({
      where: mirror,
      what: "the mirror folder does not exist; the models are generated from the pinned upstream files in it",
      hint: "pass the folder laid out like the upstream mirror (crds/, flux-install/, kubernetes/) with --mirror DIR; on the team's machines it is ../shared/upstream beside the project",
    });
  }
  const missing: Problem[] = [];
  const mismatched: Problem[] = [];
  const read = new Map<string, Buffer>();
  for (const file of files) {
    const path = join(mirror, file.path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      missing.push({ where: path, what: `the mirror has no ${file.path}`, hint: `copy it from ${file.url} into the mirror` });
      continue;
    }
    const actual = sha256Hex(bytes);
    if (actual !== file.sha256) {
      mismatched.push({
        where: path,
        what: `sha256 mismatch: expected ${file.sha256}, actual ${actual}`,
        hint: `the mirror's copy is not the pinned file; fetch it again from ${file.url}, or, if upstream changed on purpose, update the pin in schemas/sources.json`,
      });
      continue;
    }
    read.set(file.path, bytes);
  }
  if (mismatched.length > 0) throw new UserError([...mismatched, ...missing]);
  if (missing.length > 0) throw new EnvironmentError(missing);
  return read;
}
