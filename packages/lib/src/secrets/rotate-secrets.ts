/**
 * `secrets rotate`: re-encrypt every SOPS Secret of a cluster whose
 * recipients differ from the cluster's, with a new data key, so a removed
 * recipient's key decrypts nothing any more.
 */
import { existsSync } from "node:fs";
import { ProblemList, UserError } from "../errors/user-error.ts";
import { checkRecipientList } from "./age.ts";
import { changeThroughCopy } from "./atomic-file.ts";
import { ageKeyFile, checkClusterName, inRoot } from "./layout.ts";
import { listSopsSecretFiles } from "./list-secret-files.ts";
import { diffRecipients, sameRecipients } from "./recipients.ts";
import { readSopsFileMetadata } from "./sops-metadata.ts";
import { sopsRotate } from "./sops.ts";

/** Options of {@link rotateSecrets}. */
export interface RotateSecretsOptions {
  /** The project root. */
  readonly root: string;
  /** The cluster. */
  readonly cluster: string;
  /** The cluster's age recipients now (`secrets.sops.ageRecipients`). */
  readonly recipients: readonly string[];
  /**
   * An age private key that decrypts the files as they are (a recipient
   * being kept or removed).
   * @default `<root>/.secrets/age/<cluster>.agekey`
   */
  readonly keyFile?: string;
  /**
   * The project whose `.tools/` holds the pinned sops.
   * @default root
   */
  readonly toolsRoot?: string;
  /**
   * Called after each file, in code-unit order of path.
   * @default none
   */
  readonly onFile?: (result: RotatedFile) => void;
}

/** What happened to one file. */
export interface RotatedFile {
  /** The file, relative to the root. */
  readonly file: string;
  /** `rotated` (re-encrypted), or `unchanged` (already encrypted for exactly the recipients; untouched). */
  readonly outcome: "rotated" | "unchanged";
  /** Recipients added. */
  readonly added: readonly string[];
  /** Recipients removed. */
  readonly removed: readonly string[];
}

/**
 * Re-encrypts, with `sops rotate`, each `clusters/<cluster>/secrets/*.sops.yaml`
 * whose age recipients differ from `recipients`: a new data key, every
 * value encrypted again, the data key wrapped for exactly `recipients`.
 * Files already encrypted for exactly `recipients` are left untouched.
 * Each file is replaced atomically; a failure leaves it as it was, and the
 * other files are still processed.
 *
 * @throws {UserError} after processing every file, with each file that is
 *   not encrypted or could not be re-encrypted.
 */
export async function rotateSecrets(options: RotateSecretsOptions): Promise<RotatedFile[]> {
  const cluster = checkClusterName(options.cluster);
  const recipients = checkRecipientList(options.recipients, `clusters/${cluster}: secrets.sops.ageRecipients`);
  const toolsRoot = options.toolsRoot ?? options.root;
  const keyFile = options.keyFile ?? inRoot(options.root, ageKeyFile(cluster));
  const files = listSopsSecretFiles(options.root, cluster);
  if (files.length > 0 && !existsSync(keyFile)) {
    throw new UserError({ where: keyFile, what: "no such age key file", hint: "pass, with --key, the private key of a recipient the files are encrypted for now" });
  }
  const problems = new ProblemList();
  const results: RotatedFile[] = [];
  for (const where of files) {
    try {
      const file = inRoot(options.root, where);
      const metadata = readSopsFileMetadata(file, where);
      if (metadata === undefined) {
        problems.add({ where, what: "is not encrypted (no sops metadata); it was not rotated", hint: "run `typed-gitops secrets verify` to see every problem" });
        continue;
      }
      const diff = diffRecipients(metadata.ageRecipients, recipients);
      let result: RotatedFile = { file: where, outcome: "unchanged", added: [], removed: [] };
      if (!sameRecipients(diff)) {
        await changeThroughCopy(file, (copy) => sopsRotate(copy, { add: diff.missing, remove: diff.extra }, keyFile, { toolsRoot, where }));
        const after = readSopsFileMetadata(file, where);
        if (after === undefined || !sameRecipients(diffRecipients(after.ageRecipients, recipients))) {
          problems.add({ where, what: "was re-encrypted, but not for exactly the cluster's recipients" });
          continue;
        }
        result = { file: where, outcome: "rotated", added: diff.missing, removed: diff.extra };
      }
      results.push(result);
      options.onFile?.(result);
    } catch (error) {
      problems.collect(error);
    }
  }
  problems.throwIfAny();
  return results;
}
