/**
 * What a SecretStore and a ClusterSecretStore have in common: the provider
 * and how often the store is checked.
 */
import type { ISecretStoreSpec } from "@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStoreSpec";
import { z } from "zod";
import type { StoreScope } from "./props.ts";
import { storeProviderProps, type StoreProviderSpec } from "./provider.ts";

/** The props both store builders share, with references that follow `scope`. */
export function storeSpecShape(scope: StoreScope) {
  return {
    /** The provider: exactly one of `vault`, `onepassword`, `onepasswordSDK`, `aws` or `fake`. */
    provider: storeProviderProps(scope),
    /**
     * How often the controller checks that the store can reach its provider, in seconds.
     * @default none: the controller's `--store-requeue-interval` (5 minutes)
     */
    refreshInterval: z
      .number()
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1 second")
      .optional()
      .describe("How often the store is checked, in seconds. Default: none (the controller's store requeue interval, 5m)."),
  };
}

/** The parsed shared props of a store. */
export interface StoreSpecProps {
  readonly provider: StoreProviderSpec;
  readonly refreshInterval?: number | undefined;
}

/**
 * `spec` of external-secrets.io/v1 SecretStore and ClusterSecretStore as
 * External Secrets v2.9 reads it (see {@link StoreProviderSpec}).
 */
export type StoreSpec = Omit<ISecretStoreSpec, "provider"> & { provider: StoreProviderSpec };

/** Builds the shared part of a store's `spec`. */
export function storeSpecOf(props: StoreSpecProps): StoreSpec {
  return { provider: props.provider, refreshInterval: props.refreshInterval };
}
