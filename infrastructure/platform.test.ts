/**
 * The platform's own building blocks, beside the catalog's: the
 * environment's validation, the wiring of authentik's outpost into
 * protected routes, Kafka credentials kept in Vault and the NetworkPolicy
 * of a Postgres cluster in an app namespace.
 */
import { emitDocument, isUserError, readImageTags, type ApiObject } from "@typed-gitops/lib";
import { authentik, kafkaCluster, traefik } from "@typed-gitops/catalog";
import { describe, expect, it } from "vitest";
import { kafkaCredentials } from "./kafka-credentials.ts";
import { platform } from "./platform.ts";
import type { PlatformEnvironment } from "./platform-environment.ts";
import { postgresNetworkPolicy } from "./postgres-network-policy.ts";

/** Objects as one multi-document YAML text, as the golden files hold them. */
function emitAll(objects: readonly ApiObject[]): string {
  return objects.map((object) => emitDocument(object as unknown as Record<string, unknown>)).join("---\n");
}

/** The message of the UserError a call throws. */
function thrownMessage(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(isUserError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected the call to be rejected");
}

const clusterDir = new URL("../clusters/staging/", import.meta.url);

/** A small, valid environment: staging's files, the smallest sizes. */
const environment: PlatformEnvironment = {
  cluster: "test",
  domain: "test.example.org",
  clusterDir,
  images: readImageTags(new URL("images.yaml", clusterDir)),
  letsEncrypt: { email: "ops@example.org", issuer: "staging" },
  apiServer: { cidr: "10.9.0.0/28" },
  controllerReplicas: 1,
  traefik: { replicas: 1 },
  vault: { replicas: 1, storageSize: "1Gi", auditSize: "1Gi" },
  sso: { serverReplicas: 1, workerReplicas: 1, databaseSize: "1Gi" },
  monitoring: {
    prometheus: { replicas: 1, retention: "1d", retentionSize: "1GB", storageSize: "2Gi" },
    alertmanager: { replicas: 1, storageSize: "1Gi", receivers: [{ type: "slack", name: "slack", urlKey: "slack-url" }], routes: [], defaultReceiver: "slack" },
    grafanaStorageSize: "1Gi",
  },
  kafka: { topology: "dual-role", brokers: 1, brokerStorage: "1Gi", orderEventsRetentionHours: 1, orderEventsPartitions: 1 },
  apps: {
    podinfo: { replicas: 1, maxReplicas: 1, cpu: "10m", memory: "32Mi", message: "test", logLevel: "debug" },
    orders: { replicas: 1, maxReplicas: 1, cpu: "10m", memory: "32Mi", database: { replicas: 1, storageSize: "1Gi", backups: { type: "volume", size: "1Gi" }, fullBackupsKept: 1 } },
    notifier: { replicas: 1, maxReplicas: 1, cpu: "10m", memory: "32Mi" },
  },
};

describe("platform", () => {
  it("places every component in a layer folder", () => {
    const folders = Object.keys(platform(environment));
    for (const folder of folders) expect(folder).toMatch(/^(infrastructure\/controllers|infrastructure\/configs|apps)\/[a-z0-9-]+$/);
    expect(folders).toEqual(expect.arrayContaining(["infrastructure/controllers/vault", "infrastructure/configs/events", "apps/orders"]));
  });

  it("adds image automation only to an environment that asks for it", () => {
    expect(Object.keys(platform(environment))).not.toContain("infrastructure/configs/image-automation");
    const automated = platform({ ...environment, imageAutomation: { imagesFile: "./clusters/staging/images.yaml", images: { podinfo: { image: "ghcr.io/stefanprodan/podinfo", semver: ">=6.9.0 <7.0.0" } } } });
    expect(automated["infrastructure/configs/image-automation"]!.map((object) => object.kind)).toEqual(["ImageRepository", "ImagePolicy", "ImageUpdateAutomation"]);
  });
});

const invalid = [
  {
    label: "an unknown field",
    build: () => platform({ ...environment, replica: 2 } as never),
    message: `platform: unknown field "replica"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "an even Vault quorum and an unknown issuer",
    build: () => platform({ ...environment, vault: { ...environment.vault, replicas: 2 }, letsEncrypt: { email: "ops@example.org", issuer: "prod" as never } }),
    message: [`platform: letsEncrypt.issuer: Invalid option: expected one of "staging"|"production"`, `platform: vault.replicas: expected 1, 3 or 5: Raft keeps a quorum only with an odd number of voters`].join("\n"),
  },
  {
    label: "a domain that is no DNS name",
    build: () => platform({ ...environment, domain: "Example_org" }),
    message: `platform: domain: expected a DNS domain such as example.org`,
  },
  {
    label: "an image missing from images.yaml",
    build: () => platform({ ...environment, images: {} }),
    message: `platform(): images: has no image "podinfo"\n  hint: add podinfo to the cluster's images.yaml`,
  },
] as const;

describe("platform rejects bad environments", () => {
  it.each(invalid)("rejects $label, naming every problem", ({ build, message }) => {
    expect(thrownMessage(build)).toBe(message);
  });
});

describe("kafkaCredentials", () => {
  const events = kafkaCluster({ name: "events" });

  it("renders a SCRAM KafkaUser whose password, and its app's copy, are read from one Vault key", async () => {
    const credentials = kafkaCredentials({ cluster: events.ref, user: "shop", appNamespace: "shop", vaultKey: "kafka/shop", acls: [{ resource: { type: "topic", name: "orders" }, operations: ["Write"] }] });
    expect(credentials.appSecret).toBe("shop-kafka-password");
    await expect(emitAll([...credentials.configs, ...credentials.apps])).toMatchFileSnapshot("__golden__/kafka-credentials.yaml");
  });

  it("rejects ACLs that do not apply to their resource", () => {
    expect(thrownMessage(() => kafkaCredentials({ cluster: events.ref, user: "shop", appNamespace: "shop", vaultKey: "kafka/shop", acls: [{ resource: { type: "group", name: "shop" }, operations: ["Write"] }] }))).toBe(
      "kafkaUser: acls[0].operations[0]: Write does not apply to a group: use Read, Delete, Describe, All",
    );
  });
});

describe("postgresNetworkPolicy", () => {
  it("renders the policy of a Postgres cluster with S3 backups and metrics", async () => {
    const policy = postgresNetworkPolicy({ cluster: "orders-db", namespace: "orders", clients: ["orders"], prometheusNamespace: "monitoring", apiServer: { cidr: "10.0.0.0/28", port: 6443 }, objectStorage: { cidr: "0.0.0.0/0" } });
    await expect(emitAll([policy])).toMatchFileSnapshot("__golden__/postgres-network-policy.yaml");
  });

  it("renders a policy that passes its model's schema validation", () => {
    const policy = postgresNetworkPolicy({ cluster: "db", namespace: "app", clients: ["app"], apiServer: { cidr: "10.0.0.1/32", port: 443 } });
    expect(() => policy.validate()).not.toThrow();
  });
});
