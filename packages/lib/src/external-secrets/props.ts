/**
 * Building blocks of the External Secrets Operator builders' props: keys,
 * references to Secrets and ServiceAccounts (whose namespace depends on the
 * store's scope) and label selectors. Names, namespaces and durations come
 * from the shared Flux pieces in `../flux/props.ts`.
 */
import { z } from "zod";
import { namespaceName, objectName, requiredError, requiredString } from "../flux/props.ts";

/** The API group of the External Secrets Operator's kinds. */
export const EXTERNAL_SECRETS_GROUP = "external-secrets.io";

/**
 * Where a store lives. A `SecretStore` may only read Secrets and
 * ServiceAccounts of its own namespace; a `ClusterSecretStore` names the
 * namespace, or leaves it to each ExternalSecret (referent authentication).
 * Store props are built per scope, so each refuses what its scope cannot do.
 */
export type StoreScope = "namespaced" | "cluster";

/** The pattern of a key in a Secret's data (`secretKey`, a selector's `key`). */
const SECRET_DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** A key of a Secret's data: letters, digits, `-`, `_` and `.`, at most 253 characters. */
export function secretDataKey(): z.ZodString {
  return z
    .string({ error: requiredError })
    .min(1, "must not be empty")
    .max(253, "must be at most 253 characters")
    .regex(SECRET_DATA_KEY, "a Secret key has only letters, digits, '-', '_' and '.'");
}

/**
 * The `namespace` of a reference made by a store. A ClusterSecretStore may
 * name any namespace, or none (then each ExternalSecret's own is used); a
 * SecretStore reads only its own namespace, so there it is refused.
 */
function referenceNamespace() {
  return namespaceName()
    .optional()
    .describe("ClusterSecretStore only: the namespace of the referenced object. Default: none, the namespace of each ExternalSecret that uses the store (referent authentication).");
}

/** Refuses `namespace` in a reference of a SecretStore. */
function refuseNamespaceIn(scope: StoreScope) {
  return (ref: { readonly namespace?: string | undefined }, ctx: { addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void }): void => {
    if (scope === "namespaced" && ref.namespace !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["namespace"],
        message: "a SecretStore reads only objects of its own namespace: remove namespace, or use a ClusterSecretStore",
      });
    }
  };
}

/**
 * A reference to one key of a Secret: `{ name, key, namespace? }`. Only a
 * ClusterSecretStore may give `namespace`; a SecretStore reads Secrets of
 * its own namespace.
 */
export function secretKeyRef(scope: StoreScope) {
  return z
    .object(
      {
        /** The Secret's name. */
        name: objectName().describe("The Secret's name."),
        /** The key in the Secret's data. */
        key: secretDataKey().describe("The key in the Secret's data."),
        /**
         * ClusterSecretStore only: the Secret's namespace.
         * @default none: the namespace of each ExternalSecret that uses the store (referent authentication)
         */
        namespace: referenceNamespace(),
      },
      { error: requiredError },
    )
    .strict()
    .superRefine(refuseNamespaceIn(scope));
}

/**
 * A reference to a ServiceAccount whose token authenticates the store:
 * `{ name, audiences?, namespace? }`. Only a ClusterSecretStore may give
 * `namespace`.
 */
export function serviceAccountRef(scope: StoreScope) {
  return z
    .object(
      {
        /** The ServiceAccount's name. */
        name: objectName().describe("The ServiceAccount's name."),
        /**
         * The `aud` claims of the token requested for it.
         * @default none: the audiences the provider expects by default
         */
        audiences: z.array(requiredString()).min(1).optional().describe("The aud claims of the requested token. Default: none (the provider's default audiences)."),
        /**
         * ClusterSecretStore only: the ServiceAccount's namespace.
         * @default none: the namespace of each ExternalSecret that uses the store (referent authentication)
         */
        namespace: referenceNamespace(),
      },
      { error: requiredError },
    )
    .strict()
    .superRefine(refuseNamespaceIn(scope));
}

/** The operators of a label selector's `matchExpressions`. */
export const LABEL_SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"] as const;

/** A label selector: `matchLabels` and/or `matchExpressions`, ANDed; at least one of them. */
export function labelSelector() {
  return z
    .object(
      {
        /**
         * Labels the object must have, with these values.
         * @default none
         */
        matchLabels: z.record(requiredString(), z.string()).optional().describe("Labels the object must have, with these values. Default: none."),
        /**
         * Set-based requirements on labels.
         * @default none
         */
        matchExpressions: z
          .array(
            z
              .object({
                /** The label's key. */
                key: requiredString().describe("The label's key."),
                /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
                operator: z.enum(LABEL_SELECTOR_OPERATORS, { error: requiredError }).describe("In, NotIn, Exists or DoesNotExist."),
                /**
                 * The values, for `In` and `NotIn`.
                 * @default none
                 */
                values: z.array(z.string()).optional().describe("The values, for In and NotIn. Default: none."),
              })
              .strict(),
          )
          .optional()
          .describe("Set-based requirements on labels. Default: none."),
      },
      { error: requiredError },
    )
    .strict()
    .superRefine((selector, ctx) => {
      if (selector.matchLabels === undefined && selector.matchExpressions === undefined) {
        ctx.addIssue({ code: "custom", message: "give matchLabels, matchExpressions or both (an empty selector would select every namespace)" });
      }
    });
}
