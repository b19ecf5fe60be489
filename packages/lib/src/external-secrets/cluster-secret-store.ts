/**
 * The ClusterSecretStore (`external-secrets.io/v1`): a secrets provider
 * that ExternalSecrets of every namespace (or of the namespaces its
 * conditions allow) can use.
 */
import type { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { builderWhere, namespaceName, objectName, requiredString } from "../flux/props.ts";
import { parseProps } from "../props/parse-props.ts";
import { labelSelector } from "./props.ts";
import { storeSpecOf, storeSpecShape } from "./store-spec.ts";

/** The ClusterSecretStore model, loaded when the builder first runs. */
const clusterSecretStoreModel = lazyModel<typeof import("@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore")>(import.meta.resolve("@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore"));

/** One condition of a ClusterSecretStore: the namespaces it serves, by name, label or pattern. */
const namespaceCondition = z
  .object({
    /**
     * Namespaces by name.
     * @default none
     */
    namespaces: z.array(namespaceName()).min(1).optional().describe("Namespaces by name. Default: none."),
    /**
     * Namespaces by label.
     * @default none
     */
    namespaceSelector: labelSelector().optional().describe("Namespaces by label. Default: none."),
    /**
     * Namespaces whose name matches one of these regular expressions.
     * @default none
     */
    namespaceRegexes: z.array(requiredString()).min(1).optional().describe("Namespaces whose name matches one of these regular expressions. Default: none."),
  })
  .strict()
  .superRefine((condition, ctx) => {
    if (condition.namespaces === undefined && condition.namespaceSelector === undefined && condition.namespaceRegexes === undefined) {
      ctx.addIssue({ code: "custom", message: "give namespaces, namespaceSelector or namespaceRegexes" });
    }
  });

/** The props of {@link clusterSecretStore}. */
export const clusterSecretStoreProps = z
  .object({
    /** The ClusterSecretStore's name, a DNS-1123 subdomain; ExternalSecrets refer to it with `kind: ClusterSecretStore`. */
    name: objectName().describe("The ClusterSecretStore's name, a DNS-1123 subdomain."),
    ...storeSpecShape("cluster"),
    /**
     * The namespaces whose ExternalSecrets may use the store; a namespace
     * may use it when it meets any one condition.
     * @default none: every namespace may use it
     */
    conditions: z.array(namespaceCondition).min(1).optional().describe("The namespaces that may use the store (any one condition). Default: none (every namespace)."),
  })
  .strict();

/** The input of {@link clusterSecretStore}. */
export type ClusterSecretStoreInput = z.input<typeof clusterSecretStoreProps>;

/**
 * Builds a ClusterSecretStore. References to Secrets and ServiceAccounts
 * without a namespace are resolved in the namespace of each ExternalSecret
 * that uses the store (referent authentication).
 *
 * @example
 * clusterSecretStore({
 *   name: "aws", provider: { aws: { region: "eu-west-1", auth: { jwt: { serviceAccountRef: { name: "eso", namespace: "external-secrets" } } } } },
 * });
 * @throws {UserError} naming every invalid or unknown field, and a provider with two kinds at once.
 */
export function clusterSecretStore(input: ClusterSecretStoreInput): ClusterSecretStore {
  const props = parseProps(clusterSecretStoreProps, input, builderWhere("clusterSecretStore", input));
  return new (clusterSecretStoreModel().ClusterSecretStore)({ metadata: { name: props.name }, spec: { ...storeSpecOf(props), conditions: props.conditions } });
}
