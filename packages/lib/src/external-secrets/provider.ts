/**
 * The provider of a (Cluster)SecretStore: exactly one of the providers the
 * platforms use, `vault`, `onepassword`, `onepasswordSDK`, `aws` or `fake`.
 */
import type { ISecretStoreProvider } from "@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStoreProvider";
import { oneOfKeys } from "../flux/props.ts";
import type { StoreScope } from "./props.ts";
import { awsProviderProps } from "./providers/aws.ts";
import { fakeProviderProps } from "./providers/fake.ts";
import { onePasswordProviderProps } from "./providers/onepassword.ts";
import { onePasswordSdkProviderProps, type OnePasswordSdkProviderSpec } from "./providers/onepassword-sdk.ts";
import { vaultProviderProps } from "./providers/vault.ts";

/** The providers {@link storeProviderProps} offers, in the order messages name them. */
export const STORE_PROVIDERS = ["vault", "onepassword", "onepasswordSDK", "aws", "fake"] as const;

/**
 * The props of a store's provider: exactly one of `{ vault }`,
 * `{ onepassword }`, `{ onepasswordSDK }`, `{ aws }` or `{ fake }`.
 * References to Secrets and ServiceAccounts follow the store's scope.
 */
export function storeProviderProps(scope: StoreScope) {
  return oneOfKeys({
    vault: vaultProviderProps(scope).describe("HashiCorp Vault, a KV secrets engine."),
    onepassword: onePasswordProviderProps(scope).describe("1Password through a Connect server."),
    onepasswordSDK: onePasswordSdkProviderProps(scope).describe("1Password through its SDK and a service account token."),
    aws: awsProviderProps(scope).describe("AWS Secrets Manager or Parameter Store."),
    fake: fakeProviderProps().describe("Fixed entries in the store itself, for tests."),
  }).describe("The provider: exactly one of vault, onepassword, onepasswordSDK, aws or fake.");
}

/**
 * `spec.provider` of external-secrets.io/v1 as External Secrets v2.9 reads
 * it: the model's providers plus `onepasswordSDK`, which the model package
 * (generated from an older release) does not have yet.
 */
export type StoreProviderSpec = ISecretStoreProvider & { onepasswordSDK?: OnePasswordSdkProviderSpec };
