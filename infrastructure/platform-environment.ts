/**
 * What differs between the platform's environments, in one typed object:
 * every value a cluster passes to {@link platform}. Production and staging
 * run the same components; they differ only where real environments differ
 * (replicas and high availability, resources, hosts, the Let's Encrypt
 * issuer, image tags, retention and storage sizes, alert receivers).
 */
import type { ImageTags } from "@typed-gitops/lib";
import { receiverSchema, routeSchema } from "@typed-gitops/catalog";
import { z } from "zod";
import { imageAutomationProps } from "./image-automation/image-automation.ts";

const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti)?$/;
const quantity = (example: string) => z.string().regex(QUANTITY, `expected a Kubernetes quantity such as ${example}`);
const replicas = (what: string) => z.number().int().min(1).max(9).describe(`Replicas of ${what}.`);
const CIDR = /^([0-9]{1,3}\.){3}[0-9]{1,3}\/([0-9]|[12][0-9]|3[0-2])$/;
const DOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

/** An app's size in one environment: its replicas, the autoscaler's ceiling and its container resources. */
const appSizeSchema = z
  .object({
    replicas: replicas("the app (the autoscaler's floor)"),
    maxReplicas: z.number().int().min(1).max(50).describe("The autoscaler's ceiling."),
    cpu: quantity("250m").describe("CPU request of each pod."),
    memory: quantity("256Mi").describe("Memory request and limit of each pod."),
  })
  .strict();

/** Where the orders database's pgBackRest repository lives. */
const backupsSchema = z
  .discriminatedUnion("type", [
    z
      .object({
        type: z.literal("s3").describe("An S3 bucket outside the cluster."),
        endpoint: z.string().min(1).describe("The S3 endpoint, e.g. s3.eu-central-1.amazonaws.com."),
        region: z.string().min(1).describe("The bucket's region."),
        bucket: z.string().min(3).max(63).describe("The bucket."),
        vaultKey: z.string().min(1).describe("The Vault KV path holding the bucket's access-key-id and secret-access-key, e.g. orders/pgbackrest-s3."),
      })
      .strict(),
    z.object({ type: z.literal("volume").describe("A volume of PGO's repository host pod."), size: quantity("20Gi").describe("The backup volume's size.") }).strict(),
  ])
  .describe("Where backups go: { type: s3, … } or { type: volume, size }.");

/** The props of `platform()`: every per-environment value of the reference platform. */
export const platformEnvironmentSchema = z
  .object({
    cluster: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).describe("The cluster's name, put on every metric and alert (Prometheus' external label `cluster`)."),
    domain: z.string().regex(DOMAIN, "expected a DNS domain such as example.org").describe("The DNS domain every host is under: auth.<domain>, grafana.<domain>, orders.<domain>…"),
    clusterDir: z.instanceof(URL).describe("The cluster's folder (new URL(\"./\", import.meta.url) in cluster.ts): its secrets/*.sops.yaml and sealed/*.yaml are read from there."),
    images: z.custom<ImageTags>((value) => typeof value === "object" && value !== null, "expected the cluster's images.yaml, read with readImageTags()").describe("The cluster's image tags (images.yaml)."),
    letsEncrypt: z
      .object({
        email: z.email().describe("The ACME account's contact email."),
        issuer: z.enum(["staging", "production"]).describe("The Let's Encrypt ClusterIssuer every certificate of the cluster comes from: staging (untrusted, generous rate limits) or production."),
      })
      .strict()
      .describe("Let's Encrypt, through DNS-01 on Cloudflare with the token of secrets/cloudflare-api-token.sops.yaml."),
    apiServer: z
      .object({
        cidr: z.string().regex(CIDR, "expected a CIDR range such as 10.0.0.1/32").describe("The address range of the Kubernetes API server's endpoints."),
        port: z.number().int().min(1).max(65535).default(6443).describe("Their port. Default: 6443."),
      })
      .strict()
      .describe("Where the API server is, for the NetworkPolicy egress of pods that talk to it (Patroni in PGO's Postgres pods)."),
    controllerReplicas: replicas("cert-manager, the External Secrets Operator, metrics-server and the Postgres and Strimzi operators; 2 or more makes them highly available"),
    traefik: z
      .object({
        replicas: replicas("Traefik"),
        loadBalancerSourceRanges: z.array(z.string().regex(CIDR)).default([]).describe("The client ranges the load balancer admits. Default: all."),
      })
      .strict()
      .describe("The ingress controller."),
    vault: z
      .object({
        replicas: z
          .number()
          .int()
          .refine((value) => value === 1 || value === 3 || value === 5, "expected 1, 3 or 5: Raft keeps a quorum only with an odd number of voters")
          .describe("Vault pods: 1, 3 or 5 (an odd Raft quorum)."),
        storageSize: quantity("10Gi").describe("Each pod's Raft data volume."),
        auditSize: quantity("10Gi").describe("Each pod's audit log volume."),
      })
      .strict()
      .describe("HashiCorp Vault, the store of the apps' secrets."),
    sso: z
      .object({
        serverReplicas: replicas("the authentik server (UI, API and embedded outpost)"),
        workerReplicas: replicas("the authentik worker"),
        databaseSize: quantity("8Gi").describe("The volume of authentik's bundled PostgreSQL."),
      })
      .strict()
      .describe("authentik, the single sign-on in front of every internal dashboard."),
    monitoring: z
      .object({
        prometheus: z
          .object({
            replicas: replicas("Prometheus"),
            retention: z.string().regex(/^[0-9]+(d|w|h)$/).describe("How long samples are kept, e.g. 30d."),
            retentionSize: z.string().regex(/^[0-9]+(GB|MB)$/).describe("The most disk the samples may use, below storageSize, e.g. 90GB."),
            storageSize: quantity("100Gi").describe("Each Prometheus pod's volume."),
          })
          .strict(),
        alertmanager: z
          .object({
            replicas: replicas("Alertmanager"),
            storageSize: quantity("1Gi").describe("Each Alertmanager pod's volume (silences, notification state)."),
            receivers: z.array(receiverSchema).min(1).describe("Where alerts go; credentials are keys of secrets/alertmanager-receivers.sops.yaml."),
            routes: z.array(routeSchema).describe("Which alerts go where, tried in order."),
            defaultReceiver: z.string().min(1).describe("The receiver of alerts no route matches."),
          })
          .strict(),
        grafanaStorageSize: quantity("5Gi").describe("Grafana's database volume."),
      })
      .strict()
      .describe("kube-prometheus-stack: Prometheus, Alertmanager and Grafana."),
    kafka: z
      .object({
        topology: z.enum(["dedicated", "dual-role"]).describe("dedicated: 3 KRaft controllers beside the brokers; dual-role: nodes that are both."),
        brokers: z.number().int().min(1).max(9).describe("Brokers (or dual-role nodes; then an odd number)."),
        brokerStorage: quantity("100Gi").describe("Each broker's volume."),
        orderEventsRetentionHours: z.number().int().min(1).describe("How long the orders topic keeps events."),
        orderEventsPartitions: z.number().int().min(1).describe("Partitions of the orders topic: the most notifier consumers that share the work."),
      })
      .strict()
      .describe("The Strimzi Kafka cluster `events`."),
    apps: z
      .object({
        podinfo: appSizeSchema.extend({ message: z.string().min(1).describe("The greeting podinfo shows."), logLevel: z.enum(["debug", "info"]).describe("podinfo's log level.") }).strict(),
        orders: appSizeSchema
          .extend({
            database: z
              .object({
                replicas: z.number().int().min(1).max(5).describe("Postgres pods: one primary, the others streaming replicas."),
                storageSize: quantity("20Gi").describe("Each Postgres pod's data volume."),
                backups: backupsSchema,
                fullBackupsKept: z.number().int().min(1).describe("How many full backups are kept."),
              })
              .strict()
              .describe("The orders database (a CrunchyData PostgresCluster in the orders namespace)."),
          })
          .strict(),
        notifier: appSizeSchema,
      })
      .strict()
      .describe("The apps' sizes."),
    imageAutomation: imageAutomationProps.optional().describe("Flux image automation, which bumps the tags of images.yaml on its own branch. Default: none (tags change by reviewed commits)."),
  })
  .strict();

/** The input of `platform()`. */
export type PlatformEnvironment = z.input<typeof platformEnvironmentSchema>;

/** The parsed {@link PlatformEnvironment}. */
export type ParsedPlatformEnvironment = z.output<typeof platformEnvironmentSchema>;
