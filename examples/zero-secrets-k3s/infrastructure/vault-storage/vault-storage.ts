/**
 * Vault with its storage in MinIO, composed from the catalog's `minio()`
 * and `vault()`: one bucket, a MinIO policy that reaches only that bucket,
 * a MinIO user for Vault with that policy, and Vault's `s3` storage
 * pointing at it. Vault encrypts everything it writes with its barrier key,
 * so the bucket holds ciphertext only: it can be mirrored off the node
 * (`mc mirror`, bucket replication) as the backup without exposing a secret.
 *
 * Two changes to the catalog's placement, both about order:
 *
 * - `minio()` puts its HelmRelease in the configs layer (so a cert-manager
 *   Certificate can exist before MinIO starts). Here MinIO has no TLS and
 *   Vault, in the controllers layer, cannot start without its bucket, so the
 *   HelmRelease moves to the controllers layer; only its ServiceMonitor, which
 *   needs the prometheus-operator CRDs, stays in configs.
 * - Vault's HelmRelease `dependsOn` MinIO's: helm-controller installs Vault
 *   only once MinIO is ready and its post-install Job has made the bucket
 *   and the user.
 */
import { minio, vault, type Component, type MinioComponent, type VaultProps } from "@typed-gitops/catalog";
import type { ApiObject } from "@typed-gitops/lib";

/** The bucket Vault stores its (encrypted) data in. */
export const VAULT_BUCKET = "vault";

/** The MinIO user (access key) Vault signs its S3 requests with. */
export const VAULT_S3_USER = "vault";

/**
 * The Secrets this composition reads and never writes. They exist before
 * Vault does, so they cannot come from Vault: the cluster supplies them
 * from SOPS.
 */
export const VAULT_STORAGE_SECRETS = {
  /** In MinIO's namespace: `rootUser` and `rootPassword`, MinIO's administrator. */
  minioRoot: "minio-root",
  /** In MinIO's namespace: `secretKey`, the secret key of the `vault` user, for the post-install Job that creates it. */
  minioVaultUser: "minio-vault-user",
  /** In Vault's namespace: `AWS_ACCESS_KEY_ID` (`vault`) and `AWS_SECRET_ACCESS_KEY` (the same secret key), for Vault's S3 client. */
  vaultS3: "vault-s3",
} as const;

/** The settings of {@link vaultOnMinio}. */
export interface VaultOnMinioSettings {
  /** The StorageClass of every volume. */
  readonly storageClass: string;
  /** MinIO's data volume. */
  readonly minioSize: string;
  /** Vault's own props, except storage, which this composition sets. */
  readonly vault: Omit<VaultProps, "storage">;
}

function isHelmRelease(object: ApiObject): boolean {
  return object.kind === "HelmRelease";
}

/** MinIO (with the HelmRelease in the controllers layer) and Vault (whose HelmRelease depends on it). */
export function vaultOnMinio(settings: VaultOnMinioSettings): { objectStore: MinioComponent; minio: Component; vault: Component } {
  const objectStore = minio({
    rootSecret: VAULT_STORAGE_SECRETS.minioRoot,
    persistence: { size: settings.minioSize, storageClass: settings.storageClass },
    resources: { requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "1Gi" } },
    buckets: [{ name: VAULT_BUCKET }],
    policies: [
      {
        name: "vault-storage",
        statements: [{ actions: ["s3:*"], resources: [`arn:aws:s3:::${VAULT_BUCKET}`, `arn:aws:s3:::${VAULT_BUCKET}/*`] }],
      },
    ],
    users: [{ accessKey: VAULT_S3_USER, secret: { name: VAULT_STORAGE_SECRETS.minioVaultUser, key: "secretKey" }, policy: "vault-storage" }],
    // Nobody browses the bucket: Vault's data is ciphertext.
    console: { enabled: false },
    metrics: {},
  });
  const configs = objectStore.configs ?? [];
  const minioPlaced: Component = {
    name: objectStore.name,
    controllers: [...(objectStore.controllers ?? []), ...configs.filter(isHelmRelease)],
    configs: configs.filter((object) => !isHelmRelease(object)),
  };

  const vaultComponent = vault({
    ...settings.vault,
    storage: {
      type: "s3",
      endpoint: objectStore.endpoint,
      bucket: VAULT_BUCKET,
      region: objectStore.s3.region,
      credentialsSecret: { name: VAULT_STORAGE_SECRETS.vaultS3 },
      haStorage: { size: "1Gi", storageClass: settings.storageClass },
    },
  });
  const minioRelease = minioPlaced.controllers!.find(isHelmRelease)!;
  for (const object of vaultComponent.controllers ?? []) {
    if (!isHelmRelease(object)) continue;
    const spec = (object as ApiObject & { spec: { dependsOn?: { name: string; namespace?: string }[] } }).spec;
    spec.dependsOn = [...(spec.dependsOn ?? []), { name: minioRelease.metadata!.name!, namespace: minioRelease.metadata!.namespace! }];
  }
  return { objectStore, minio: minioPlaced, vault: vaultComponent };
}
