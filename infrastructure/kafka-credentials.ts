/**
 * A Kafka user for an app in its own namespace, with the password kept in
 * Vault. Strimzi's user operator writes a KafkaUser's Secret in the Kafka
 * cluster's namespace, where pods of other namespaces cannot mount it; so
 * the SCRAM password lives in Vault, and two ExternalSecrets read the same
 * key: one beside the KafkaUser (which takes it as its password), one in the
 * app's namespace (which the app reads). Rotating the password is changing
 * one Vault value.
 */
import { externalSecret, parseProps, type ApiObject } from "@typed-gitops/lib";
import { kafkaClusterRefSchema, kafkaUser, kafkaUserProps, type KafkaClusterRef } from "@typed-gitops/catalog";
import { z } from "zod";

/** The key of the password in both Secrets. */
export const KAFKA_PASSWORD_KEY = "password";

/** The props of {@link kafkaCredentials}. */
export const kafkaCredentialsProps = z
  .object({
    cluster: kafkaClusterRefSchema,
    user: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(50).describe("The Kafka user's name, usually the app's."),
    appNamespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).describe("The app's namespace, where its copy of the password goes."),
    vaultKey: z.string().min(1).describe("The Vault KV path whose `password` property is the SCRAM password, e.g. kafka/orders."),
    store: z.string().min(1).default("vault").describe("The ClusterSecretStore that reads Vault. Default: vault."),
    acls: kafkaUserProps.shape.acls,
  })
  .strict();

/** The input of {@link kafkaCredentials}. */
export type KafkaCredentialsInput = z.input<typeof kafkaCredentialsProps> & { readonly cluster: KafkaClusterRef };

/** What {@link kafkaCredentials} renders, by layer, and how the app uses it. */
export interface KafkaCredentials {
  /** The KafkaUser and its password's ExternalSecret, in the Kafka cluster's namespace (configs layer). */
  readonly configs: ApiObject[];
  /** The app's ExternalSecret of the same password, in its namespace (apps layer, with the app). */
  readonly apps: ApiObject[];
  /** The Secret in the app's namespace that holds the password under {@link KAFKA_PASSWORD_KEY}. */
  readonly appSecret: string;
  /** The SCRAM user name. */
  readonly username: string;
}

/**
 * Renders a SCRAM-SHA-512 KafkaUser whose password comes from Vault, and
 * the app's copy of that password.
 *
 * @throws {UserError} naming every invalid prop (and ACLs the cluster cannot apply).
 */
export function kafkaCredentials(input: KafkaCredentialsInput): KafkaCredentials {
  const props = parseProps(kafkaCredentialsProps, input, "kafkaCredentials");
  const passwordSecret = `${props.user}-kafka-password`;
  const read = (namespace: string) =>
    externalSecret({
      name: passwordSecret,
      namespace,
      secretStoreRef: { name: props.store, kind: "ClusterSecretStore" },
      data: [{ secretKey: KAFKA_PASSWORD_KEY, remoteRef: { key: props.vaultKey, property: KAFKA_PASSWORD_KEY } }],
    });
  const user = kafkaUser({ cluster: input.cluster, name: props.user, password: { secret: passwordSecret, key: KAFKA_PASSWORD_KEY }, acls: input.acls ?? [] });
  return {
    configs: [read(props.cluster.namespace), user.user],
    apps: [read(props.appNamespace)],
    appSecret: passwordSecret,
    username: props.user,
  };
}
