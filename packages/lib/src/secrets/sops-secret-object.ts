/**
 * A SOPS-encrypted Secret source as an object of a cluster: gen copies its
 * file byte for byte, so the MAC and every ciphertext reach the tree as
 * sops wrote them.
 */
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { UserError } from "../errors/user-error.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { rawManifest, unavailableManifest } from "../resource/raw-manifest.ts";
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
   * @default process.cwd()
   */
  readonly root?: string;
}

/**
 * Reads a SOPS-encrypted Secret source (`clusters/<cluster>/secrets/<name>.sops.yaml`)
 * as an object whose file gen copies unchanged. In a cluster definition:
 * `sopsSecretObject(new URL("./secrets/db.sops.yaml", import.meta.url))`;
 * `gen` then checks it is encrypted for exactly the cluster's recipients.
 *
 * When the file does not exist yet, a stand-in is returned that `gen`
 * reports, so the definition still loads for `secrets set` to create it.
 *
 * @throws {UserError} with every problem {@link checkSopsSecretText} finds:
 *   a plaintext or malformed file never reaches the tree.
 */
export function sopsSecretObject(source: string | URL, options: SopsSecretObjectOptions = {}): ApiObject {
  const file = typeof source === "string" ? source : fileURLToPath(source);
  const where = relative(options.root ?? process.cwd(), file).split("\\").join("/");
  if (!existsSync(file)) {
    const ref = /(?:^|\/)clusters\/([^/]+)\/secrets\/([^/]+)\.sops\.yaml$/.exec(where);
    return unavailableManifest("Secret", ref?.[2] ?? where, {
      where,
      what: "does not exist",
      hint: ref === null ? "create it with `typed-gitops secrets set`" : `create it with \`printf '%s' "$VALUE" | pnpm secrets set ${ref[1]}/${ref[2]} <key> --stdin --namespace <namespace>\``,
    });
  }
  const text = readFileSync(file, "utf8");
  const problems = checkSopsSecretText(text, where, options.recipients);
  if (problems.length > 0) throw new UserError(problems);
  return rawManifest(text, parseSingleDocument(text, where) as ApiObject, where);
}
