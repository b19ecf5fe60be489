/**
 * Where the start-up snapshot of the library lives and whether it matches
 * the code on disk. The command line loads this module before anything
 * else, so it uses only `node:fs` and `node:path` and reads file states,
 * not files.
 *
 * Beside the snapshot, a manifest records its key and the library modules
 * it holds (with the two that build it). The key is a hash of Node's
 * version and platform, the format of the snapshot, the size and
 * modification time of each of those modules,
 * the library's `package.json`, and the installed location of each of the
 * library's dependencies (pnpm installs each version in a folder of its
 * own). Any edit of a module in the snapshot, any install and any Node
 * upgrade gives another key, and the snapshot is then not used: a command
 * runs from the sources until `typed-gitops snapshot` builds it again.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Bumped whenever what a snapshot holds or how it starts changes. */
const SNAPSHOT_FORMAT = "4";

/** The library's package folder (holds `package.json`, `src/`, `bin/`). */
export const LIB_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The environment variable that turns the snapshot off: `TYPED_GITOPS_SNAPSHOT=off`. */
export const SNAPSHOT_ENV = "TYPED_GITOPS_SNAPSHOT";

/** What the manifest beside a snapshot records. */
export interface SnapshotManifest {
  /** The key the snapshot was built for. */
  readonly key: string;
  /** The snapshot's file name, in the same folder. */
  readonly blob: string;
  /** The Node binary that built it: the only one that can start from it. */
  readonly node: string;
  /** The library modules it holds, relative to the library's folder, `/`-separated, in code-unit order. */
  readonly modules: readonly string[];
}

/** The folder of the snapshot and its manifest, under the library's `node_modules` (never committed). */
export function snapshotDir(libRoot: string = LIB_ROOT): string {
  return join(libRoot, "node_modules", ".cache", "typed-gitops", "startup-snapshot");
}

/** The manifest's file. */
export function manifestPath(libRoot: string = LIB_ROOT): string {
  return join(snapshotDir(libRoot), "manifest.json");
}

/** Two 32-bit FNV-1a hashes of `text` with different offsets, as 16 hex digits: enough to tell states apart. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x2b3c4d5e;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/**
 * The key of the code on disk for a snapshot holding `modules` (see the
 * module's comment). A module that no longer exists gives a key no
 * snapshot has.
 */
export function snapshotKey(modules: readonly string[], libRoot: string = LIB_ROOT): string {
  let text = `${SNAPSHOT_FORMAT}\n${process.version}\n${process.platform}\n${process.arch}\n`;
  for (const path of modules) {
    try {
      const stat = statSync(join(libRoot, path));
      text += `${path}\n${stat.size}\n${stat.mtimeMs}\n`;
    } catch {
      text += `${path}\n-\n`;
    }
  }
  const manifest = readFileSync(join(libRoot, "package.json"), "utf8");
  text += manifest;
  const dependencies = Object.keys((JSON.parse(manifest) as { dependencies?: Record<string, string> }).dependencies ?? {}).sort();
  for (const name of dependencies) {
    const folder = join(libRoot, "node_modules", name);
    text += `${name}\n${existsSync(folder) ? realpathSync(folder) : "-"}\n`;
  }
  return fingerprint(text);
}

/** The manifest of the snapshot built last, or `undefined` when there is none (or it cannot be read). */
export function readManifest(libRoot: string = LIB_ROOT): SnapshotManifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath(libRoot), "utf8")) as SnapshotManifest;
    return typeof manifest.key === "string" && typeof manifest.blob === "string" && typeof manifest.node === "string" && Array.isArray(manifest.modules) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The snapshot to start from: the one built last, when it matches the code
 * on disk, was built by the Node binary running now, and the snapshot is not
 * turned off (`TYPED_GITOPS_SNAPSHOT=off`); otherwise `undefined`, and the
 * command runs from the sources.
 */
export function currentSnapshot(libRoot: string = LIB_ROOT, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env[SNAPSHOT_ENV] === "off") return undefined;
  const manifest = readManifest(libRoot);
  if (manifest === undefined || manifest.node !== process.execPath || snapshotKey(manifest.modules, libRoot) !== manifest.key) return undefined;
  const path = join(snapshotDir(libRoot), manifest.blob);
  return existsSync(path) ? path : undefined;
}
