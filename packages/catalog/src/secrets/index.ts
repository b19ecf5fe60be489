/**
 * Catalog section: secrets. The External Secrets Operator and its stores,
 * HashiCorp Vault, the Sealed Secrets controller and 1Password Connect.
 */
export { externalSecretsOperator, externalSecretsOperatorProps } from "./external-secrets-operator.ts";
export type { ExternalSecretsChartValues, ExternalSecretsOperatorProps, ExternalSecretsStore } from "./external-secrets-operator.ts";
export { vaultSecretStore, vaultSecretStoreProps } from "./vault-secret-store.ts";
export type { VaultSecretStoreProps } from "./vault-secret-store.ts";
export { onePasswordSecretStore, onePasswordSecretStoreProps } from "./onepassword-secret-store.ts";
export type { OnePasswordSecretStoreProps } from "./onepassword-secret-store.ts";
export { vault, vaultProps } from "./vault.ts";
export type { VaultChartValues, VaultProps, VaultSecretEnvironmentVar, VaultSettings, VaultStorageValues } from "./vault.ts";
export { VAULT_RELEASE, vaultServerConfig } from "./vault-config.ts";
export { VAULT_BOOTSTRAP_CONFIGMAP, VAULT_BOOTSTRAP_KEY, vaultBootstrapScript } from "./vault-bootstrap.ts";
export { SEALED_SECRETS_CONTROLLER_NAME, sealedSecretsController, sealedSecretsControllerProps } from "./sealed-secrets-controller.ts";
export type { SealedSecretsChartValues, SealedSecretsControllerProps } from "./sealed-secrets-controller.ts";
export { onePasswordConnect, onePasswordConnectHost, onePasswordConnectProps } from "./onepassword-connect.ts";
export type { OnePasswordConnectChartValues, OnePasswordConnectProps } from "./onepassword-connect.ts";
export { onePasswordItem, onePasswordItemProps } from "./onepassword-item.ts";
export type { OnePasswordItemProps } from "./onepassword-item.ts";
