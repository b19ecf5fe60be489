/**
 * What a SOPS file says about its own encryption, read without decrypting
 * it: the age recipients, any other kind of master key, and whether it has
 * a MAC.
 */
import { readFileSync } from "node:fs";
import { isMapping, parseSingleDocument } from "./yaml-document.ts";

/** An encrypted sops value: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]`. */
export const SOPS_ENCRYPTED_VALUE = /^ENC\[AES256_GCM,data:[A-Za-z0-9+/=]*,iv:[A-Za-z0-9+/=]+,tag:[A-Za-z0-9+/=]+,type:(str|int|float|bool|bytes|comment)\]$/;

/** Whether `value` is an encrypted sops value. */
export function isSopsEncryptedValue(value: unknown): boolean {
  return typeof value === "string" && SOPS_ENCRYPTED_VALUE.test(value);
}

/** The `sops` metadata block of an encrypted document. */
export interface SopsMetadata {
  /** The age recipients the data key is encrypted for, in file order (top level, then key groups). */
  readonly ageRecipients: readonly string[];
  /** Master keys of other kinds, each as `<kind> <id>`, e.g. `pgp 85D77543B3D624B6`. */
  readonly otherKeys: readonly string[];
  /** Whether the block has a `mac`. */
  readonly hasMac: boolean;
  /** `lastmodified`, when present. */
  readonly lastModified?: string;
  /** `encrypted_regex`, when present. */
  readonly encryptedRegex?: string;
  /** The sops version that wrote the file, when present. */
  readonly version?: string;
}

/** The non-age master key kinds of sops, and the field that identifies each key. */
const OTHER_KEY_KINDS: Readonly<Record<string, string>> = {
  pgp: "fp",
  kms: "arn",
  gcp_kms: "resource_id",
  azure_kv: "vault_url",
  hc_vault: "vault_address",
  hckms: "key_id",
};

function collectKeys(group: Record<string, unknown>, age: string[], other: string[]): void {
  for (const entry of Array.isArray(group.age) ? group.age : []) {
    if (isMapping(entry) && typeof entry.recipient === "string") age.push(entry.recipient);
  }
  for (const [kind, idField] of Object.entries(OTHER_KEY_KINDS)) {
    for (const entry of Array.isArray(group[kind]) ? group[kind] : []) {
      const id = isMapping(entry) ? entry[idField] : undefined;
      other.push(`${kind} ${typeof id === "string" ? id : "(unnamed)"}`);
    }
  }
}

/**
 * Reads the `sops` block of a parsed document.
 *
 * @returns `undefined` when the document has no `sops` mapping (it is not
 *   encrypted).
 */
export function readSopsMetadata(document: unknown): SopsMetadata | undefined {
  if (!isMapping(document) || !isMapping(document.sops)) return undefined;
  const sops = document.sops;
  const age: string[] = [];
  const other: string[] = [];
  collectKeys(sops, age, other);
  for (const group of Array.isArray(sops.key_groups) ? sops.key_groups : []) {
    if (isMapping(group)) collectKeys(group, age, other);
  }
  return {
    ageRecipients: age,
    otherKeys: other,
    hasMac: typeof sops.mac === "string" && sops.mac !== "",
    ...(typeof sops.lastmodified === "string" ? { lastModified: sops.lastmodified } : {}),
    ...(typeof sops.encrypted_regex === "string" ? { encryptedRegex: sops.encrypted_regex } : {}),
    ...(typeof sops.version === "string" ? { version: sops.version } : {}),
  };
}

/**
 * Reads the `sops` block of a file without decrypting it.
 *
 * @param where - how the file is named in messages.
 *   By default, its path as given.
 * @returns `undefined` when the file is not encrypted.
 * @throws {UserError} when the file is not one YAML document.
 */
export function readSopsFileMetadata(file: string, where: string = file): SopsMetadata | undefined {
  return readSopsMetadata(parseSingleDocument(readFileSync(file, "utf8"), where));
}
