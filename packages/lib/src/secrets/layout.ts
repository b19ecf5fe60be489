/**
 * Where the secrets of a cluster live in a project: the SOPS-encrypted
 * Secret sources, the SealedSecret sources, the sealing certificate and the
 * (gitignored) age private key.
 */
import { join } from "node:path";
import { UserError } from "../errors/user-error.ts";
import { dns1123LabelProblem, dns1123SubdomainProblem } from "../resource/names.ts";

/** The file name suffix of a SOPS-encrypted Secret source. */
export const SOPS_SECRET_SUFFIX = ".sops.yaml";

/** The folder, relative to the project root, that holds the age private keys (gitignored). */
export const AGE_KEYS_DIR = ".secrets/age";

/** A secret addressed on the command line as `<cluster>/<name>`. */
export interface SecretRef {
  /** The cluster: a DNS-1123 label, its folder under `clusters/`. */
  readonly cluster: string;
  /** The Secret's name: a DNS-1123 subdomain, also its file name. */
  readonly name: string;
}

/** `clusters/<cluster>/secrets`, relative to the project root, `/`-separated. */
export function sopsSecretsFolder(cluster: string): string {
  return `clusters/${cluster}/secrets`;
}

/** `clusters/<cluster>/secrets/<name>.sops.yaml`, relative to the project root. */
export function sopsSecretFile(cluster: string, name: string): string {
  return `${sopsSecretsFolder(cluster)}/${name}${SOPS_SECRET_SUFFIX}`;
}

/** `clusters/<cluster>/sealed`, relative to the project root. */
export function sealedSecretsFolder(cluster: string): string {
  return `clusters/${cluster}/sealed`;
}

/** `clusters/<cluster>/sealed/<name>.yaml`, relative to the project root. */
export function sealedSecretFile(cluster: string, name: string): string {
  return `${sealedSecretsFolder(cluster)}/${name}.yaml`;
}

/** `clusters/<cluster>/sealed-secrets.pem`: the controller's public sealing certificate, committed. */
export function sealingCertificateFile(cluster: string): string {
  return `clusters/${cluster}/sealed-secrets.pem`;
}

/** `.secrets/age/<cluster>.agekey`: the cluster's age private key, relative to the project root. */
export function ageKeyFile(cluster: string): string {
  return `${AGE_KEYS_DIR}/${cluster}.agekey`;
}

/** Joins a `/`-separated project path to the root. */
export function inRoot(root: string, path: string): string {
  return join(root, ...path.split("/"));
}

/**
 * Checks a cluster name before it becomes part of a path.
 *
 * @throws {UserError} when it is not a DNS-1123 label.
 */
export function checkClusterName(cluster: string): string {
  const problem = dns1123LabelProblem(cluster);
  if (problem !== undefined) throw new UserError({ where: `cluster ${JSON.stringify(cluster)}`, what: problem });
  return cluster;
}

/**
 * Checks a Secret name before it becomes part of a path.
 *
 * @throws {UserError} when it is not a DNS-1123 subdomain.
 */
export function checkSecretName(name: string): string {
  const problem = dns1123SubdomainProblem(name);
  if (problem !== undefined) throw new UserError({ where: `secret ${JSON.stringify(name)}`, what: problem });
  return name;
}

/**
 * Parses `<cluster>/<name>`.
 *
 * @throws {UserError} when it is not of that form, or either part is not a
 *   valid name.
 */
export function parseSecretRef(text: string): SecretRef {
  const parts = text.split("/");
  if (parts.length !== 2) {
    throw new UserError({
      where: JSON.stringify(text),
      what: "expected <cluster>/<name>, such as production/database",
    });
  }
  return { cluster: checkClusterName(parts[0]!), name: checkSecretName(parts[1]!) };
}
