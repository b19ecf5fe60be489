/**
 * SOPS documents: is a document encrypted, and is every value that should
 * be encrypted really encrypted.
 */

/** A value encrypted by SOPS: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]`. */
export const SOPS_ENCRYPTED_VALUE = /^ENC\[AES256_GCM,data:[A-Za-z0-9+/]*={0,2},iv:[A-Za-z0-9+/]+={0,2},tag:[A-Za-z0-9+/]+={0,2},type:(?:str|int|float|bool|bytes|comment)\]$/;

/** Whether a value is SOPS ciphertext. */
export function isSopsEncrypted(value: unknown): boolean {
  return typeof value === "string" && SOPS_ENCRYPTED_VALUE.test(value);
}

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
    for (const [key, value] of Object.entries(values)) if (!isSopsEncrypted(value)) found.push([field, key]);
  }
  return found;
}
