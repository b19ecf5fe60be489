/**
 * A SOPS-encrypted Secret source as an object of a cluster: gen copies its
 * file byte for byte, so the MAC and every ciphertext reach the tree as
 * sops wrote them.
 */
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { UserError } from "../errors/user-error.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { rawManifest, type RawManifest } from "../resource/raw-manifest.ts";
import { checkSopsSecretText } from "./check-sops-secret.ts";
import { parseSingleDocument } from "./yaml-document.ts";

/** Options of {@link sopsSecretObject}. */
export interface SopsSecretObjectOptions {
  /**
   * The cluster's age recipients; the file must be encrypted for exactly
   * these.
   * @default none: the recipients are not checked
   */
  readonly recipients?: readonly string[];
  /**
   * The project root: messages name the file relative to it.
   * @default none: messages name the file as given
   */
  readonly root?: string;
}

/**
 * Reads a SOPS-encrypted Secret source (`clusters/<cluster>/secrets/<name>.sops.yaml`)
 * as an object whose file gen copies unchanged. In a cluster definition:
 * `sopsSecretObject(new URL("./secrets/db.sops.yaml", import.meta.url))`;
 * `gen` then checks it is encrypted for exactly the cluster's recipients.
 *
 * @throws {UserError} with every problem {@link checkSopsSecretText} finds:
 *   a plaintext or malformed file never reaches the tree.
 */
export function sopsSecretObject(source: string | URL, options: SopsSecretObjectOptions = {}): RawManifest {
  const file = typeof source === "string" ? source : fileURLToPath(source);
  const where = options.root === undefined ? file : relative(options.root, file).split("\\").join("/");
  const text = readFileSync(file, "utf8");
  const problems = checkSopsSecretText(text, where, options.recipients);
  if (problems.length > 0) throw new UserError(problems);
  return rawManifest(text, parseSingleDocument(text, where) as ApiObject, where);
}
