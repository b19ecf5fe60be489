/**
 * `secrets set`: put one value into a SOPS-encrypted Secret, creating the
 * file when it does not exist. The value never appears in an argument or a
 * file: it reaches sops on stdin.
 */
import { existsSync, readFileSync } from "node:fs";
import { UserError } from "../errors/user-error.ts";
import { dns1123LabelProblem } from "../resource/names.ts";
import { checkRecipientList } from "./age.ts";
import { changeThroughCopy, writeFileAtomic } from "./atomic-file.ts";
import { checkSopsSecretText } from "./check-sops-secret.ts";
import { ageKeyFile, checkClusterName, checkSecretName, inRoot, sopsSecretFile } from "./layout.ts";
import { manifestIdentity, secretKeyProblem, secretManifestText } from "./secret-manifest.ts";
import { sopsEncrypt, sopsSet, sopsUnset } from "./sops.ts";
import { isMapping, parseSingleDocument } from "./yaml-document.ts";

/** Options of {@link setSecretValue}. */
export interface SetSecretValueOptions {
  /** The project root. */
  readonly root: string;
  /** The cluster. */
  readonly cluster: string;
  /** The cluster's age recipients (`secrets.sops.ageRecipients`). An existing file must be encrypted for exactly these. */
  readonly recipients: readonly string[];
  /** The Secret's name: the file is `clusters/<cluster>/secrets/<name>.sops.yaml`. */
  readonly name: string;
  /** The key under `data`: letters, digits, `-`, `_` and `.`. */
  readonly key: string;
  /** The value, as bytes (stored base64-encoded under `data`, exactly: a trailing newline is kept). */
  readonly value: Uint8Array;
  /**
   * The Secret's namespace (a DNS-1123 label). Required to create the file;
   * for an existing file it must match.
   * @default the existing file's namespace
   */
  readonly namespace?: string;
  /**
   * The age private key that decrypts an existing file (not needed to create one).
   * @default `<root>/.secrets/age/<cluster>.agekey`
   */
  readonly keyFile?: string;
  /**
   * The project whose `.tools/` holds the pinned sops.
   * @default root
   */
  readonly toolsRoot?: string;
}

/** What {@link setSecretValue} did. */
export interface SetSecretValueResult {
  /** The file, relative to the root. */
  readonly file: string;
  /** `created` (a new file), `added` (a new key) or `replaced` (a key that had a value). */
  readonly outcome: "created" | "added" | "replaced";
  /** The Secret's namespace. */
  readonly namespace: string;
}

/** A sops index of one key, e.g. `["data"]["password"]`. */
function sopsIndex(field: "data" | "stringData", key: string): string {
  return `[${JSON.stringify(field)}][${JSON.stringify(key)}]`;
}

/**
 * Sets one value of a SOPS-encrypted Secret, under `data`.
 *
 * A new file is a `v1` Secret of type `Opaque` encrypted for `recipients`.
 * In an existing file, only that value changes (`sops set`: the data key
 * and the other values' ciphertexts stay as they were); a value of the same
 * key under `stringData` is removed, since it would take precedence.
 *
 * @throws {UserError} when a name, the key or the namespace is invalid, the
 *   file is missing and no namespace is given, the existing file fails
 *   {@link checkSopsSecretText} (recipients included: run `secrets rotate`
 *   first), or sops fails.
 */
export async function setSecretValue(options: SetSecretValueOptions): Promise<SetSecretValueResult> {
  const cluster = checkClusterName(options.cluster);
  const name = checkSecretName(options.name);
  const recipients = checkRecipientList(options.recipients, `clusters/${cluster}: secrets.sops.ageRecipients`);
  const keyProblem = secretKeyProblem(options.key);
  if (keyProblem !== undefined) throw new UserError({ where: `key ${JSON.stringify(options.key)}`, what: keyProblem });
  if (options.namespace !== undefined) {
    const problem = dns1123LabelProblem(options.namespace);
    if (problem !== undefined) throw new UserError({ where: "--namespace", what: problem });
  }
  const where = sopsSecretFile(cluster, name);
  const file = inRoot(options.root, where);
  const toolsRoot = options.toolsRoot ?? options.root;
  const sops = { toolsRoot, where };

  if (!existsSync(file)) {
    if (options.namespace === undefined) {
      throw new UserError({ where, what: "does not exist, and no namespace was given to create it", hint: "give the Secret's namespace with --namespace" });
    }
    const plaintext = secretManifestText({ name, namespace: options.namespace, data: new Map([[options.key, options.value]]) });
    writeFileAtomic(file, await sopsEncrypt(plaintext, recipients, sops), { exclusive: true, where });
    return { file: where, outcome: "created", namespace: options.namespace };
  }

  const text = readFileSync(file, "utf8");
  const problems = checkSopsSecretText(text, where, recipients);
  if (problems.length > 0) throw new UserError(problems);
  const document = parseSingleDocument(text, where) as Record<string, unknown>;
  const { namespace } = manifestIdentity(document);
  if (options.namespace !== undefined && options.namespace !== namespace) {
    throw new UserError({ where: `${where}: metadata.namespace`, what: `is ${namespace}, not ${options.namespace} as given with --namespace`, hint: "leave out --namespace, or give the Secret another name" });
  }
  const keyFile = options.keyFile ?? inRoot(options.root, ageKeyFile(cluster));
  if (!existsSync(keyFile)) throw new UserError({ where: keyFile, what: "no such age key file", hint: "pass the private key of one of the cluster's recipients with --key" });
  const inData = isMapping(document.data) && options.key in document.data;
  const inStringData = isMapping(document.stringData) && options.key in document.stringData;
  await changeThroughCopy(file, async (copy) => {
    await sopsSet(copy, sopsIndex("data", options.key), JSON.stringify(Buffer.from(options.value).toString("base64")), keyFile, sops);
    if (inStringData) await sopsUnset(copy, sopsIndex("stringData", options.key), keyFile, sops);
  });
  return { file: where, outcome: inData || inStringData ? "replaced" : "added", namespace };
}
