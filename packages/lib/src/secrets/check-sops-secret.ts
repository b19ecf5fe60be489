/**
 * Checking a SOPS-encrypted Secret source without decrypting it: that it is
 * a Secret manifest, that it is encrypted, that no value under `data` or
 * `stringData` is plaintext, and that it is encrypted for exactly the
 * cluster's age recipients. Messages name keys, never values.
 */
import { readFileSync } from "node:fs";
import { basename, relative } from "node:path";
import { isUserError, type Problem } from "../errors/user-error.ts";
import { SOPS_SECRET_SUFFIX } from "./layout.ts";
import { describeRecipientDiff, diffRecipients, sameRecipients } from "./recipients.ts";
import { manifestShapeProblems } from "./secret-manifest.ts";
import { isSopsEncryptedValue, readSopsMetadata } from "./sops-metadata.ts";
import { isMapping, parseSingleDocument } from "./yaml-document.ts";

/** The fields of a Secret whose values sops must encrypt. */
const VALUE_FIELDS = ["data", "stringData"] as const;

/** The cluster of a `clusters/<cluster>/secrets/…` path, for hints; `<cluster>` otherwise. */
function clusterOf(where: string): string {
  return /(?:^|\/)clusters\/([^/]+)\/secrets\//.exec(where)?.[1] ?? "<cluster>";
}

/**
 * Checks the text of a SOPS-encrypted Secret source.
 *
 * @param where - how the file is named in messages, e.g.
 *   `clusters/production/secrets/db.sops.yaml`.
 * @param expectedRecipients - the cluster's age recipients; `undefined`
 *   skips the recipient check.
 * @returns every problem found; empty when the file is fine.
 */
export function checkSopsSecretText(text: string, where: string, expectedRecipients: readonly string[] | undefined): Problem[] {
  let document: unknown;
  try {
    document = parseSingleDocument(text, where);
  } catch (error) {
    if (isUserError(error)) return [...error.problems];
    throw error;
  }
  const cluster = clusterOf(where);
  const problems: Problem[] = [];
  const shape = manifestShapeProblems(document, { apiVersion: "v1", kind: "Secret" });
  if (shape.length > 0) problems.push({ where, what: `is not a Secret manifest: ${shape.join("; ")}` });
  const fileName = basename(where);
  const name = isMapping(document) && isMapping(document.metadata) ? document.metadata.name : undefined;
  if (typeof name === "string" && fileName.endsWith(SOPS_SECRET_SUFFIX) && !isSopsEncryptedValue(name) && `${name}${SOPS_SECRET_SUFFIX}` !== fileName) {
    problems.push({
      where: `${where}: metadata.name`,
      what: `is ${JSON.stringify(name)} but the file is named ${fileName}`,
      hint: `rename the file to ${name}${SOPS_SECRET_SUFFIX}, or the Secret to ${fileName.slice(0, -SOPS_SECRET_SUFFIX.length)}`,
    });
  }
  const metadata = readSopsMetadata(document);
  if (metadata === undefined) {
    problems.push({
      where,
      what: "is not encrypted (no sops metadata): its values are plaintext",
      hint: `do not commit it; write it with \`typed-gitops secrets set ${cluster}/<name> <key> --stdin\` instead, and if it was ever pushed, change the values it holds`,
    });
    return problems;
  }
  if (!metadata.hasMac) {
    problems.push({ where, what: "has sops metadata but no sops.mac: it is damaged or was not written by sops" });
  }
  if (isMapping(document)) {
    for (const field of VALUE_FIELDS) {
      const values = document[field];
      if (values === undefined || values === null) continue;
      if (!isMapping(values)) {
        problems.push({ where: `${where}: ${field}`, what: "is not a mapping of keys to values" });
        continue;
      }
      for (const [key, value] of Object.entries(values)) {
        if (isSopsEncryptedValue(value)) continue;
        problems.push({
          where: `${where}: ${field}.${key}`,
          what: "is plaintext, expected an encrypted ENC[AES256_GCM,…] value",
          hint: "values are written by `typed-gitops secrets set` or `secrets edit`, never by hand: restore the file from git, and if the plaintext was ever pushed, change the value",
        });
      }
    }
  }
  const diff = diffRecipients(metadata.ageRecipients, expectedRecipients ?? metadata.ageRecipients);
  if (!sameRecipients(diff)) {
    problems.push({
      where,
      what: `is encrypted for other age recipients than the cluster's: ${describeRecipientDiff(diff)}`,
      hint: `re-encrypt it for the cluster's recipients (secrets.sops.ageRecipients): \`typed-gitops secrets rotate ${cluster}\``,
    });
  }
  if (metadata.otherKeys.length > 0) {
    problems.push({
      where,
      what: `is also encrypted for keys other than age: ${metadata.otherKeys.join(", ")}`,
      hint: "remove them with `sops rotate --in-place --rm-<kind> …`: the cluster's secrets are encrypted for its age recipients only",
    });
  }
  return problems;
}

/** Options of {@link checkSopsSecret}. */
export interface CheckSopsSecretOptions {
  /**
   * The project root: messages name the file relative to it.
   * @default none: messages name the file as given
   */
  readonly root?: string;
}

/**
 * Checks a SOPS-encrypted Secret source file without decrypting it.
 *
 * @param file - the file's path.
 * @param expectedRecipients - the cluster's age recipients; `undefined`
 *   skips the recipient check.
 * @returns every problem found; empty when the file is fine.
 */
export function checkSopsSecret(file: string, expectedRecipients: readonly string[] | undefined, options: CheckSopsSecretOptions = {}): Problem[] {
  const where = options.root === undefined ? file : relative(options.root, file).split("\\").join("/");
  return checkSopsSecretText(readFileSync(file, "utf8"), where, expectedRecipients);
}
