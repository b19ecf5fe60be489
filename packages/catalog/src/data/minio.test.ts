import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles, releaseValues } from "../../test/validate-components.ts";
import { minio, type MinioProps } from "./minio.ts";

const defaults: MinioProps = { rootSecret: "minio-root" };

const rich: MinioProps = {
  name: "objects",
  namespace: "storage",
  mode: "distributed",
  replicas: 4,
  drivesPerNode: 2,
  persistence: { size: "200Gi", storageClass: "fast-ssd" },
  rootSecret: "objects-root",
  buckets: [
    { name: "pg-backups", versioning: true },
    { name: "vault-data" },
    { name: "public-assets", policy: "download" },
  ],
  policies: [
    {
      name: "pg-backups-rw",
      statements: [
        { actions: ["s3:GetBucketLocation", "s3:ListBucket"], resources: ["arn:aws:s3:::pg-backups"] },
        { actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: ["arn:aws:s3:::pg-backups/*"] },
      ],
    },
  ],
  users: [
    { accessKey: "pgbackrest", secret: { name: "minio-user-pgbackrest" }, policy: "pg-backups-rw" },
    { accessKey: "vault", secret: { name: "minio-user-vault", key: "password" }, policy: "readwrite" },
  ],
  console: {
    route: {
      host: "s3-console.example.com",
      issuerRef: { name: "letsencrypt-production" },
      middlewares: [{ name: "authentik-forward-auth", namespace: "authentik" }],
    },
  },
  tls: { issuerRef: { name: "cluster-ca" } },
  resources: { requests: { cpu: "250m", memory: "2Gi" }, limits: { memory: "4Gi" } },
  networkPolicy: true,
  metrics: { interval: "1m", labels: { release: "kube-prometheus-stack" } },
  values: { priorityClassName: "storage-critical" },
};

const renders = [
  { file: "minio.default", props: defaults },
  { file: "minio.rich", props: rich },
] as const;

describe("minio", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent(minio(props)));

  it("renders both cases into a tree that validates (schemas, CEL, policies, kustomize build)", async () => {
    await expectValidTree([minio(defaults), minio(rich)]);
  });

  it("exports the S3 endpoint apps and backups point at", () => {
    expect(minio(defaults).endpoint).toBe("http://minio.minio.svc.cluster.local:9000");
    expect(minio(rich).s3).toEqual({
      endpoint: "https://objects.storage.svc.cluster.local:9000",
      host: "objects.storage.svc.cluster.local",
      port: 9000,
      tls: true,
      region: "us-east-1",
      uriStyle: "path",
      caSecret: "objects-tls",
    });
  });

  it("replaces the chart's example user and its 16Gi memory request", () => {
    const values = releaseValues(minio(defaults));
    expect(values.users).toEqual([]);
    expect(values.resources).toEqual({ requests: { memory: "1Gi" } });
  });
});

const invalid = [
  {
    label: "a missing root Secret and an unknown prop",
    build: () => minio({ rootUser: "admin" } as never),
    message: [
      `minio: rootSecret: is required`,
      `minio: unknown field "rootUser"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
  {
    label: "several pods in standalone mode",
    build: () => minio({ rootSecret: "root", replicas: 3 }),
    message: `minio: replicas: standalone mode runs one pod, not 3: set mode: "distributed" for more`,
  },
  {
    label: "too few drives for erasure coding",
    build: () => minio({ rootSecret: "root", mode: "distributed", replicas: 3 }),
    message: "minio: replicas: distributed mode needs at least 2 pods and 4 drives in all for erasure coding, not 3 × 1",
  },
  {
    label: "a bad bucket name and a user with an unknown policy",
    build: () =>
      minio({
        rootSecret: "root",
        buckets: [{ name: "Backups" }],
        users: [{ accessKey: "app", secret: { name: "app-key" }, policy: "backups-rw" }],
      }),
    message: [
      "minio: buckets[0].name: expected an S3 bucket name: 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit",
      `minio: users[0].policy: policy "backups-rw" is neither built in (readonly, readwrite, writeonly, consoleAdmin, diagnostics) nor defined in policies`,
    ].join("\n"),
  },
  {
    label: "a duplicate bucket and object locking without versioning",
    build: () => minio({ rootSecret: "root", buckets: [{ name: "backups" }, { name: "backups", objectLocking: true, versioning: false }] }),
    message: [`minio: buckets[1].name: bucket "backups" is listed twice`, "minio: buckets[1].versioning: object locking needs versioning: remove versioning: false"].join("\n"),
  },
  {
    label: "a console route while the console is off",
    build: () => minio({ rootSecret: "root", console: { enabled: false, route: { host: "minio.example.com" } } }),
    message: "minio: console.route: the console is disabled: remove the route or set console.enabled: true",
  },
  {
    label: "a chart version range and a host that is no host name",
    build: () => minio({ rootSecret: "root", version: "5.x", console: { route: { host: "https://minio.example.com" } } }),
    message: [
      `minio: version: "5.x" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
      `minio: console.route.host: "https://minio.example.com" is not a fully qualified host name such as app.example.org: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`,
    ].join("\n"),
  },
] as const;

describeRejections("minio", invalid);
