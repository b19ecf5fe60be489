/**
 * Objects whose file is copied into the tree byte for byte instead of being
 * serialized: SOPS-encrypted Secrets (re-serializing would break nothing
 * the MAC covers, but would churn the bytes) and SealedSecrets authored by
 * the CLI.
 */
import type { ApiObject } from "./api-object.ts";

const RAW_TEXT = Symbol.for("typed-gitops.raw-text");

/** An object that carries the exact text of its file. */
export type RawManifest = ApiObject & { readonly [RAW_TEXT]: string };

/**
 * Wraps a parsed manifest with the exact text it was parsed from; the
 * renderer writes that text unchanged (no header, no re-serialization).
 *
 * @param text - the file's contents, one YAML document.
 * @param object - the same document parsed, for identity, graph checks,
 *   policies and validation.
 */
export function rawManifest(text: string, object: ApiObject): RawManifest {
  return Object.defineProperty({ ...object }, RAW_TEXT, { value: text, enumerable: false }) as RawManifest;
}

/** Returns the exact text of a raw manifest, or `undefined` for any other object. */
export function rawTextOf(object: ApiObject): string | undefined {
  return (object as Partial<RawManifest>)[RAW_TEXT];
}
