/**
 * `secrets verify`: every secret source of a cluster is what it must be —
 * SOPS Secrets encrypted, for exactly the cluster's recipients, without a
 * plaintext value (and, given a key, decryptable with it); SealedSecrets
 * well-formed; and nothing else in those folders.
 */
import { existsSync, readFileSync } from "node:fs";
import { ProblemList } from "../errors/user-error.ts";
import { checkSopsSecret } from "./check-sops-secret.ts";
import { SOPS_SECRET_SUFFIX, checkClusterName, inRoot, sealedSecretsFolder, sopsSecretsFolder } from "./layout.ts";
import { listFolder } from "./list-secret-files.ts";
import { checkSealedSecretText } from "./sealed-secret-file.ts";
import { readSopsFileMetadata } from "./sops-metadata.ts";
import { sopsDecrypt } from "./sops.ts";

/** Whether a file parses and has sops metadata (its other problems are reported by the checks). */
function isEncrypted(file: string, where: string): boolean {
  try {
    return readSopsFileMetadata(file, where) !== undefined;
  } catch {
    return false;
  }
}

/** Options of {@link verifySecrets}. */
export interface VerifySecretsOptions {
  /** The project root. */
  readonly root: string;
  /** The cluster. */
  readonly cluster: string;
  /**
   * The cluster's age recipients (`secrets.sops.ageRecipients`);
   * `undefined` when the cluster declares none (then any SOPS file is a problem).
   */
  readonly recipients: readonly string[] | undefined;
  /**
   * An age private key every SOPS file must decrypt with (in memory; the
   * plaintext is dropped).
   * @default none: nothing is decrypted
   */
  readonly keyFile?: string;
  /**
   * The project whose `.tools/` holds the pinned sops.
   * @default root
   */
  readonly toolsRoot?: string;
}

/** What {@link verifySecrets} checked. */
export interface VerifySecretsResult {
  /** The SOPS Secret files, relative to the root. */
  readonly sops: readonly string[];
  /** The SealedSecret files, relative to the root. */
  readonly sealed: readonly string[];
  /** Whether each SOPS file was decrypted with the key. */
  readonly decrypted: boolean;
}

/**
 * Verifies the secret sources of a cluster.
 *
 * @throws {UserError} with every problem found, in every file.
 */
export async function verifySecrets(options: VerifySecretsOptions): Promise<VerifySecretsResult> {
  const cluster = checkClusterName(options.cluster);
  const toolsRoot = options.toolsRoot ?? options.root;
  const problems = new ProblemList();
  const sops: string[] = [];
  const sealed: string[] = [];

  for (const entry of listFolder(options.root, sopsSecretsFolder(cluster))) {
    if (!entry.isFile || !entry.path.endsWith(SOPS_SECRET_SUFFIX)) {
      problems.add({ where: entry.path, what: `is not a *${SOPS_SECRET_SUFFIX} file: only SOPS-encrypted Secrets belong in ${sopsSecretsFolder(cluster)}/`, hint: "if it holds plaintext, delete it, and change the values if it was ever pushed" });
      continue;
    }
    sops.push(entry.path);
  }
  if (sops.length > 0 && options.recipients === undefined) {
    problems.add({
      where: `clusters/${cluster}: secrets.sops.ageRecipients`,
      what: `is not set, but the cluster has ${sops.length} SOPS secret${sops.length === 1 ? "" : "s"}`,
      hint: "add the cluster's age recipients to its definition",
    });
  }
  if (options.keyFile !== undefined && !existsSync(options.keyFile)) {
    problems.add({ where: options.keyFile, what: "no such age key file" });
  }
  for (const where of sops) {
    const file = inRoot(options.root, where);
    for (const problem of checkSopsSecret(file, options.recipients, { root: options.root })) problems.add(problem);
    if (options.keyFile === undefined || !existsSync(options.keyFile) || !isEncrypted(file, where)) continue;
    try {
      await sopsDecrypt(file, options.keyFile, { toolsRoot, where });
    } catch (error) {
      problems.collect(error);
    }
  }

  for (const entry of listFolder(options.root, sealedSecretsFolder(cluster))) {
    if (!entry.isFile || !entry.path.endsWith(".yaml")) {
      problems.add({ where: entry.path, what: `is not a *.yaml file: only SealedSecrets belong in ${sealedSecretsFolder(cluster)}/` });
      continue;
    }
    sealed.push(entry.path);
    for (const problem of checkSealedSecretText(readFileSync(inRoot(options.root, entry.path), "utf8"), entry.path)) problems.add(problem);
  }
  problems.throwIfAny();
  return { sops, sealed, decrypted: options.keyFile !== undefined };
}
