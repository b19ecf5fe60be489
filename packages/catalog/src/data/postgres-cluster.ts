/**
 * A Postgres cluster run by CrunchyData PGO (`PostgresCluster`,
 * `postgres-operator.crunchydata.com/v1beta1`): instance sets with their
 * volumes, users and databases, pgBackRest backups to S3-compatible storage
 * (MinIO included) or a volume with schedules and retention, and metrics
 * from PGO's exporter sidecar scraped through a PodMonitor. Goes in the
 * configs layer, after {@link postgresOperator} installed the CRDs.
 */
import { parseProps, type ApiObject } from "@typed-gitops/lib";
import { PostgresCluster, type IPostgresCluster } from "@typed-gitops/models/postgres-operator.crunchydata.com/v1beta1/PostgresCluster";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";
import type { Component } from "../component.ts";
import { podMonitor } from "../monitoring/monitors.ts";
import { optionalResourcesSchema, resourcesOf } from "../shared/resources.ts";
import { existingSecretProp } from "../shared/secret-ref.ts";
import { metricsSchema } from "../wiring.ts";
import { storageSchema } from "./storage.ts";

/** The pgBackRest repository this builder configures. */
export const PGBACKREST_REPO = "repo1";

/** Where PGO mounts the pgBackRest `configuration` files. */
export const PGBACKREST_CONFIG_DIR = "/etc/pgbackrest/conf.d";

/** The Postgres port PGO's Services listen on. */
export const POSTGRES_PORT = 5432;

/** A DNS-1123 label of at most `max` characters. */
function label(max: number, what: string): z.ZodString {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `expected ${what}: lower-case letters, digits and '-', starting and ending with a letter or digit`);
}

/** A five-field cron schedule, e.g. `0 1 * * 0`. */
const cron = z.string().regex(/^(\S+\s+){4}\S+$/, "expected a five-field cron schedule such as 0 1 * * 0");

/**
 * Postgres settings PGO manages itself: setting them is rejected by the
 * CRD's validation, so they are rejected here with the reason.
 */
const MANAGED_PARAMETERS: readonly { readonly test: (key: string) => boolean; readonly why: string }[] = [
  { test: (key) => key === "port", why: "set the port with the PostgresCluster's port, not a parameter" },
  { test: (key) => ["config_file", "data_directory", "hba_file", "ident_file", "external_pid_file"].includes(key), why: "PGO manages the data directory and its files" },
  { test: (key) => key === "listen_addresses" || key.startsWith("unix_socket_"), why: "PGO manages how Postgres listens" },
  { test: (key) => key === "ssl" || (key.startsWith("ssl_") && key !== "ssl_groups" && key !== "ssl_ecdh_curve"), why: "TLS is always on and managed by PGO" },
  {
    test: (key) => ["wal_log_hints", "archive_mode", "archive_command", "restore_command", "hot_standby", "synchronous_standby_names", "primary_conninfo", "primary_slot_name", "recovery_min_apply_delay", "cluster_name", "logging_collector", "log_file_mode", "recovery_target"].includes(key) || key.startsWith("recovery_target_"),
    why: "PGO manages replication, archiving and logging",
  },
];

/** One instance set: identical Postgres pods with their volumes. */
const instanceSetSchema = z
  .object({
    name: label(15, "an instance set name").default("instance1").describe("The instance set's name, part of its pods' names. Default: instance1."),
    replicas: z.number().int().min(1).max(10).default(1).describe("Postgres pods in the set: one primary in the cluster, the others streaming replicas. Default: 1."),
    storage: storageSchema("10Gi", "each pod's data volume").prefault({}).describe("Each pod's data (PGDATA) volume."),
    walStorage: storageSchema("5Gi", "each pod's WAL volume").optional().describe("A separate volume for the write-ahead log. Default: the WAL stays on the data volume."),
    resources: optionalResourcesSchema.optional().describe("Resources of the Postgres container. Default: none."),
  })
  .strict();

/** A Postgres user PGO creates, with a generated password in a Secret. */
const userSchema = z
  .object({
    name: label(63, "a user name").describe("The user (role) name; PGO writes its password and connection details to the Secret `<cluster>-pguser-<name>`."),
    databases: z
      .array(z.string().min(1).max(63))
      .default([])
      .describe("Databases PGO creates and lets the user connect to and create objects in. Default: none."),
    options: z
      .string()
      .max(200)
      .refine((value) => !value.includes(";"), "must not contain ';'")
      .refine((value) => !/password/i.test(value), "cannot assign a password: PGO generates it")
      .refine((value) => !/--|\/\*|\*\//.test(value), "cannot contain SQL comments")
      .optional()
      .describe("ALTER ROLE options, e.g. CREATEDB or CONNECTION LIMIT 20. Default: none."),
    passwordType: z
      .enum(["ASCII", "AlphaNumeric"])
      .default("AlphaNumeric")
      .describe("The generated password's characters; AlphaNumeric is safe in connection URIs. Default: AlphaNumeric."),
  })
  .strict();

/** S3-compatible storage for the pgBackRest repository. */
const s3Schema = z
  .object({
    endpoint: z
      .string()
      .regex(/^(https?:\/\/)?[a-z0-9.-]+(:[0-9]{1,5})?\/?$/, "expected an endpoint such as https://minio.minio.svc.cluster.local:9000 or s3.eu-central-1.amazonaws.com")
      .describe(
        "The S3 endpoint, e.g. a minio() instance's `endpoint` or s3.eu-central-1.amazonaws.com. https:// (or no scheme) is sent as host[:port]; an http:// endpoint needs pgBackRest 2.58 or newer.",
      ),
    bucket: z.string().min(3).max(63).describe("The bucket."),
    region: z.string().min(1).default("us-east-1").describe("The region to sign requests for. Default: us-east-1 (MinIO's)."),
    uriStyle: z.enum(["path", "host"]).default("path").describe("path (`<endpoint>/<bucket>`, MinIO) or host (`<bucket>.<endpoint>`, AWS). Default: path."),
    verifyTls: z.boolean().default(true).describe("Whether pgBackRest verifies the endpoint's certificate. Default: true."),
    caSecret: existingSecretProp({ key: "ca.crt", holds: "the PEM certificate of the CA" })
      .optional()
      .describe("The CA that signed the endpoint's certificate, for a private CA such as MinIO's from cert-manager (copy it into the cluster's namespace, e.g. with trust-manager). Default: the image's trusted CAs."),
    credentialsSecret: existingSecretProp({
      key: "s3.conf",
      holds: "the access key and secret key as a pgBackRest config: `[global]`, `repo1-s3-key=…` and `repo1-s3-key-secret=…` lines",
    }),
  })
  .strict();

/** The props of {@link postgresCluster}. */
export const postgresClusterProps = z
  .object({
    name: label(40, "a cluster name").describe("The PostgresCluster's name, the prefix of its Services (`<name>-primary`) and Secrets, and the component's folder."),
    namespace: label(63, "a namespace").default("postgres").describe("The cluster's namespace; with a namespace-scoped operator, its namespace. Default: postgres."),
    createNamespace: z.boolean().default(true).describe("Whether this component renders the Namespace (turn off when another component owns it). Default: true."),
    postgresVersion: z.number().int().min(11).max(18).default(17).describe("The Postgres major version; the operator must ship an image for it. Default: 17."),
    image: z.string().min(1).optional().describe("The Postgres image, for a version the operator has no default for. Default: the operator's image for postgresVersion."),
    instances: z
      .array(instanceSetSchema)
      .min(1)
      .prefault([{}])
      .describe("The instance sets. Default: one set `instance1` of one pod with a 10Gi volume."),
    users: z.array(userSchema).max(64).default([]).describe("Users and their databases. Default: none, PGO's default user named after the cluster with a database of the same name."),
    parameters: z
      .record(z.string().regex(/^[a-z_][a-z0-9_.]*$/, "expected a Postgres setting name such as max_connections"), z.union([z.string(), z.number().int()]))
      .default({})
      .describe("Postgres settings (postgresql.conf), e.g. { max_connections: 200, shared_buffers: \"512MB\" }. Default: PGO's."),
    backups: z
      .object({
        s3: s3Schema.optional().describe("Back up to S3-compatible object storage. Exactly one of s3 and volume."),
        volume: storageSchema("20Gi", "the backup volume").optional().describe("Back up to a volume of a repository host pod. Exactly one of s3 and volume."),
        path: z
          .string()
          .startsWith("/", "expected an absolute path such as /pgbackrest/app")
          .optional()
          .describe("The repository's path in the bucket or volume. Default: /pgbackrest/<namespace>/<name>/repo1, so clusters can share a bucket."),
        schedules: z
          .object({
            full: cron.optional().describe("When full backups run (cron). Default: none."),
            differential: cron.optional().describe("When differential backups run (cron). Default: none."),
            incremental: cron.optional().describe("When incremental backups run (cron). Default: none."),
          })
          .strict()
          .default({ full: "0 1 * * 0", incremental: "0 1 * * 1-6" })
          .describe("Backup schedules. Default: a full backup Sundays at 01:00 and incremental ones the other days."),
        retention: z
          .object({
            full: z.number().int().min(1).max(9999999).default(2).describe("How many full backups (count) or days (time) are kept. Default: 2."),
            type: z.enum(["count", "time"]).default("count").describe("Whether `full` counts backups or days. Default: count."),
            differential: z.number().int().min(1).optional().describe("How many differential backups are kept. Default: pgBackRest's (all until their full one expires)."),
          })
          .strict()
          .prefault({})
          .describe("How long backups are kept (pgBackRest repo retention)."),
      })
      .strict()
      .optional()
      .describe("pgBackRest backups and WAL archiving. Default: none (no point-in-time recovery)."),
    metrics: metricsSchema.optional().describe("PGO's Postgres exporter sidecar (pgMonitor) scraped through a PodMonitor on its `exporter` port. Default: off."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const names = new Set<string>();
    props.instances.forEach((set, i) => {
      if (names.has(set.name)) ctx.addIssue({ code: "custom", path: ["instances", i, "name"], message: `instance set ${JSON.stringify(set.name)} is listed twice` });
      names.add(set.name);
    });
    const users = new Set<string>();
    props.users.forEach((user, i) => {
      if (users.has(user.name)) ctx.addIssue({ code: "custom", path: ["users", i, "name"], message: `user ${JSON.stringify(user.name)} is listed twice` });
      users.add(user.name);
    });
    for (const key of Object.keys(props.parameters).sort()) {
      const managed = MANAGED_PARAMETERS.find((rule) => rule.test(key));
      if (managed !== undefined) ctx.addIssue({ code: "custom", path: ["parameters", key], message: `is managed by PGO: ${managed.why}` });
    }
    if (Object.keys(props.parameters).length > 50) ctx.addIssue({ code: "custom", path: ["parameters"], message: "at most 50 settings" });
    if (props.parameters.ssl_groups !== undefined && props.postgresVersion < 18) {
      ctx.addIssue({ code: "custom", path: ["parameters", "ssl_groups"], message: "is only available in Postgres 18 and newer" });
    }
    if (props.backups !== undefined) {
      if ((props.backups.s3 === undefined) === (props.backups.volume === undefined)) {
        ctx.addIssue({ code: "custom", path: ["backups"], message: "give exactly one repository: s3 or volume" });
      }
    }
  });

/** The input of {@link postgresCluster}. */
export type PostgresClusterProps = z.input<typeof postgresClusterProps>;

/** How apps connect to a {@link postgresCluster}. */
export interface PostgresConnection {
  /** The primary's Service host, e.g. `app-primary.postgres.svc`. */
  readonly host: string;
  /** The port: 5432. */
  readonly port: number;
  /**
   * The Secret PGO writes for each user (`<cluster>-pguser-<user>`), with
   * the keys host, port, dbname, user, password, uri and jdbc-uri.
   */
  readonly userSecrets: Readonly<Record<string, string>>;
}

/** A rendered {@link postgresCluster}. */
export interface PostgresClusterComponent extends Component {
  /** How apps connect. */
  readonly connection: PostgresConnection;
}

/** The pgBackRest `repo1-s3-endpoint`: host[:port] for HTTPS, the URL as given for HTTP. */
function pgBackRestEndpoint(endpoint: string): string {
  const trimmed = endpoint.replace(/\/$/, "");
  return trimmed.startsWith("https://") ? trimmed.slice("https://".length) : trimmed;
}

/** A claim spec with one access mode, a size and an optional class. */
function claimSpec(storage: { size: string; storageClass?: string | undefined }) {
  return {
    accessModes: ["ReadWriteOnce"],
    resources: { requests: { storage: storage.size } },
    ...(storage.storageClass === undefined ? {} : { storageClassName: storage.storageClass }),
  };
}

/**
 * Renders a PostgresCluster (and its Namespace, and a PodMonitor when
 * metrics are on) for the configs layer, and returns how to connect.
 *
 * @example
 * const storage = minio({ rootSecret: "minio-root", buckets: [{ name: "pg-backups" }] });
 * postgresCluster({
 *   name: "app", namespace: "apps",
 *   users: [{ name: "app", databases: ["app"] }],
 *   backups: { s3: { endpoint: storage.endpoint, bucket: "pg-backups", credentialsSecret: { name: "app-pgbackrest-s3" } } },
 * });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function postgresCluster(input: PostgresClusterProps): PostgresClusterComponent {
  const props = parseProps(postgresClusterProps, input, "postgresCluster");
  const { name, namespace } = props;
  const repo = PGBACKREST_REPO;
  const backups = props.backups;

  let backupsSpec: NonNullable<IPostgresCluster["spec"]>["backups"];
  if (backups !== undefined) {
    const global: Record<string, string> = {
      [`${repo}-path`]: backups.path ?? `/pgbackrest/${namespace}/${name}/${repo}`,
      [`${repo}-retention-full`]: String(backups.retention.full),
      [`${repo}-retention-full-type`]: backups.retention.type,
    };
    if (backups.retention.differential !== undefined) global[`${repo}-retention-diff`] = String(backups.retention.differential);
    const schedules = Object.fromEntries(Object.entries(backups.schedules).filter(([, value]) => value !== undefined));
    type Repo = NonNullable<NonNullable<NonNullable<IPostgresCluster["spec"]>["backups"]>["pgbackrest"]>["repos"][number];
    const repoSpec: Repo = { name: repo, ...(Object.keys(schedules).length === 0 ? {} : { schedules }) };
    const configuration: { secret: { name: string; items: { key: string; path: string }[] } }[] = [];
    if (backups.s3 !== undefined) {
      global[`${repo}-s3-uri-style`] = backups.s3.uriStyle;
      if (!backups.s3.verifyTls) global[`${repo}-storage-verify-tls`] = "n";
      repoSpec.s3 = { bucket: backups.s3.bucket, endpoint: pgBackRestEndpoint(backups.s3.endpoint), region: backups.s3.region };
      configuration.push({ secret: { name: backups.s3.credentialsSecret.name, items: [{ key: backups.s3.credentialsSecret.key, path: "s3.conf" }] } });
      if (backups.s3.caSecret !== undefined) {
        configuration.push({ secret: { name: backups.s3.caSecret.name, items: [{ key: backups.s3.caSecret.key, path: `${repo}-ca.crt` }] } });
        global[`${repo}-storage-ca-file`] = `${PGBACKREST_CONFIG_DIR}/${repo}-ca.crt`;
      }
    } else if (backups.volume !== undefined) {
      repoSpec.volume = { volumeClaimSpec: claimSpec(backups.volume) };
    }
    backupsSpec = { pgbackrest: { ...(configuration.length === 0 ? {} : { configuration }), global, repos: [repoSpec] } };
  }

  const metricsOn = props.metrics !== undefined && props.metrics.enabled;
  const cluster = new PostgresCluster({
    metadata: { name, namespace },
    spec: {
      postgresVersion: props.postgresVersion,
      ...(props.image === undefined ? {} : { image: props.image }),
      instances: props.instances.map((set) => {
        const resources = resourcesOf(set.resources);
        return {
          name: set.name,
          replicas: set.replicas,
          dataVolumeClaimSpec: claimSpec(set.storage),
          ...(set.walStorage === undefined ? {} : { walVolumeClaimSpec: claimSpec(set.walStorage) }),
          ...(resources === undefined ? {} : { resources }),
        };
      }),
      ...(props.users.length === 0
        ? {}
        : {
            users: props.users.map((user) => ({
              name: user.name,
              ...(user.databases.length === 0 ? {} : { databases: user.databases }),
              ...(user.options === undefined ? {} : { options: user.options }),
              password: { type: user.passwordType },
            })),
          }),
      ...(Object.keys(props.parameters).length === 0 ? {} : { config: { parameters: props.parameters } }),
      ...(backupsSpec === undefined ? {} : { backups: backupsSpec }),
      ...(metricsOn ? { monitoring: { pgmonitor: { exporter: {} } } } : {}),
    },
  });

  const configs: ApiObject[] = [];
  if (props.createNamespace) configs.push(new Namespace({ metadata: { name: namespace } }));
  configs.push(cluster);
  if (props.metrics !== undefined && props.metrics.enabled) {
    configs.push(
      podMonitor({
        name,
        namespace,
        selector: { "postgres-operator.crunchydata.com/cluster": name, "postgres-operator.crunchydata.com/crunchy-postgres-exporter": "true" },
        port: "exporter",
        interval: props.metrics.interval,
        labels: props.metrics.labels,
      }),
    );
  }

  const userNames = props.users.length === 0 ? [name] : props.users.map((user) => user.name);
  return {
    name,
    configs,
    connection: {
      host: `${name}-primary.${namespace}.svc`,
      port: POSTGRES_PORT,
      userSecrets: Object.fromEntries(userNames.map((user) => [user, `${name}-pguser-${user}`])),
    },
  };
}
