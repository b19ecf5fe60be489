/**
 * A ClusterSecretStore or SecretStore for 1Password through a Connect
 * server: ExternalSecrets read items of the listed vaults, searched in
 * priority order, with a Connect token read from a Secret.
 */
import { clusterSecretStore, namespaceName, objectName, parseProps, secretStore } from "@typed-gitops/lib";
import type { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import type { SecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore";
import { z } from "zod";
import { requiredError } from "../shared/required-error.ts";
import { secretKey } from "../shared/secret-ref.ts";
import { httpUrl } from "./http-url.ts";

/** The props of {@link onePasswordSecretStore}. */
export const onePasswordSecretStoreProps = z
  .object({
    name: objectName().default("onepassword").describe("The store's name, a DNS-1123 subdomain. Default: onepassword."),
    kind: z
      .enum(["ClusterSecretStore", "SecretStore"])
      .default("ClusterSecretStore")
      .describe("ClusterSecretStore (ExternalSecrets of every namespace) or SecretStore (those of `namespace` only). Default: ClusterSecretStore."),
    namespace: namespaceName().optional().describe("SecretStore only: its namespace, where the token Secret must be too. Default: none."),
    connectHost: httpUrl("http://onepassword-connect.onepassword.svc:8080").describe(
      "The Connect server's URL; the catalog's onePasswordConnect() serves http://onepassword-connect.<namespace>.svc:8080. Required.",
    ),
    vaults: z
      .record(z.string().min(1, "a vault name must not be empty"), z.number().int("a priority is a whole number").min(1, "a priority starts at 1"), { error: requiredError })
      .refine((vaults) => Object.keys(vaults).length > 0, "give at least one vault: { name: priority }")
      .describe("The 1Password vaults to search, by name, each with its priority: { production: 1, shared: 2 } searches production first. Required."),
    tokenSecret: z
      .object({
        name: objectName().describe("The Secret's name."),
        key: secretKey().default("token").describe("The key holding the Connect token. Default: token."),
        namespace: namespaceName().optional().describe("ClusterSecretStore only, and required there: the Secret's namespace, usually Connect's own."),
      }, { error: requiredError })
      .strict()
      .describe("The Secret holding a Connect access token (never inlined). Required."),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.kind === "SecretStore") {
      if (props.namespace === undefined) ctx.addIssue({ code: "custom", path: ["namespace"], message: "a SecretStore needs its namespace" });
      if (props.tokenSecret.namespace !== undefined) {
        ctx.addIssue({ code: "custom", path: ["tokenSecret", "namespace"], message: "a SecretStore reads only Secrets of its own namespace: remove it" });
      }
    } else {
      if (props.namespace !== undefined) ctx.addIssue({ code: "custom", path: ["namespace"], message: "a ClusterSecretStore has no namespace: remove it, or use kind SecretStore" });
      if (props.tokenSecret.namespace === undefined) {
        ctx.addIssue({ code: "custom", path: ["tokenSecret", "namespace"], message: "a ClusterSecretStore needs the token Secret's namespace (otherwise every ExternalSecret's own namespace would need the token)" });
      }
    }
  });

/** The input of {@link onePasswordSecretStore}. */
export type OnePasswordSecretStoreProps = z.input<typeof onePasswordSecretStoreProps>;

/**
 * A store with External Secrets' `onepassword` (Connect) provider, for the
 * `stores` of {@link externalSecretsOperator}; `onePasswordConnect()` wires
 * one to its own service with its `externalSecrets` prop.
 *
 * @example
 * onePasswordSecretStore({
 *   connectHost: "http://onepassword-connect.onepassword.svc:8080",
 *   vaults: { production: 1 },
 *   tokenSecret: { name: "onepassword-token", namespace: "onepassword" },
 * });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function onePasswordSecretStore(input: OnePasswordSecretStoreProps): ClusterSecretStore | SecretStore {
  const props = parseProps(onePasswordSecretStoreProps, input, "onePasswordSecretStore");
  const { name, key, namespace } = props.tokenSecret;
  const provider = {
    onepassword: {
      connectHost: props.connectHost,
      vaults: props.vaults,
      auth: { secretRef: { connectTokenSecretRef: namespace === undefined ? { name, key } : { name, key, namespace } } },
    },
  };
  if (props.kind === "SecretStore") return secretStore({ name: props.name, namespace: props.namespace!, provider });
  return clusterSecretStore({ name: props.name, provider });
}
