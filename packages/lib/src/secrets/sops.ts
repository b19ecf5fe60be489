/**
 * The pinned `sops`, run for age only. Every call passes its keys as flags
 * and reads no `.sops.yaml` (`--config /dev/null`), so what happens
 * depends on the arguments alone. Plaintext travels on stdin and stdout,
 * never through a file; the private key reaches sops as `SOPS_AGE_KEY_FILE`
 * in the environment of the sops process only.
 */
import { resolveTool } from "../tools/install-tools.ts";
import { runTool } from "./run-tool.ts";

/** Which keys of a Secret manifest sops encrypts: its values, nothing else. */
export const SOPS_ENCRYPTED_REGEX = "^(data|stringData)$";

/** Options of every sops call. */
export interface SopsOptions {
  /** The project whose `.tools/` holds the pinned sops. */
  readonly toolsRoot: string;
  /** How the file concerned is named in messages, e.g. `clusters/production/secrets/db.sops.yaml`. */
  readonly where: string;
}

/** The flags every call starts with: no config file, two-space YAML like the rest of the repository. */
const GLOBAL_FLAGS = ["--config", "/dev/null", "--indent", "2"] as const;
const YAML = ["--input-type", "yaml", "--output-type", "yaml"] as const;

function decryptionHint(keyFile: string): string {
  return `check that ${keyFile} is the private key of one of the file's recipients (its sops.age[].recipient)`;
}

/**
 * Encrypts a YAML document for age recipients, encrypting only the values
 * under `data` and `stringData` ({@link SOPS_ENCRYPTED_REGEX}).
 *
 * @param plaintext - the document; passed on stdin.
 * @param recipients - the age recipients, at least one.
 * @returns the encrypted document, with its `sops` metadata.
 */
export async function sopsEncrypt(plaintext: string, recipients: readonly string[], options: SopsOptions): Promise<string> {
  return runTool(
    resolveTool(options.toolsRoot, "sops"),
    [...GLOBAL_FLAGS, "encrypt", "--age", recipients.join(","), "--encrypted-regex", SOPS_ENCRYPTED_REGEX, ...YAML, "--filename-override", "secret.sops.yaml"],
    { input: plaintext, where: options.where, failure: "cannot encrypt" },
  );
}

/**
 * Decrypts a SOPS file into memory and checks its MAC. The file is not
 * changed.
 *
 * @param keyFile - the age private key file.
 * @returns the plaintext document.
 */
export async function sopsDecrypt(file: string, keyFile: string, options: SopsOptions): Promise<string> {
  return runTool(resolveTool(options.toolsRoot, "sops"), [...GLOBAL_FLAGS, "decrypt", ...YAML, file], {
    env: { SOPS_AGE_KEY_FILE: keyFile },
    where: options.where,
    failure: "cannot decrypt",
    hint: decryptionHint(keyFile),
  });
}

/**
 * Sets one value of a SOPS file in place with `sops set`, keeping its data
 * key and every other value's ciphertext.
 *
 * @param path - the sops index, e.g. `["data"]["password"]`.
 * @param jsonValue - the new value, JSON-encoded; passed on stdin.
 * @param keyFile - an age private key that decrypts the file.
 */
export async function sopsSet(file: string, path: string, jsonValue: string, keyFile: string, options: SopsOptions): Promise<void> {
  await runTool(resolveTool(options.toolsRoot, "sops"), [...GLOBAL_FLAGS, "set", "--value-stdin", ...YAML, file, path], {
    input: jsonValue,
    env: { SOPS_AGE_KEY_FILE: keyFile },
    where: options.where,
    failure: "cannot set the value",
    hint: decryptionHint(keyFile),
  });
}

/**
 * Removes one value of a SOPS file in place with `sops unset`.
 *
 * @param path - the sops index, e.g. `["stringData"]["password"]`.
 * @param keyFile - an age private key that decrypts the file.
 */
export async function sopsUnset(file: string, path: string, keyFile: string, options: SopsOptions): Promise<void> {
  await runTool(resolveTool(options.toolsRoot, "sops"), [...GLOBAL_FLAGS, "unset", ...YAML, file, path], {
    env: { SOPS_AGE_KEY_FILE: keyFile },
    where: options.where,
    failure: "cannot remove the value",
    hint: decryptionHint(keyFile),
  });
}

/** Recipients to add to and remove from a file. */
export interface RecipientChange {
  /** age recipients to add. */
  readonly add: readonly string[];
  /** age recipients to remove. */
  readonly remove: readonly string[];
}

/**
 * Re-encrypts a SOPS file in place for a changed recipient list with
 * `sops rotate`: a new data key, every value encrypted again with it, and
 * the data key wrapped for the new recipients only. Unlike `sops
 * updatekeys`, which re-wraps the old data key, this leaves a removed key
 * nothing to decrypt, not even with a data key it unwrapped from an older
 * version of the file in git history.
 *
 * @param keyFile - an age private key that decrypts the file now.
 */
export async function sopsRotate(file: string, change: RecipientChange, keyFile: string, options: SopsOptions): Promise<void> {
  const flags = [
    ...(change.add.length > 0 ? ["--add-age", change.add.join(",")] : []),
    ...(change.remove.length > 0 ? ["--rm-age", change.remove.join(",")] : []),
  ];
  await runTool(resolveTool(options.toolsRoot, "sops"), [...GLOBAL_FLAGS, "rotate", "--in-place", ...YAML, ...flags, file], {
    env: { SOPS_AGE_KEY_FILE: keyFile },
    where: options.where,
    failure: "cannot re-encrypt",
    hint: decryptionHint(keyFile),
  });
}
