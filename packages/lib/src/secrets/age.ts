/**
 * age key pairs, made and read with the pinned `age-keygen`. The private
 * key goes straight from age-keygen into its file (mode 0600, never
 * overwritten); only the public recipient passes through this process.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { UserError } from "../errors/user-error.ts";
import { resolveTool } from "../tools/install-tools.ts";
import { runTool } from "./run-tool.ts";

/** An age X25519 recipient: `age1` followed by 58 bech32 characters. */
export const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/**
 * Returns why `value` is not an age X25519 recipient, or `undefined` when
 * it is one.
 */
export function ageRecipientProblem(value: string): string | undefined {
  if (AGE_RECIPIENT.test(value)) return undefined;
  if (value.startsWith("AGE-SECRET-KEY-")) return "is an age private key, not a recipient: give the public key (age1…) and keep the private key out of the definitions";
  return `${JSON.stringify(value)} is not an age recipient (age1 followed by 58 bech32 characters)`;
}

/** A key pair made by {@link generateAgeKey}. */
export interface AgeKeyPair {
  /** The public recipient, `age1…`: what secrets are encrypted for. */
  readonly recipient: string;
  /** The file holding the private key (mode 0600). */
  readonly keyFile: string;
}

/** Options of {@link generateAgeKey} and {@link ageRecipientOf}. */
export interface AgeToolOptions {
  /** The project whose `.tools/` holds the pinned age-keygen. */
  readonly toolsRoot: string;
  /**
   * How the key file is named in messages.
   * @default the key file's path as given
   */
  readonly where?: string;
}

/**
 * Makes a new age key pair with the pinned `age-keygen`, writing the private
 * key to `keyFile` with mode 0600 (its folder is created with mode 0700).
 *
 * @throws {UserError} when `keyFile` exists: a key is never overwritten.
 */
export async function generateAgeKey(keyFile: string, options: AgeToolOptions): Promise<AgeKeyPair> {
  const where = options.where ?? keyFile;
  if (existsSync(keyFile)) {
    throw new UserError({
      where,
      what: "already exists; an age key is never overwritten",
      hint: "to replace it, move it away first (secrets encrypted for it can then only be decrypted with the moved key)",
    });
  }
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  // age-keygen opens the file with O_EXCL and mode 0600: a file created in the meantime is not overwritten either.
  await runTool(resolveTool(options.toolsRoot, "age-keygen"), ["-o", keyFile], { where, failure: "cannot create the age key" });
  return { recipient: await ageRecipientOf(keyFile, options), keyFile };
}

/**
 * Returns the public recipient of an age private key file.
 *
 * @throws {UserError} when the file is missing or holds no age key.
 */
export async function ageRecipientOf(keyFile: string, options: AgeToolOptions): Promise<string> {
  const where = options.where ?? keyFile;
  if (!existsSync(keyFile)) throw new UserError({ where, what: "no such age key file" });
  const output = await runTool(resolveTool(options.toolsRoot, "age-keygen"), ["-y", keyFile], { where, failure: "is not an age key file" });
  const recipients = output.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  if (recipients.length === 0 || recipients.some((recipient) => !AGE_RECIPIENT.test(recipient))) {
    throw new UserError({ where, what: "holds no age X25519 key" });
  }
  return recipients[0]!;
}

/**
 * Checks a cluster's recipient list before anything is encrypted for it.
 *
 * @param where - where the list comes from, e.g.
 *   `clusters/production/cluster.ts: secrets.sops.ageRecipients`.
 * @throws {UserError} when the list is empty or holds anything but age
 *   recipients, naming each bad entry by index.
 */
export function checkRecipientList(recipients: readonly string[], where: string): readonly string[] {
  if (recipients.length === 0) {
    throw new UserError({ where, what: "is empty: secrets would be encrypted for nobody", hint: "run `typed-gitops secrets init <cluster>` and add the recipient it prints" });
  }
  const problems = recipients.flatMap((recipient, index) => {
    const problem = ageRecipientProblem(recipient);
    return problem === undefined ? [] : [{ where: `${where}[${index}]`, what: problem }];
  });
  if (problems.length > 0) throw new UserError(problems);
  return recipients;
}
