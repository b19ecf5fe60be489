import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { REDIS_CHART } from "../versions.ts";
import { redis, type RedisProps } from "./redis.ts";

const defaults: RedisProps = { passwordSecret: { name: "redis-auth" } };

const rich: RedisProps = {
  name: "sessions",
  namespace: "cache",
  architecture: "replication",
  replicas: 3,
  sentinel: { quorum: 2, masterName: "sessions", masterService: true },
  passwordSecret: { name: "sessions-redis", key: "password" },
  persistence: { size: "20Gi", storageClass: "fast-ssd" },
  resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
  networkPolicy: true,
  metrics: { interval: "15s", labels: { release: "kube-prometheus-stack" } },
  values: { extraConfig: "maxmemory-policy allkeys-lru\n" },
};

const renders = [
  { file: "redis.default", props: defaults },
  { file: "redis.rich", props: rich },
] as const;

describe("redis", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent(redis(props)));

  it("renders both cases into a tree that validates (schemas, CEL, policies, kustomize build)", async () => {
    await expectValidTree([redis(defaults), redis(rich), redis({ name: "queue", namespace: "queue", architecture: "replication", replicas: 2, sentinel: { enabled: false }, passwordSecret: { name: "queue-auth" } })]);
  });

  it("pins the CloudPirates chart from its OCI registry", () => {
    expect(REDIS_CHART).toMatchObject({ chart: "redis", repository: "oci://registry-1.docker.io/cloudpirates/redis" });
  });

  it("exports where apps connect", () => {
    expect(redis(defaults).endpoint).toEqual({ host: "redis.redis.svc", port: 6379, passwordSecret: { name: "redis-auth", key: "redis-password" } });
    expect(redis(rich).endpoint).toEqual({
      host: "sessions-master.cache.svc",
      port: 6379,
      sentinel: { host: "sessions-sentinel.cache.svc", port: 26379, masterName: "sessions" },
      passwordSecret: { name: "sessions-redis", key: "password" },
    });
    expect(redis({ architecture: "replication", replicas: 2, sentinel: { enabled: false }, passwordSecret: { name: "auth" } }).endpoint.host).toBe("redis-master.redis.svc");
  });
});

const invalid = [
  {
    label: "a missing password Secret",
    build: () => redis({} as never),
    message: "redis: passwordSecret: is required",
  },
  {
    label: "replicas and Sentinel in standalone mode",
    build: () => redis({ passwordSecret: { name: "auth" }, replicas: 3, sentinel: {} }),
    message: [
      `redis: replicas: standalone runs one instance, not 3: set architecture: "replication" for more`,
      `redis: sentinel: Sentinel needs replicas: set architecture: "replication" or remove sentinel`,
    ].join("\n"),
  },
  {
    label: "Sentinel with two instances and a quorum above them",
    build: () => redis({ passwordSecret: { name: "auth" }, architecture: "replication", replicas: 2, sentinel: { quorum: 3 } }),
    message: ["redis: replicas: Sentinel needs at least 3 instances to agree on a failover, not 2", "redis: sentinel.quorum: cannot exceed the 2 Sentinels"].join("\n"),
  },
  {
    label: "a password Secret key that is no key and a size that is no quantity",
    build: () => redis({ passwordSecret: { name: "auth", key: "redis password" }, persistence: { size: "8 GB" } }),
    message: ["redis: passwordSecret.key: expected a Secret key: letters, digits, '-', '_' and '.'", "redis: persistence.size: expected a Kubernetes quantity such as 8Gi"].join("\n"),
  },
] as const;

describeRejections("redis", invalid);
