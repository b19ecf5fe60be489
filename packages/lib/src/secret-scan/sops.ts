/**
 * SOPS documents: is a document encrypted, and is every value that should
 * be encrypted really encrypted.
 */

import { isSopsEncryptedValue } from "../secrets/sops-metadata.ts";

/** Whether a document carries SOPS metadata (a top-level `sops` mapping). */
export function hasSopsMetadata(object: Readonly<Record<string, unknown>>): boolean {
  return typeof object.sops === "object" && object.sops !== null;
}

/** Whether a document's SOPS metadata has its MAC, which every encrypted document has. */
export function hasSopsMac(object: Readonly<Record<string, unknown>>): boolean {
  return hasSopsMetadata(object) && typeof (object.sops as Record<string, unknown>).mac === "string";
}

/** The fields of a SOPS document whose values must all be ciphertext. */
export const SOPS_ENCRYPTED_FIELDS = ["data", "stringData"] as const;

/**
 * The keys of `data` and `stringData` whose values are not SOPS ciphertext,
 * as `[field, key]` pairs in document order.
 */
export function unencryptedSopsValues(object: Readonly<Record<string, unknown>>): [field: string, key: string][] {
  const found: [string, string][] = [];
  for (const field of SOPS_ENCRYPTED_FIELDS) {
    const values = object[field];
    if (typeof values !== "object" || values === null || Array.isArray(values)) continue;
    for (const [key, value] of Object.entries(values)) if (!isSopsEncryptedValue(value)) found.push([field, key]);
  }
  return found;
}
