/**
 * A Kafka user managed by Strimzi's user operator (`KafkaUser`,
 * `kafka.strimzi.io/v1`): SCRAM-SHA-512 or TLS client-certificate
 * authentication, simple ACLs typed by resource (each resource type allows
 * only the operations Kafka defines for it) and quotas. The operator writes
 * the credentials to a Secret named like the user, which apps mount.
 */
import { objectName, parseProps } from "@typed-gitops/lib";
import { KafkaUser } from "@typed-gitops/models/kafka.strimzi.io/v1/KafkaUser";
import { z } from "zod";
import { kafkaClusterRefSchema, STRIMZI_CLUSTER_LABEL } from "./kafka-cluster.ts";

/** The operations Kafka's authorizer knows for each resource type. */
export const KAFKA_ACL_OPERATIONS = {
  topic: ["Read", "Write", "Create", "Delete", "Alter", "Describe", "AlterConfigs", "DescribeConfigs", "All"],
  group: ["Read", "Delete", "Describe", "All"],
  cluster: ["Create", "Alter", "Describe", "ClusterAction", "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All"],
  transactionalId: ["Write", "Describe", "All"],
} as const;

/** Every ACL operation. */
const OPERATIONS = ["Read", "Write", "Create", "Delete", "Alter", "Describe", "ClusterAction", "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All"] as const;

/** One ACL rule. */
const aclSchema = z
  .object({
    resource: z
      .object({
        type: z.enum(["topic", "group", "cluster", "transactionalId"]).describe("topic, group (consumer group), cluster or transactionalId."),
        name: z.string().min(1).optional().describe("The resource's name, or its prefix with patternType prefix; `*` for all. Not for cluster."),
        patternType: z.enum(["literal", "prefix"]).default("literal").describe("literal: the exact name; prefix: every name starting with it. Default: literal."),
      })
      .strict()
      .describe("What the rule is about."),
    operations: z.array(z.enum(OPERATIONS)).min(1).describe("The operations allowed or denied."),
    type: z.enum(["allow", "deny"]).default("allow").describe("allow or deny. Default: allow."),
    host: z.string().min(1).default("*").describe("The client host the rule applies to. Default: * (any)."),
  })
  .strict();

/** The props of {@link kafkaUser}. */
export const kafkaUserProps = z
  .object({
    cluster: kafkaClusterRefSchema,
    name: z
      .string()
      .max(64, "must be at most 64 characters (it is the certificate's common name)")
      .regex(/^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/, "expected a user name: lower-case letters, digits, '-' and '.'")
      .describe("The KafkaUser's name: the SCRAM user name or the certificate's CN, and the name of the credentials Secret."),
    authentication: z
      .enum(["scram-sha-512", "tls"])
      .default("scram-sha-512")
      .describe("scram-sha-512: a password (Secret key `password`, plus `sasl.jaas.config`); tls: a client certificate (`user.crt`, `user.key`). Default: scram-sha-512."),
    password: z
      .object({
        secret: objectName().describe("The existing Secret (in the cluster's namespace) with the password; never inline."),
        key: z.string().regex(/^[-._a-zA-Z0-9]+$/, "expected a Secret key").default("password").describe("The key holding the password. Default: password."),
      })
      .strict()
      .optional()
      .describe("A SCRAM password you manage. Default: the operator generates one."),
    certificate: z
      .object({
        validityDays: z.number().int().min(1).describe("How long the client certificate is valid, in days."),
        renewalDays: z.number().int().min(1).describe("How many days before expiry it is renewed; less than validityDays."),
      })
      .strict()
      .optional()
      .describe("The client certificate's lifetime (TLS users). Default: the clients CA's (365 days, renewed 30 days ahead)."),
    acls: z.array(aclSchema).default([]).describe("Simple-authorization ACLs. Default: none (nothing is allowed unless the user is a super user)."),
    quotas: z
      .object({
        producerByteRate: z.number().int().min(0).optional().describe("Bytes per second the user may produce per broker. Default: unlimited."),
        consumerByteRate: z.number().int().min(0).optional().describe("Bytes per second the user may consume per broker. Default: unlimited."),
        requestPercentage: z.number().int().min(0).optional().describe("Percent of broker request-handler time. Default: unlimited."),
      })
      .strict()
      .optional()
      .describe("Client quotas. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (!props.cluster.authentications.includes(props.authentication)) {
      ctx.addIssue({
        code: "custom",
        path: ["authentication"],
        message: `no listener of cluster ${props.cluster.name} accepts ${props.authentication}${props.cluster.authentications.length === 0 ? " (it has no authentication)" : ` (only ${props.cluster.authentications.join(", ")})`}`,
      });
    }
    if (props.password !== undefined && props.authentication !== "scram-sha-512") {
      ctx.addIssue({ code: "custom", path: ["password"], message: "only SCRAM users have a password: remove it, or set authentication: scram-sha-512" });
    }
    if (props.certificate !== undefined && props.authentication !== "tls") {
      ctx.addIssue({ code: "custom", path: ["certificate"], message: "only TLS users have a certificate: remove it, or set authentication: tls" });
    }
    if (props.certificate !== undefined && props.certificate.renewalDays >= props.certificate.validityDays) {
      ctx.addIssue({ code: "custom", path: ["certificate", "renewalDays"], message: `must be less than validityDays (${props.certificate.validityDays})` });
    }
    if (props.acls.length > 0 && !props.cluster.authorization) {
      ctx.addIssue({ code: "custom", path: ["acls"], message: `cluster ${props.cluster.name} has no authorization, so ACLs would not apply: remove them or enable simple authorization` });
    }
    props.acls.forEach((acl, i) => {
      const { type, name } = acl.resource;
      if (type === "cluster" && name !== undefined) ctx.addIssue({ code: "custom", path: ["acls", i, "resource", "name"], message: "the cluster resource has no name: remove it" });
      if (type !== "cluster" && name === undefined) ctx.addIssue({ code: "custom", path: ["acls", i, "resource", "name"], message: `a ${type} rule needs a name (or * for all)` });
      const allowed: readonly string[] = KAFKA_ACL_OPERATIONS[type];
      acl.operations.forEach((operation, j) => {
        if (!allowed.includes(operation)) {
          ctx.addIssue({ code: "custom", path: ["acls", i, "operations", j], message: `${operation} does not apply to a ${type}: use ${allowed.join(", ")}` });
        }
      });
    });
  });

/** The input of {@link kafkaUser}. */
export type KafkaUserProps = z.input<typeof kafkaUserProps>;

/** A rendered {@link kafkaUser}: the object and where its credentials end up. */
export interface KafkaUserResult {
  /** The KafkaUser, for the configs layer. */
  readonly user: KafkaUser;
  /** The Secret the user operator writes the credentials to, in the cluster's namespace. */
  readonly secretName: string;
  /** The namespace of the Secret. */
  readonly namespace: string;
  /** The principal ACLs and superUsers name: the user name (SCRAM) or `CN=<name>` (TLS). */
  readonly principal: string;
}

/**
 * Renders a KafkaUser in the cluster's namespace, labelled with its cluster.
 *
 * @example
 * const shop = kafkaUser({
 *   cluster: events.ref, name: "shop",
 *   acls: [{ resource: { type: "topic", name: "orders" }, operations: ["Read", "Write", "Describe"] },
 *          { resource: { type: "group", name: "shop-", patternType: "prefix" }, operations: ["Read"] }],
 * });
 * // mount shop.secretName (keys password, sasl.jaas.config) in the app
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function kafkaUser(input: KafkaUserProps): KafkaUserResult {
  const props = parseProps(kafkaUserProps, input, "kafkaUser");
  const { cluster } = props;
  const user = new KafkaUser({
    metadata: { name: props.name, namespace: cluster.namespace, labels: { [STRIMZI_CLUSTER_LABEL]: cluster.name } },
    spec: {
      authentication:
        props.authentication === "scram-sha-512"
          ? {
              type: "scram-sha-512",
              ...(props.password === undefined ? {} : { password: { valueFrom: { secretKeyRef: { name: props.password.secret, key: props.password.key } } } }),
            }
          : { type: "tls", ...(props.certificate === undefined ? {} : { validityDays: props.certificate.validityDays, renewalDays: props.certificate.renewalDays }) },
      ...(props.acls.length === 0
        ? {}
        : {
            authorization: {
              type: "simple",
              acls: props.acls.map((acl) => ({
                type: acl.type,
                resource: {
                  type: acl.resource.type,
                  ...(acl.resource.name === undefined ? {} : { name: acl.resource.name, patternType: acl.resource.patternType }),
                },
                operations: [...acl.operations],
                host: acl.host,
              })),
            },
          }),
      ...(props.quotas === undefined ? {} : { quotas: props.quotas }),
    },
  });
  return {
    user,
    secretName: props.name,
    namespace: cluster.namespace,
    principal: props.authentication === "tls" ? `CN=${props.name}` : props.name,
  };
}
