/**
 * The secret source files of a cluster, as they are on disk.
 */
import { readdirSync } from "node:fs";
import { SOPS_SECRET_SUFFIX, inRoot, sealedSecretsFolder, sopsSecretsFolder } from "./layout.ts";

/** One entry of a secrets folder. */
export interface SecretFolderEntry {
  /** The path relative to the root, `/`-separated. */
  readonly path: string;
  /** Whether it is a regular file (not a folder, link or anything else). */
  readonly isFile: boolean;
}

function byPath(a: SecretFolderEntry, b: SecretFolderEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * Lists every entry of a folder of the project, in code-unit order; empty
 * when the folder does not exist.
 *
 * @param folder - relative to the root, `/`-separated.
 */
export function listFolder(root: string, folder: string): SecretFolderEntry[] {
  let entries;
  try {
    entries = readdirSync(inRoot(root, folder), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries.map((entry) => ({ path: `${folder}/${entry.name}`, isFile: entry.isFile() })).sort(byPath);
}

/** The SOPS Secret sources of a cluster (`clusters/<cluster>/secrets/*.sops.yaml`, files only), relative to the root, in code-unit order. */
export function listSopsSecretFiles(root: string, cluster: string): string[] {
  return listFolder(root, sopsSecretsFolder(cluster))
    .filter((entry) => entry.isFile && entry.path.endsWith(SOPS_SECRET_SUFFIX))
    .map((entry) => entry.path);
}

/** The SealedSecret sources of a cluster (`clusters/<cluster>/sealed/*.yaml`, files only), relative to the root, in code-unit order. */
export function listSealedSecretFiles(root: string, cluster: string): string[] {
  return listFolder(root, sealedSecretsFolder(cluster))
    .filter((entry) => entry.isFile && entry.path.endsWith(".yaml"))
    .map((entry) => entry.path);
}
