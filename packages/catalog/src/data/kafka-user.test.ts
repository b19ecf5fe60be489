import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles, validateComponents } from "../../test/validate-components.ts";
import { kafkaCluster } from "./kafka-cluster.ts";
import { kafkaUser, type KafkaUserProps } from "./kafka-user.ts";
import { strimziOperator } from "./strimzi-operator.ts";

const events = kafkaCluster({ name: "events" });

const defaults: KafkaUserProps = { cluster: events.ref, name: "reader" };

const rich: KafkaUserProps = {
  cluster: events.ref,
  name: "shop",
  authentication: "tls",
  certificate: { validityDays: 90, renewalDays: 30 },
  acls: [
    { resource: { type: "topic", name: "orders" }, operations: ["Read", "Write", "Describe"] },
    { resource: { type: "topic", name: "orders-", patternType: "prefix" }, operations: ["Describe"] },
    { resource: { type: "group", name: "shop-", patternType: "prefix" }, operations: ["Read"] },
    { resource: { type: "transactionalId", name: "shop" }, operations: ["Write", "Describe"] },
    { resource: { type: "cluster" }, operations: ["IdempotentWrite"] },
    { resource: { type: "topic", name: "payments" }, operations: ["All"], type: "deny", host: "10.0.0.1" },
  ],
  quotas: { producerByteRate: 1_048_576, consumerByteRate: 2_097_152, requestPercentage: 50 },
};

const scramWithPassword: KafkaUserProps = { cluster: events.ref, name: "legacy", password: { secret: "legacy-kafka-password" } };

const renders = [
  { file: "kafka-user.default", props: defaults },
  { file: "kafka-user.rich", props: rich },
] as const;

describe("kafkaUser", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent({ name: "events", configs: [kafkaUser(props).user] }));

  it("renders the cases with their cluster into a tree that validates against the Strimzi 1.2.0 CRDs incl. CEL", async () => {
    const users = [defaults, rich, scramWithPassword].map((props) => kafkaUser(props).user);
    await expectValidTree([strimziOperator(), { ...events, configs: [...events.configs!, ...users] }]);
  });

  it("is checked against the CRD's CEL rules: a certificate lifetime forced past the props is reported", async () => {
    const result = kafkaUser(rich);
    (result.user.spec!.authentication as Record<string, unknown>).renewalDays = undefined;
    const validation = await validateComponents([strimziOperator(), { ...events, configs: [...events.configs!, result.user] }]);
    expect(validation.problems.join("\n")).toContain("Both 'validityDays' and 'renewalDays' must be set together, or both must be unset.");
  });

  it("exports the Secret the user operator writes the credentials to, and the principal", () => {
    expect(kafkaUser(defaults)).toMatchObject({ secretName: "reader", namespace: "kafka", principal: "reader" });
    expect(kafkaUser(rich)).toMatchObject({ secretName: "shop", namespace: "kafka", principal: "CN=shop" });
  });
});

const plainOnly = kafkaCluster({ name: "open", listeners: { plain: { authentication: "none" }, tls: { enabled: false } }, authorization: { type: "none" } });

const invalid = [
  {
    label: "operations that do not apply to the resource, a cluster rule with a name and a topic rule without",
    build: () =>
      kafkaUser({
        cluster: events.ref,
        name: "app",
        acls: [
          { resource: { type: "group", name: "app" }, operations: ["Write"] },
          { resource: { type: "cluster", name: "kafka-cluster" }, operations: ["Read"] },
          { resource: { type: "topic" }, operations: ["Read"] },
        ],
      }),
    message: [
      "kafkaUser: acls[0].operations[0]: Write does not apply to a group: use Read, Delete, Describe, All",
      "kafkaUser: acls[1].resource.name: the cluster resource has no name: remove it",
      "kafkaUser: acls[1].operations[0]: Read does not apply to a cluster: use Create, Alter, Describe, ClusterAction, AlterConfigs, DescribeConfigs, IdempotentWrite, All",
      "kafkaUser: acls[2].resource.name: a topic rule needs a name (or * for all)",
    ].join("\n"),
  },
  {
    label: "an authentication no listener accepts, and ACLs without authorization",
    build: () => kafkaUser({ cluster: plainOnly.ref, name: "app", acls: [{ resource: { type: "topic", name: "orders" }, operations: ["Read"] }] }),
    message: [
      "kafkaUser: authentication: no listener of cluster open accepts scram-sha-512 (it has no authentication)",
      "kafkaUser: acls: cluster open has no authorization, so ACLs would not apply: remove them or enable simple authorization",
    ].join("\n"),
  },
  {
    label: "a certificate lifetime for a SCRAM user, renewed no sooner than it expires",
    build: () => kafkaUser({ cluster: events.ref, name: "app", certificate: { validityDays: 30, renewalDays: 30 } }),
    message: ["kafkaUser: certificate: only TLS users have a certificate: remove it, or set authentication: tls", "kafkaUser: certificate.renewalDays: must be less than validityDays (30)"].join("\n"),
  },
  {
    label: "a password for a TLS user",
    build: () => kafkaUser({ cluster: events.ref, name: "app", authentication: "tls", password: { secret: "app-password" } }),
    message: "kafkaUser: password: only SCRAM users have a password: remove it, or set authentication: scram-sha-512",
  },
] as const;

describeRejections("kafkaUser", invalid);
