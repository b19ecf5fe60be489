/**
 * The SecretStore (`external-secrets.io/v1`): how ExternalSecrets of one
 * namespace reach a secrets provider.
 */
import type { SecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { builderWhere, namespaceName, objectName } from "../flux/props.ts";
import { parseProps } from "../props/parse-props.ts";
import { storeSpecOf, storeSpecShape } from "./store-spec.ts";

/** The SecretStore model, loaded when the builder first runs. */
const secretStoreModel = lazyModel<typeof import("@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore")>(import.meta.resolve("@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore"));

/** The props of {@link secretStore}. */
export const secretStoreProps = z
  .object({
    /** The SecretStore's name, a DNS-1123 subdomain; ExternalSecrets refer to it by this name. */
    name: objectName().describe("The SecretStore's name, a DNS-1123 subdomain."),
    /** The namespace of the SecretStore; only ExternalSecrets of this namespace can use it, and it reads only Secrets of this namespace. */
    namespace: namespaceName().describe("The namespace of the SecretStore and of the ExternalSecrets that use it."),
    ...storeSpecShape("namespaced"),
  })
  .strict();

/** The input of {@link secretStore}. */
export type SecretStoreInput = z.input<typeof secretStoreProps>;

/**
 * Builds a SecretStore for the ExternalSecrets of its namespace.
 *
 * @example
 * secretStore({
 *   name: "vault", namespace: "web",
 *   provider: { vault: { server: "https://vault.example.com", path: "secret", auth: { kubernetes: { role: "web" } } } },
 * });
 * @throws {UserError} naming every invalid or unknown field, and a provider with two kinds at once.
 */
export function secretStore(input: SecretStoreInput): SecretStore {
  const props = parseProps(secretStoreProps, input, builderWhere("secretStore", input));
  return new (secretStoreModel().SecretStore)({ metadata: { name: props.name, namespace: props.namespace }, spec: storeSpecOf(props) });
}
