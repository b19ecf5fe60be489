/**
 * A ClusterSecretStore for HashiCorp Vault's KV secrets engine, which
 * ExternalSecrets of every namespace read from. It logs in with Vault's
 * Kubernetes auth method: by default as the External Secrets controller's
 * own ServiceAccount, the one `vault()`'s bootstrap binds its role to.
 */
import { clusterSecretStore, namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import type { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import { z } from "zod";
import { httpUrl } from "./http-url.ts";

/** The props of {@link vaultSecretStore}. */
export const vaultSecretStoreProps = z
  .object({
    name: objectName()
      .default("vault")
      .describe("The ClusterSecretStore's name, a DNS-1123 subdomain; ExternalSecrets name it in secretStoreRef with kind ClusterSecretStore. Default: vault."),
    server: httpUrl("http://vault-active.vault.svc:8200").describe(
      "The Vault address: the catalog's vault() component serves http://vault-active.<namespace>.svc:8200 (https:// when its listener has TLS). Required.",
    ),
    path: z.string().min(1, "must not be empty").default("secret").describe("The mount path of the KV secrets engine. Default: secret."),
    kvVersion: z.enum(["v1", "v2"]).default("v2").describe("The version of the KV secrets engine. Default: v2."),
    kubernetesAuth: z
      .object({
        mountPath: z.string().min(1, "must not be empty").default("kubernetes").describe("Where Vault's Kubernetes auth method is mounted. Default: kubernetes."),
        role: z.string().min(1, "must not be empty").default("external-secrets").describe("The Vault role bound to the ServiceAccount. Default: external-secrets."),
        serviceAccountRef: z
          .object({
            name: objectName().describe("The ServiceAccount's name."),
            namespace: namespaceName().describe("The ServiceAccount's namespace."),
            audiences: z.array(z.string().min(1)).min(1).optional().describe("The aud claims of the token requested for it; give the audience the Vault role expects. Default: none (the API server's default audience)."),
          })
          .strict()
          .optional()
          .describe("The ServiceAccount whose token logs in. Default: none, the External Secrets controller's own ServiceAccount."),
      })
      .strict()
      .prefault({})
      .describe("Vault's Kubernetes auth method. Default: mount kubernetes, role external-secrets, the controller's own ServiceAccount."),
  })
  .strict();

/** The input of {@link vaultSecretStore}; `server` is required. */
export type VaultSecretStoreProps = z.input<typeof vaultSecretStoreProps>;

/**
 * A ClusterSecretStore for Vault's KV engine with Kubernetes auth, for the
 * `stores` of {@link externalSecretsOperator} (or any component's configs
 * layer). Keys of ExternalSecrets that use it are paths under the mount,
 * e.g. `podinfo/database` for `secret/data/podinfo/database` on KV v2.
 *
 * @example
 * vaultSecretStore({ server: "http://vault-active.vault.svc:8200" });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function vaultSecretStore(input: VaultSecretStoreProps): ClusterSecretStore {
  const props = parseProps(vaultSecretStoreProps, input, "vaultSecretStore");
  const { mountPath, role, serviceAccountRef } = props.kubernetesAuth;
  return clusterSecretStore({
    name: props.name,
    provider: {
      vault: {
        server: props.server,
        path: props.path,
        version: props.kvVersion,
        auth: { kubernetes: { mountPath, role, ...(serviceAccountRef === undefined ? {} : { serviceAccountRef }) } },
      },
    },
  });
}
