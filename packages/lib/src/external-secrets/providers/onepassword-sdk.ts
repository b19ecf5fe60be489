/**
 * The 1Password SDK provider of a (Cluster)SecretStore: items of one
 * 1Password vault read with a service account token, without a Connect
 * server.
 */
import { z } from "zod";
import { requiredError, requiredString } from "../../flux/props.ts";
import { secretKeyRef, type StoreScope } from "../props.ts";

/** The props of the `onepasswordSDK` provider; the token reference follows the store's scope. */
export function onePasswordSdkProviderProps(scope: StoreScope) {
  return z
    .object(
      {
        /** The vault to read, by name or ID. */
        vault: requiredString().describe("The vault to read, by name or ID."),
        /** The Secret key holding the 1Password service account token: `{ serviceAccountSecretRef: { name, key } }`. */
        auth: z
          .object(
            {
              /** The Secret key holding the service account token. */
              serviceAccountSecretRef: secretKeyRef(scope).describe("The Secret key holding the service account token."),
            },
            { error: requiredError },
          )
          .strict()
          .describe("The Secret key holding the 1Password service account token."),
      },
      { error: requiredError },
    )
    .strict();
}

/** The parsed `onepasswordSDK` provider, as the SecretStore's `spec.provider.onepasswordSDK`. */
export type OnePasswordSdkProviderSpec = z.output<ReturnType<typeof onePasswordSdkProviderProps>>;
