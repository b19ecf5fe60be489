/**
 * `secrets init`: the age key pair of a cluster, its private key in the
 * gitignored `.secrets/age/<cluster>.agekey`.
 */
import { generateAgeKey, type AgeKeyPair } from "./age.ts";
import { ageKeyFile, checkClusterName, inRoot } from "./layout.ts";

/** Options of {@link initClusterKey}. */
export interface InitClusterKeyOptions {
  /** The project root. */
  readonly root: string;
  /** The cluster. */
  readonly cluster: string;
  /**
   * Where the private key is written.
   * @default `<root>/.secrets/age/<cluster>.agekey`
   */
  readonly keyFile?: string;
  /**
   * The project whose `.tools/` holds the pinned age-keygen.
   * @default root
   */
  readonly toolsRoot?: string;
}

/** The name of the Secret in `flux-system` that holds the age private key for Flux's kustomize-controller. */
export const DEFAULT_SOPS_KEY_SECRET = "sops-age";

/**
 * Makes the cluster's age key pair: the private key in a new file with mode
 * 0600, in a folder with mode 0700.
 *
 * @throws {UserError} when the key file exists: it is never overwritten.
 */
export async function initClusterKey(options: InitClusterKeyOptions): Promise<AgeKeyPair> {
  const cluster = checkClusterName(options.cluster);
  const keyFile = options.keyFile ?? inRoot(options.root, ageKeyFile(cluster));
  return generateAgeKey(keyFile, { toolsRoot: options.toolsRoot ?? options.root, where: options.keyFile ?? ageKeyFile(cluster) });
}

/**
 * The `kubectl` command that gives Flux the cluster's private key: a Secret
 * in `flux-system` with the key under `age.agekey` (the key name Flux's
 * kustomize-controller looks for).
 *
 * @param keyFile - the key file as the user should type it (relative to
 *   where they run the command).
 * @param secretName - the Secret's name. @default "sops-age"
 */
export function fluxKeySecretCommand(keyFile: string, secretName: string = DEFAULT_SOPS_KEY_SECRET): string {
  const path = /^[A-Za-z0-9_./-]+$/.test(keyFile) ? keyFile : `'${keyFile.replaceAll("'", "'\\''")}'`;
  return `kubectl -n flux-system create secret generic ${secretName} --from-file=age.agekey=${path}`;
}
