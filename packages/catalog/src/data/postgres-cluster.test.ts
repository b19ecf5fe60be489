import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles, validateComponents } from "../../test/validate-components.ts";
import { minio } from "./minio.ts";
import { postgresCluster, type PostgresClusterProps } from "./postgres-cluster.ts";
import { postgresOperator } from "./postgres-operator.ts";

const storage = minio({ rootSecret: "minio-root", tls: { issuerRef: { name: "cluster-ca" } }, buckets: [{ name: "pg-backups" }] });

const defaults: PostgresClusterProps = { name: "app" };

const rich: PostgresClusterProps = {
  name: "orders",
  namespace: "shop",
  postgresVersion: 18,
  instances: [
    {
      name: "main",
      replicas: 3,
      storage: { size: "50Gi", storageClass: "fast-ssd" },
      walStorage: { size: "10Gi", storageClass: "fast-ssd" },
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
    },
  ],
  users: [
    { name: "orders", databases: ["orders"], options: "CONNECTION LIMIT 50" },
    { name: "reporting", databases: ["orders"], options: "NOSUPERUSER", passwordType: "ASCII" },
  ],
  parameters: { max_connections: 200, shared_buffers: "512MB", ssl_groups: "X25519:prime256v1" },
  backups: {
    s3: { endpoint: storage.endpoint, bucket: "pg-backups", credentialsSecret: { name: "orders-pgbackrest-s3" }, caSecret: { name: "minio-ca" } },
    schedules: { full: "0 2 * * 0", differential: "0 2 * * 3", incremental: "0 */6 * * *" },
    retention: { full: 14, type: "time", differential: 3 },
  },
  metrics: { labels: { release: "kube-prometheus-stack" } },
};

const renders = [
  { file: "postgres-cluster.default", props: defaults },
  { file: "postgres-cluster.rich", props: rich },
] as const;

describe("postgresCluster", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent(postgresCluster(props)));

  it("renders both cases with the operator into a tree that validates against the PGO v6.0.3 CRDs incl. CEL", async () => {
    await expectValidTree([postgresOperator(), postgresCluster(defaults), postgresCluster(rich)]);
  });

  it("is checked against the CRD's CEL rules: a managed setting forced past the props is reported", async () => {
    const cluster = postgresCluster(defaults);
    const object = cluster.configs!.find((item) => item.kind === "PostgresCluster") as unknown as { spec: Record<string, unknown> };
    object.spec.config = { parameters: { listen_addresses: "*" } };
    const result = await validateComponents([postgresOperator(), cluster]);
    expect(result.problems.join("\n")).toContain("network connectivity is always enabled: listen_addresses");
  });

  it("backs up to a volume repository too", async () => {
    const cluster = postgresCluster({ name: "wiki", backups: { volume: { size: "30Gi" }, schedules: { full: "0 3 * * *" } } });
    await expectValidTree([postgresOperator(), cluster]);
    const spec = (cluster.configs!.find((object) => object.kind === "PostgresCluster") as unknown as { spec: { backups: { pgbackrest: { repos: unknown[] } } } }).spec;
    expect(spec.backups.pgbackrest.repos).toEqual([
      { name: "repo1", schedules: { full: "0 3 * * *" }, volume: { volumeClaimSpec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "30Gi" } } } } },
    ]);
  });

  it("sends MinIO's HTTPS endpoint to pgBackRest as host:port, path-style", () => {
    const spec = (postgresCluster(rich).configs!.find((object) => object.kind === "PostgresCluster") as unknown as { spec: { backups: { pgbackrest: { repos: { s3: unknown }[]; global: Record<string, string> } } } }).spec;
    expect(spec.backups.pgbackrest.repos[0]!.s3).toEqual({ bucket: "pg-backups", endpoint: "minio.minio.svc.cluster.local:9000", region: "us-east-1" });
    expect(spec.backups.pgbackrest.global["repo1-s3-uri-style"]).toBe("path");
  });

  it("exports the connection Secrets PGO writes", () => {
    expect(postgresCluster(defaults).connection).toEqual({ host: "app-primary.postgres.svc", port: 5432, userSecrets: { app: "app-pguser-app" } });
    expect(postgresCluster(rich).connection.userSecrets).toEqual({ orders: "orders-pguser-orders", reporting: "orders-pguser-reporting" });
  });
});

const invalid = [
  {
    label: "a missing name and an unsupported Postgres version",
    build: () => postgresCluster({ postgresVersion: 10 } as never),
    message: ["postgresCluster: name: Invalid input: expected string, received undefined", "postgresCluster: postgresVersion: Too small: expected number to be >=11"].join("\n"),
  },
  {
    label: "settings PGO manages and one too new for the version",
    build: () => postgresCluster({ name: "app", postgresVersion: 17, parameters: { port: 5433, ssl_ciphers: "HIGH", archive_command: "true", ssl_groups: "X25519" } }),
    message: [
      "postgresCluster: parameters.archive_command: is managed by PGO: PGO manages replication, archiving and logging",
      "postgresCluster: parameters.port: is managed by PGO: set the port with the PostgresCluster's port, not a parameter",
      "postgresCluster: parameters.ssl_ciphers: is managed by PGO: TLS is always on and managed by PGO",
      "postgresCluster: parameters.ssl_groups: is only available in Postgres 18 and newer",
    ].join("\n"),
  },
  {
    label: "a user whose options set a password, and a duplicate user",
    build: () =>
      postgresCluster({
        name: "app",
        users: [
          { name: "app", options: "PASSWORD 'secret'" },
          { name: "app", databases: ["app"] },
        ],
      }),
    message: ["postgresCluster: users[0].options: cannot assign a password: PGO generates it", `postgresCluster: users[1].name: user "app" is listed twice`].join("\n"),
  },
  {
    label: "backups with two repositories and a schedule that is no cron",
    build: () =>
      postgresCluster({
        name: "app",
        backups: { s3: { endpoint: "minio.minio.svc:9000", bucket: "pg-backups", credentialsSecret: { name: "s3" } }, volume: { size: "10Gi" }, schedules: { full: "daily" } },
      }),
    message: ["postgresCluster: backups.schedules.full: expected a five-field cron schedule such as 0 1 * * 0", "postgresCluster: backups: give exactly one repository: s3 or volume"].join("\n"),
  },
  {
    label: "backups without a repository",
    build: () => postgresCluster({ name: "app", backups: {} }),
    message: "postgresCluster: backups: give exactly one repository: s3 or volume",
  },
] as const;

describeRejections("postgresCluster", invalid);
