/**
 * The secret scan: the guarantee that no plaintext secret reaches
 * `generated/`. It runs over the rendered objects of one cluster and
 * reports Secrets without SOPS encryption, values SOPS left in plain text,
 * known credential formats anywhere, and random-looking values assigned
 * to passwords, tokens and keys in hand-written configuration.
 */
import { formatFieldPath } from "../props/parse-props.ts";
import { findSecretAssignment, isSecretAssignment } from "./assignments.ts";
import { findCredentialFormats } from "./credential-formats.ts";
import type { Finding, FindingKind } from "./finding.ts";
import { hasSopsMac, hasSopsMetadata, unencryptedSopsValues } from "./sops.ts";
import { forEachString } from "./string-fields.ts";

type Json = Record<string, unknown>;

/** One rendered object and the file it is written to. */
export interface ScanInput {
  /** The file, e.g. `generated/production/apps/web/configmap-web.yaml`. */
  readonly path: string;
  /** The object: a `@kubernetes-models` instance or plain parsed YAML. */
  readonly object: unknown;
}

function isMapping(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `ConfigMap web/settings`, from whatever identity fields the object has. */
function describe(object: Json): string {
  const metadata = isMapping(object.metadata) ? object.metadata : {};
  const kind = typeof object.kind === "string" ? object.kind : "<no kind>";
  const name = typeof metadata.name === "string" ? metadata.name : "<unnamed>";
  return typeof metadata.namespace === "string" ? `${kind} ${metadata.namespace}/${name}` : `${kind} ${name}`;
}

function isCoreSecret(object: Json): boolean {
  return object.kind === "Secret" && object.apiVersion === "v1";
}

/** The line of `index` in `value`, counted from 1, when `value` has several lines. */
function lineOf(value: string, index: number): number | undefined {
  if (!value.includes("\n")) return undefined;
  let line = 1;
  for (let i = value.indexOf("\n"); i !== -1 && i < index; i = value.indexOf("\n", i + 1)) line++;
  return line;
}

/** The findings of one text: known formats anywhere, and secret assignments where `key` names hand-written configuration. */
function textFindings(value: string, key: string | undefined): { kind: FindingKind; index: number }[] {
  const found = findCredentialFormats(value);
  // The generic rule only where configuration is written by hand, and only when no known format already explains the value.
  if (key === undefined || found.length > 0) return found;
  if (isSecretAssignment(key, value)) found.push({ kind: "secret-assignment", index: 0 });
  else {
    const index = findSecretAssignment(value);
    if (index !== -1) found.push({ kind: "secret-assignment", index });
  }
  return found;
}

/** A ConfigMap's `binaryData` values decoded, when they are UTF-8 text. */
function decodedBinaryData(object: Json): { key: string; value: string }[] {
  if (object.kind !== "ConfigMap" || object.apiVersion !== "v1" || !isMapping(object.binaryData)) return [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const out: { key: string; value: string }[] = [];
  for (const [key, encoded] of Object.entries(object.binaryData)) {
    if (typeof encoded !== "string") continue;
    try {
      out.push({ key, value: decoder.decode(Buffer.from(encoded, "base64")) });
    } catch {
      // binary content, not text: nothing a text pattern can read
    }
  }
  return out;
}

/** The findings of one object. */
function objectFindings(path: string, object: Json): Finding[] {
  const findings: Finding[] = [];
  const about = describe(object);
  const add = (field: string, kind: FindingKind, line?: number): void => {
    findings.push(line === undefined ? { path, object: about, field, kind } : { path, object: about, field, kind, line });
  };
  const sops = hasSopsMetadata(object);
  if (isCoreSecret(object) && !hasSopsMac(object)) add("", "plaintext-secret");
  else if (sops) for (const [field, key] of unencryptedSopsValues(object)) add(formatFieldPath("", [field, key]), "unencrypted-sops-value");
  // A Secret's values are reported with the Secret; a SOPS document's by the check above; the SOPS metadata holds only ciphertext.
  const skipValues = isCoreSecret(object) || sops;
  const skip = (at: readonly PropertyKey[]): boolean => at.length === 1 && (at[0] === "sops" || (skipValues && (at[0] === "data" || at[0] === "stringData")));
  const check = (value: string, key: string | undefined, path: readonly PropertyKey[]): void => {
    const found = textFindings(value, key);
    if (found.length === 0) return;
    const at = formatFieldPath("", path);
    for (const { kind, index } of found) add(at, kind, lineOf(value, index));
  };
  forEachString(object, skip, check);
  for (const { key, value } of decodedBinaryData(object)) check(value, "", ["binaryData", key]);
  return findings;
}

/**
 * Scans the rendered objects of one cluster for plaintext secrets and
 * returns every finding, in input order. Findings name the file, the
 * object, the field and the kind of credential, never the value.
 *
 * It reports:
 * - a `Secret` (v1) without SOPS metadata (`sops.mac`); SealedSecrets and
 *   ExternalSecrets are other kinds and hold no plaintext;
 * - in a SOPS document, a `data` or `stringData` value that is not
 *   `ENC[AES256_GCM,…]` ciphertext;
 * - in any string of any object, a known credential format: PEM private
 *   keys, AWS access key IDs, GitHub, GitLab and Slack tokens, Slack
 *   webhooks, Google API keys, Stripe live keys, age secret keys, JWTs
 *   and URLs with a password;
 * - in ConfigMap `data` and `binaryData`, annotations, container `env`
 *   values, `args` and `command`, a password, secret, token or key given a
 *   random-looking value (see `looksRandom`), as the key itself or as
 *   `key=value` (`--key=value`) inside the text.
 */
export function scanForSecrets(objects: readonly ScanInput[]): Finding[] {
  const findings: Finding[] = [];
  for (const { path, object } of objects) {
    if (isMapping(object)) findings.push(...objectFindings(path, object));
  }
  return findings;
}
