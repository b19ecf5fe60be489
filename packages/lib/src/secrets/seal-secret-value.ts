/**
 * `secrets seal`: seal one value into a cluster's SealedSecret source with
 * kubeseal, offline, against the cluster's committed certificate. Re-sealing
 * one key leaves the other keys' ciphertexts as they were.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { UserError } from "../errors/user-error.ts";
import { dns1123LabelProblem } from "../resource/names.ts";
import { changeThroughCopy, writeFileAtomic } from "./atomic-file.ts";
import { kubeseal } from "./kubeseal.ts";
import { checkClusterName, checkSecretName, inRoot, sealedSecretFile, sealingCertificateFile } from "./layout.ts";
import { checkSealedSecretText, sealedSecretScope, type SealingScope } from "./sealed-secret-file.ts";
import { manifestIdentity, secretKeyProblem, secretManifestText } from "./secret-manifest.ts";
import { checkSealingCertificate } from "./sealing-certificate.ts";
import { isMapping, parseSingleDocument } from "./yaml-document.ts";

/** Options of {@link sealSecretValue}. */
export interface SealSecretValueOptions {
  /** The project root. */
  readonly root: string;
  /** The cluster. */
  readonly cluster: string;
  /** The Secret's name: the file is `clusters/<cluster>/sealed/<name>.yaml`. */
  readonly name: string;
  /** The Secret's namespace: a DNS-1123 label; must match an existing file's. */
  readonly namespace: string;
  /** The scope; must match an existing file's (one SealedSecret has one scope). */
  readonly scope: SealingScope;
  /** The key: letters, digits, `-`, `_` and `.`. */
  readonly key: string;
  /** The value, as bytes, exactly. */
  readonly value: Uint8Array;
  /**
   * The sealing certificate.
   * @default `<root>/clusters/<cluster>/sealed-secrets.pem`
   */
  readonly certFile?: string;
  /**
   * The project whose `.tools/` holds the pinned kubeseal.
   * @default root
   */
  readonly toolsRoot?: string;
  /**
   * The moment the certificate must be valid at.
   * @default now
   */
  readonly now?: Date;
}

/** What {@link sealSecretValue} did. */
export interface SealSecretValueResult {
  /** The file, relative to the root. */
  readonly file: string;
  /** `created` (a new file), `added` (a new key) or `replaced` (a key that had a value). */
  readonly outcome: "created" | "added" | "replaced";
  /** When the certificate expires. */
  readonly certificateValidTo: Date;
}

/** kubeseal writes a document start marker; the sources, like the rest of the tree, have none. */
function withoutDocumentMarker(text: string): string {
  return text.startsWith("---\n") ? text.slice(4) : text;
}

/**
 * Seals one value into `clusters/<cluster>/sealed/<name>.yaml`, creating the
 * file or merging into it (`kubeseal --merge-into`, on a copy that then
 * replaces the file atomically).
 *
 * @throws {UserError} when a name, the key or the namespace is invalid; the
 *   certificate is missing, malformed or expired; the existing file is not a
 *   valid SealedSecret, or has another namespace or scope; or kubeseal fails.
 */
export async function sealSecretValue(options: SealSecretValueOptions): Promise<SealSecretValueResult> {
  const cluster = checkClusterName(options.cluster);
  const name = checkSecretName(options.name);
  const keyProblem = secretKeyProblem(options.key);
  if (keyProblem !== undefined) throw new UserError({ where: `key ${JSON.stringify(options.key)}`, what: keyProblem });
  const namespaceProblem = dns1123LabelProblem(options.namespace);
  if (namespaceProblem !== undefined) throw new UserError({ where: "--namespace", what: namespaceProblem });
  const certWhere = sealingCertificateFile(cluster);
  const certFile = options.certFile ?? inRoot(options.root, certWhere);
  const certificate = checkSealingCertificate(certFile, { where: options.certFile ?? certWhere, ...(options.now === undefined ? {} : { now: options.now }) });
  const where = sealedSecretFile(cluster, name);
  const file = inRoot(options.root, where);
  const toolsRoot = options.toolsRoot ?? options.root;
  const secret = secretManifestText({ name, namespace: options.namespace, data: new Map([[options.key, options.value]]) });
  const sealing = { toolsRoot, certFile, scope: options.scope, where };

  if (!existsSync(file)) {
    writeFileAtomic(file, withoutDocumentMarker(await kubeseal(secret, sealing)), { exclusive: true, where });
    return { file: where, outcome: "created", certificateValidTo: certificate.validTo };
  }

  const text = readFileSync(file, "utf8");
  const problems = checkSealedSecretText(text, where);
  if (problems.length > 0) throw new UserError(problems);
  const document = parseSingleDocument(text, where) as Record<string, unknown>;
  const { namespace } = manifestIdentity(document);
  if (namespace !== options.namespace) {
    throw new UserError({ where: `${where}: metadata.namespace`, what: `is ${namespace}, not ${options.namespace} as given with --namespace`, hint: "give the file's namespace, or another name for a Secret in another namespace" });
  }
  const scope = sealedSecretScope(document);
  if (scope !== options.scope) {
    throw new UserError({
      where,
      what: `is sealed with scope ${scope}, not ${options.scope}: all values of one SealedSecret share one scope`,
      hint: `seal with --scope ${scope}, or delete the file and seal every value again with --scope ${options.scope}`,
    });
  }
  const existed = isMapping(document.spec) && isMapping(document.spec.encryptedData) && options.key in document.spec.encryptedData;
  await changeThroughCopy(file, async (copy) => {
    await kubeseal(secret, { ...sealing, mergeInto: copy });
    writeFileSync(copy, withoutDocumentMarker(readFileSync(copy, "utf8")));
  });
  return { file: where, outcome: existed ? "replaced" : "added", certificateValidTo: certificate.validTo };
}
