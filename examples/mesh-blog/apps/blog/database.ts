/**
 * An environment's Postgres: one CrunchyData PostgresCluster `blog` in the
 * environment's namespace, with a user and database per service that
 * stores data (content, comment). It lives beside the apps because PGO
 * writes each user's credentials (`blog-pguser-<user>`) into the cluster's
 * own namespace, where the apps read them.
 *
 * Postgres stays out of the mesh: its pods carry the label
 * `sidecar.istio.io/inject: "false"` (through the PostgresCluster's
 * `spec.metadata`, which PGO copies to every object it makes), because
 * backup Jobs would never finish beside a sidecar and PGO already encrypts
 * every connection with its own TLS. A NetworkPolicy takes the mesh's place
 * in front of it.
 */
import { postgresCluster, POSTGRES_PORT } from "@typed-gitops/catalog";
import type { ApiObject, ComponentOutput } from "@typed-gitops/lib";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { BlogService } from "./call-graph.ts";

/** The PostgresCluster's name; its primary's Service is `blog-primary`. */
export const DATABASE_NAME = "blog";

/** The services with a database of their own (user and database named like the service). */
export const DATABASE_USERS = ["content", "comment"] as const satisfies readonly BlogService[];

/** The label PGO puts on every pod of a PostgresCluster. */
const CLUSTER_LABEL = "postgres-operator.crunchydata.com/cluster";

/** The port of PGO's Postgres exporter sidecar. */
const EXPORTER_PORT = 9187;

/** How an environment's database is sized and backed up. */
export interface BlogDatabaseProps {
  /** The environment's namespace. */
  readonly namespace: string;
  /** The namespace of the Postgres operator (postgresOperator().namespace). */
  readonly operatorNamespace: string;
  /** The namespace Prometheus runs in, which scrapes the exporter. */
  readonly prometheusNamespace: string;
  /** Postgres pods: one primary, the others streaming replicas. */
  readonly replicas: number;
  /** Each pod's data volume, e.g. 50Gi. */
  readonly storage: string;
  /** The block StorageClass of the data volumes. */
  readonly storageClass: string;
  /** Backups to S3 with pgBackRest, or none. */
  readonly backups?: {
    readonly bucket: string;
    readonly region: string;
    /** The SealedSecret with pgBackRest's `s3.conf` (sealedSecretObject()); rendered here. */
    readonly credentials: ApiObject;
  };
}

/** The namespace selector of the built-in `kubernetes.io/metadata.name` label. */
const inNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } });

/**
 * The database objects of one environment: the PostgresCluster (out of the
 * mesh), its backup credentials, a PodMonitor of its exporter and the
 * NetworkPolicy of its pods.
 */
export function blogDatabase(props: BlogDatabaseProps): ComponentOutput {
  const { namespace } = props;
  const database = postgresCluster({
    name: DATABASE_NAME,
    namespace,
    createNamespace: false,
    postgresVersion: 17,
    instances: [{ name: "main", replicas: props.replicas, storage: { size: props.storage, storageClass: props.storageClass } }],
    users: DATABASE_USERS.map((name) => ({ name, databases: [name] })),
    ...(props.backups === undefined
      ? {}
      : {
          backups: {
            s3: {
              endpoint: `s3.${props.backups.region}.amazonaws.com`,
              bucket: props.backups.bucket,
              region: props.backups.region,
              uriStyle: "host",
              credentialsSecret: { name: props.backups.credentials.metadata!.name!, key: "s3.conf" },
            },
            retention: { full: 4 },
          },
        }),
    metrics: {},
  });
  const objects = [...(database.configs ?? [])] as ApiObject[];
  const cluster = objects.find((object) => object.kind === "PostgresCluster") as ApiObject & { spec: { metadata?: unknown } };
  // postgresCluster() has no prop for the pods' metadata: set it on the object it returns.
  cluster.spec.metadata = { labels: { "sidecar.istio.io/inject": "false" } };
  const selector = { matchLabels: { [CLUSTER_LABEL]: DATABASE_NAME } };
  const policy = new NetworkPolicy({
    metadata: { name: `${DATABASE_NAME}-postgres`, namespace },
    spec: {
      podSelector: selector,
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        // Replication, pgBackRest and Patroni between the cluster's own pods.
        { from: [{ podSelector: selector }] },
        // The services with a database.
        { from: DATABASE_USERS.map((name) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name } } })), ports: [{ protocol: "TCP", port: POSTGRES_PORT }] },
        // The operator (Patroni and pgBackRest status) and Prometheus (the exporter).
        { from: [inNamespace(props.operatorNamespace)] },
        { from: [inNamespace(props.prometheusNamespace)], ports: [{ protocol: "TCP", port: EXPORTER_PORT }] },
      ],
      egress: [
        { to: [{ podSelector: selector }] },
        { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
        // Patroni keeps its leader lock in the Kubernetes API (the EKS endpoint, outside the
        // pod network) and pgBackRest writes to S3: both over HTTPS.
        { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] },
      ],
    },
  });
  return [...objects, ...(props.backups === undefined ? [] : [props.backups.credentials]), policy];
}
