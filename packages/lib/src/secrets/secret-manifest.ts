/**
 * The plaintext Secret manifests this module writes (to sops and kubeseal,
 * on stdin) and the shape checks of the manifests it reads.
 */
import { lazyModel } from "../resource/lazy-model.ts";
import { dns1123LabelProblem, dns1123SubdomainProblem } from "../resource/names.ts";
import { isSopsEncryptedValue } from "./sops-metadata.ts";
import { isMapping } from "./yaml-document.ts";

/** The `yaml` package, loaded on first use. */
const yaml = lazyModel<typeof import("yaml")>(import.meta.resolve("yaml"));

/** A Secret data key: letters, digits, `-`, `_` and `.`, at most 253 characters. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Returns why `key` cannot be a key of a Secret's data, or `undefined` when
 * it can.
 */
export function secretKeyProblem(key: string): string | undefined {
  if (key.length === 0) return "must not be empty";
  if (key.length > 253) return `must be at most 253 characters, got ${key.length}`;
  if (!SECRET_KEY.test(key) || key === "." || key === "..") {
    return `${JSON.stringify(key)} is not a Secret key: use letters, digits, '-', '_' and '.'`;
  }
  return undefined;
}

/** The parts of a Secret manifest this module writes. */
export interface SecretManifestInput {
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`. */
  readonly namespace: string;
  /** The values by key, as bytes; written base64-encoded under `data`. */
  readonly data: ReadonlyMap<string, Uint8Array>;
}

/**
 * Renders a `v1` Secret of type `Opaque`, keys in code-unit order: the same
 * input gives the same text.
 */
export function secretManifestText(input: SecretManifestInput): string {
  const data: Record<string, string> = {};
  for (const key of [...input.data.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    data[key] = Buffer.from(input.data.get(key)!).toString("base64");
  }
  return yaml().stringify(
    { apiVersion: "v1", kind: "Secret", metadata: { name: input.name, namespace: input.namespace }, type: "Opaque", data },
    { lineWidth: 0 },
  );
}

/** Describes a field for a message without quoting an encrypted value. */
function shown(value: unknown): string {
  if (value === undefined) return "missing";
  if (isSopsEncryptedValue(value)) return "encrypted";
  return `${JSON.stringify(value)}`;
}

/** Options of {@link manifestShapeProblems}. */
export interface ManifestShape {
  /** The expected `apiVersion`. */
  readonly apiVersion: string;
  /** The expected `kind`. */
  readonly kind: string;
}

/**
 * Returns what keeps a parsed document from being a namespaced manifest of
 * the expected kind, named by a DNS-1123 subdomain in a DNS-1123 label
 * namespace; empty when it is one.
 */
export function manifestShapeProblems(document: unknown, shape: ManifestShape): string[] {
  if (!isMapping(document)) return ["is not a mapping"];
  const problems: string[] = [];
  if (document.apiVersion !== shape.apiVersion) problems.push(`apiVersion is ${shown(document.apiVersion)}, expected ${shape.apiVersion}`);
  if (document.kind !== shape.kind) problems.push(`kind is ${shown(document.kind)}, expected ${shape.kind}`);
  const metadata = isMapping(document.metadata) ? document.metadata : {};
  if (isSopsEncryptedValue(metadata.name)) problems.push("metadata.name is encrypted; only data and stringData may be");
  else {
    const name = dns1123SubdomainProblem(metadata.name);
    if (name !== undefined) problems.push(metadata.name === undefined ? "metadata.name is missing" : `metadata.name: ${name}`);
  }
  if (isSopsEncryptedValue(metadata.namespace)) problems.push("metadata.namespace is encrypted; only data and stringData may be");
  else {
    const namespace = dns1123LabelProblem(metadata.namespace);
    if (namespace !== undefined) problems.push(metadata.namespace === undefined ? "metadata.namespace is missing" : `metadata.namespace: ${namespace}`);
  }
  return problems;
}

/** The name and namespace of a manifest that passed {@link manifestShapeProblems}. */
export function manifestIdentity(document: unknown): { readonly name: string; readonly namespace: string } {
  const metadata = (document as { metadata: { name: string; namespace: string } }).metadata;
  return { name: metadata.name, namespace: metadata.namespace };
}
