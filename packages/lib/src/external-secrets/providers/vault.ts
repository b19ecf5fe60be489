/**
 * The HashiCorp Vault provider of a (Cluster)SecretStore: a KV secrets
 * engine read with a Kubernetes ServiceAccount's token or a Vault token.
 */
import { z } from "zod";
import { oneOfKeys, requiredError, requiredString } from "../../flux/props.ts";
import { secretKeyRef, serviceAccountRef, type StoreScope } from "../props.ts";

/** The versions of Vault's KV secrets engine. */
export const VAULT_KV_VERSIONS = ["v1", "v2"] as const;

/** Vault's Kubernetes auth method: the store logs in with a ServiceAccount token and a Vault role. */
function kubernetesAuth(scope: StoreScope) {
  return z
    .object({
      /**
       * Where the Kubernetes auth method is mounted in Vault.
       * @default "kubernetes"
       */
      mountPath: requiredString().default("kubernetes").describe("Where the Kubernetes auth method is mounted in Vault. Default: kubernetes."),
      /** The Vault role bound to the ServiceAccount, e.g. `external-secrets`. */
      role: requiredString().describe("The Vault role bound to the ServiceAccount."),
      /**
       * The ServiceAccount whose token logs in.
       * @default none: the token of the external-secrets controller's own ServiceAccount
       */
      serviceAccountRef: serviceAccountRef(scope)
        .optional()
        .describe("The ServiceAccount whose token logs in. Default: none (the controller's own ServiceAccount)."),
    })
    .strict();
}

/** The props of the `vault` provider; Secret and ServiceAccount references follow the store's scope. */
export function vaultProviderProps(scope: StoreScope) {
  return z
    .object(
      {
        /** The Vault address, e.g. `https://vault.example.com:8200`. */
        server: z
          .string({ error: requiredError })
          .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, "expected an https:// or http:// URL, e.g. https://vault.example.com:8200")
          .describe("The Vault address, e.g. https://vault.example.com:8200."),
        /**
         * The mount path of the KV secrets engine, e.g. `secret`.
         * @default none: every `remoteRef.key` starts with the mount path
         */
        path: requiredString().optional().describe("The mount path of the KV secrets engine, e.g. secret. Default: none (each remoteRef.key starts with the mount)."),
        /**
         * The version of the KV secrets engine.
         * @default "v2"
         */
        version: z.enum(VAULT_KV_VERSIONS).default("v2").describe("The version of the KV secrets engine, v1 or v2. Default: v2."),
        /** How the store logs in: exactly one of `kubernetes` or `tokenSecretRef`. */
        auth: oneOfKeys({
          kubernetes: kubernetesAuth(scope).describe("Vault's Kubernetes auth method: a ServiceAccount token and a Vault role."),
          tokenSecretRef: secretKeyRef(scope).describe("A Secret key holding a Vault token."),
        }).describe("How the store logs in: exactly one of kubernetes or tokenSecretRef."),
      },
      { error: requiredError },
    )
    .strict();
}

/** The parsed `vault` provider, as the SecretStore's `spec.provider.vault`. */
export type VaultProviderSpec = z.output<ReturnType<typeof vaultProviderProps>>;
