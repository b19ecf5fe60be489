/**
 * The fake provider of a (Cluster)SecretStore: fixed keys and values kept
 * in the store itself, for tests and examples. Its values are committed in
 * plain text, so they must never be real credentials (the secret scan
 * checks them).
 */
import { z } from "zod";
import { requiredError, requiredString } from "../../flux/props.ts";

/** The props of the `fake` provider. */
export function fakeProviderProps() {
  return z
    .object(
      {
        /** The entries the store serves: `{ key, value, version? }`. */
        data: z
          .array(
            z
              .object({
                /** The key an ExternalSecret's `remoteRef.key` names. */
                key: requiredString().describe("The key a remoteRef.key names."),
                /** The value: a string, or a JSON object for `remoteRef.property` and `dataFrom.extract`. */
                value: z.string({ error: requiredError }).describe("The value; a JSON object for property and extract."),
                /**
                 * The version a `remoteRef.version` names.
                 * @default none: served for any version
                 */
                version: requiredString().optional().describe("The version a remoteRef.version names. Default: none."),
              })
              .strict(),
            { error: requiredError },
          )
          .min(1, "give at least one entry { key, value }")
          .describe("The entries the store serves."),
      },
      { error: requiredError },
    )
    .strict();
}

/** The parsed `fake` provider, as the SecretStore's `spec.provider.fake`. */
export type FakeProviderSpec = z.output<ReturnType<typeof fakeProviderProps>>;
