/**
 * Getting the pinned source files, from their upstream URLs or from a
 * local mirror, and checking every file against its sha256.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { EnvironmentError, isUserError, UserError, type Problem } from "../errors/user-error.ts";
import { SOURCES_FILE, type SourceFile } from "./sources.ts";

/** Options of {@link readSourceFiles}. */
export interface ReadSourceFilesOptions {
  /**
   * A folder laid out like the upstream mirror; each file is read from
   * `<mirror>/<path>` instead of being downloaded.
   * @default undefined (download every file from its `url`)
   */
  readonly mirror?: string;
  /**
   * How many downloads run at once.
   * @default 8
   */
  readonly concurrency?: number;
}

/** The sha256 of some bytes, as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function download(file: SourceFile): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(file.url);
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new EnvironmentError({
      where: file.url,
      what: `cannot download ${file.path}: ${cause}`,
      hint: "check the network, or build from a local mirror with `--mirror DIR` (see schemas/README.md)",
    });
  }
  if (!response.ok) {
    throw new EnvironmentError({
      where: file.url,
      what: `cannot download ${file.path}: HTTP ${response.status} ${response.statusText}`,
      hint: "check the URL in schemas/sources.json, or build from a local mirror with `--mirror DIR`",
    });
  }
  return new Uint8Array(await response.arrayBuffer());
}

function readMirrored(mirror: string, file: SourceFile): Uint8Array {
  const path = join(mirror, file.path);
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new EnvironmentError({
      where: path,
      what: `the mirror has no ${file.path}`,
      hint: `copy it from ${file.url} into the mirror, or build without --mirror to download it`,
    });
  }
}

/**
 * Reads or downloads every file and checks its sha256. All failures are
 * reported together (as an {@link EnvironmentError} when every failure is
 * one).
 *
 * @returns the bytes of each file, by mirror path.
 * @throws {EnvironmentError} when the mirror folder or a file in it is
 *   missing, or a download fails.
 * @throws {UserError} when a file's sha256 differs from the pinned one,
 *   naming the file, the expected and the actual hash.
 */
export async function readSourceFiles(files: readonly SourceFile[], options: ReadSourceFilesOptions = {}): Promise<Map<string, Uint8Array>> {
  const { mirror } = options;
  if (mirror !== undefined && !(existsSync(mirror) && statSync(mirror).isDirectory())) {
    throw new EnvironmentError({
      where: mirror,
      what: "the mirror folder does not exist",
      hint: "pass the folder that holds kubernetes/, crds/ and flux-install/ (e.g. `--mirror ../shared/upstream`), or leave out --mirror to download",
    });
  }
  const problems: Problem[] = [];
  let onlyEnvironment = true;
  const out = new Map<string, Uint8Array>();
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      try {
        const bytes = mirror === undefined ? await download(file) : readMirrored(mirror, file);
        const actual = sha256Hex(bytes);
        if (actual !== file.sha256) {
          throw new UserError({
            where: `${SOURCES_FILE}: ${file.path}`,
            what: `sha256 mismatch: expected ${file.sha256}, got ${actual} (from ${mirror === undefined ? file.url : join(mirror, file.path)})`,
            hint: "the file is not the pinned one; if the new content is intended, update its sha256 in schemas/sources.json",
          });
        }
        out.set(file.path, bytes);
      } catch (error) {
        if (!isUserError(error)) throw error;
        if (error.name !== "EnvironmentError") onlyEnvironment = false;
        problems.push(...error.problems);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, mirror === undefined ? (options.concurrency ?? 8) : 1) }, worker));
  if (problems.length > 0) throw onlyEnvironment ? new EnvironmentError(problems) : new UserError(problems);
  return out;
}
