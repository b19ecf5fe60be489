/**
 * Objects whose file is copied into the tree byte for byte instead of being
 * serialized: SOPS-encrypted Secrets (re-serializing would break nothing
 * the MAC covers, but would churn the bytes) and SealedSecrets authored by
 * the CLI.
 */
import type { Problem } from "../errors/user-error.ts";
import type { ApiObject } from "./api-object.ts";

const RAW_TEXT = Symbol.for("typed-gitops.raw-text");
const RAW_FILE = Symbol.for("typed-gitops.raw-file");

/** An object that carries the exact text of its file. */
export type RawManifest = ApiObject & { readonly [RAW_TEXT]: string };

/**
 * Wraps a parsed manifest with the exact text it was parsed from; the
 * renderer writes that text unchanged (no header, no re-serialization).
 *
 * @param text - the file's contents, one YAML document.
 * @param object - the same document parsed, for identity, graph checks,
 *   policies and validation.
 * @param file - the file the text was read from, relative to the project
 *   root, for messages; by default, none.
 */
export function rawManifest(text: string, object: ApiObject, file?: string): RawManifest {
  const copy = Object.defineProperty({ ...object }, RAW_TEXT, { value: text, enumerable: false });
  if (file !== undefined) Object.defineProperty(copy, RAW_FILE, { value: file, enumerable: false });
  return copy as RawManifest;
}

/** Returns the file a raw manifest was read from, when it was given. */
export function rawFileOf(object: ApiObject): string | undefined {
  return (object as { readonly [RAW_FILE]?: string })[RAW_FILE];
}

/** Returns the exact text of a raw manifest, or `undefined` for any other object. */
export function rawTextOf(object: ApiObject): string | undefined {
  return (object as Partial<RawManifest>)[RAW_TEXT];
}

const UNAVAILABLE = Symbol.for("typed-gitops.unavailable");

/**
 * A stand-in for an object whose source file is not there yet (a secret
 * not authored yet). Loading the definition still works — so the CLI that
 * authors the file can load the cluster — and rendering reports `problem`.
 */
export function unavailableManifest(kind: string, name: string, problem: Problem): ApiObject {
  return Object.defineProperty({ apiVersion: "v1", kind, metadata: { name } }, UNAVAILABLE, { value: problem, enumerable: false }) as ApiObject;
}

/** The problem of an unavailable manifest, or `undefined` for any other object. */
export function unavailableProblem(object: ApiObject): Problem | undefined {
  return (object as { readonly [UNAVAILABLE]?: Problem })[UNAVAILABLE];
}
