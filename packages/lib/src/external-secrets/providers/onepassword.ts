/**
 * The 1Password Connect provider of a (Cluster)SecretStore: items of
 * 1Password vaults served by a Connect server.
 */
import { z } from "zod";
import { requiredError, requiredString } from "../../flux/props.ts";
import { secretKeyRef, type StoreScope } from "../props.ts";

/** The props of the `onepassword` (Connect) provider; the token reference follows the store's scope. */
export function onePasswordProviderProps(scope: StoreScope) {
  return z
    .object(
      {
        /** The Connect server's URL, e.g. `http://onepassword-connect.onepassword.svc:8080`. */
        connectHost: z
          .string({ error: requiredError })
          .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, "expected an https:// or http:// URL, e.g. http://onepassword-connect:8080")
          .describe("The Connect server's URL."),
        /** The vaults to search, by name, each with its order: `{ production: 1, shared: 2 }` searches `production` first. */
        vaults: z
          .record(requiredString(), z.number({ error: requiredError }).int().min(1, "an order starts at 1"), { error: requiredError })
          .refine((vaults) => Object.keys(vaults).length > 0, "give at least one vault: { name: order }")
          .describe("The vaults to search, by name, each with its order (1 is searched first)."),
        /** The Secret key holding the Connect token: `{ secretRef: { connectTokenSecretRef: { name, key } } }`. */
        auth: z
          .object(
            {
              /** Where the Connect token is. */
              secretRef: z
                .object(
                  {
                    /** The Secret key holding the Connect token. */
                    connectTokenSecretRef: secretKeyRef(scope).describe("The Secret key holding the Connect token."),
                  },
                  { error: requiredError },
                )
                .strict()
                .describe("Where the Connect token is."),
            },
            { error: requiredError },
          )
          .strict()
          .describe("The Secret key holding the Connect token."),
      },
      { error: requiredError },
    )
    .strict();
}

/** The parsed `onepassword` provider, as the SecretStore's `spec.provider.onepassword`. */
export type OnePasswordProviderSpec = z.output<ReturnType<typeof onePasswordProviderProps>>;
