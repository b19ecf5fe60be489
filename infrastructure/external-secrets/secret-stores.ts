/**
 * The secret stores of a cluster as a component: a ClusterSecretStore for
 * HashiCorp Vault's KV secrets engine, which ExternalSecrets of every
 * namespace read from. It logs in with Vault's Kubernetes auth method,
 * as the External Secrets controller's own ServiceAccount.
 *
 * It uses the external-secrets.io CRDs, so it belongs in the configs layer
 * (`infrastructure/configs/…`), after `externalSecrets` (external-secrets.ts)
 * in the controllers layer has installed them.
 */
import { clusterSecretStore, parseProps, type ComponentOutput } from "@typed-gitops/lib";
import { z } from "zod";

/** The props of {@link vaultSecretStore}. */
export const vaultSecretStoreProps = z
  .object({
    name: z
      .string()
      .default("vault")
      .describe("The ClusterSecretStore's name, a DNS-1123 subdomain; ExternalSecrets name it in secretStoreRef with kind ClusterSecretStore. Default: vault."),
    server: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, "expected the Vault address as an https:// URL, e.g. https://vault.example.org")
      .describe("The Vault address, e.g. https://vault.example.org; differs per environment. Required."),
    path: z.string().min(1).default("secret").describe("The mount path of the KV secrets engine. Default: secret."),
    kvVersion: z.enum(["v1", "v2"]).default("v2").describe("The version of the KV secrets engine. Default: v2."),
    kubernetesAuth: z
      .object({
        mountPath: z.string().min(1).default("kubernetes").describe("Where Vault's Kubernetes auth method is mounted. Default: kubernetes."),
        role: z.string().min(1).default("external-secrets").describe("The Vault role bound to the External Secrets controller's ServiceAccount. Default: external-secrets."),
      })
      .strict()
      .prefault({})
      .describe("Vault's Kubernetes auth method. Default: mount kubernetes, role external-secrets."),
  })
  .strict();

/** The input of {@link vaultSecretStore}; `server` is required. */
export type VaultSecretStoreProps = z.input<typeof vaultSecretStoreProps>;

/**
 * Renders a ClusterSecretStore for Vault's KV engine with Kubernetes auth.
 * Keys of ExternalSecrets that use it are paths under the mount, e.g.
 * `podinfo/database` for `secret/data/podinfo/database` on KV v2.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function vaultSecretStore(input: VaultSecretStoreProps): ComponentOutput {
  const props = parseProps(vaultSecretStoreProps, input, "vaultSecretStore");
  return [
    clusterSecretStore({
      name: props.name,
      provider: {
        vault: {
          server: props.server,
          path: props.path,
          version: props.kvVersion,
          auth: { kubernetes: { mountPath: props.kubernetesAuth.mountPath, role: props.kubernetesAuth.role } },
        },
      },
    }),
  ];
}
