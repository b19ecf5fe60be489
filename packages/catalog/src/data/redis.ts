/**
 * Redis from the CloudPirates chart (OCI, Apache-2.0), which runs the
 * official `redis` image: standalone, or replication with Sentinel
 * failover; the password from an existing Secret, persistence, the
 * redis_exporter sidecar with a ServiceMonitor, and the chart's
 * NetworkPolicy.
 *
 * Why this chart: it is maintained, uses upstream images pinned by digest,
 * runs non-root with a read-only root filesystem, and has the same shape of
 * values as the Bitnami chart it replaces; Bitnami's free images stopped in
 * 2025, which leaves its chart pointing at images that no longer update.
 */
import { objectName, parseProps, type ApiObject } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { quantity } from "../shared/quantity.ts";
import { optionalResourcesSchema, resourcesOf } from "../shared/resources.ts";
import { existingSecretProp } from "../shared/secret-ref.ts";
import { REDIS_CHART } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";

/** The Redis port. */
export const REDIS_PORT = 6379;

/** The Sentinel port. */
export const REDIS_SENTINEL_PORT = 26379;

/** The props of {@link redis}. */
export const redisProps = z
  .object({
    name: objectName()
      .default("redis")
      .describe("The release name, the name of the Service (`<name>`; `<name>-master`, `<name>-sentinel`) and the component's folder. Default: redis."),
    namespace: namespaceProp("redis", "Redis, its OCIRepository and HelmRelease"),
    version: chartVersionProp(REDIS_CHART, `redis ${REDIS_CHART.appVersion}`),
    architecture: z
      .enum(["standalone", "replication"])
      .default("standalone")
      .describe("standalone: one instance; replication: a master and replicas, with Sentinel failover unless disabled. Default: standalone."),
    replicas: z
      .number()
      .int()
      .min(1)
      .max(9)
      .optional()
      .describe("Redis instances, the master included: 1 standalone, at least 2 with replication (3 for Sentinel). Default: 1 standalone, 3 replication."),
    sentinel: z
      .object({
        enabled: z.boolean().default(true).describe("Whether Sentinel watches the master and promotes a replica when it fails. Default: true."),
        quorum: z.number().int().min(1).default(2).describe("Sentinels that must agree the master is down. Default: 2."),
        masterName: z
          .string()
          .regex(/^[A-Za-z0-9_-]+$/, "expected a master name such as mymaster")
          .default("mymaster")
          .describe("The name Sentinel-aware clients ask for. Default: mymaster."),
        masterService: z
          .boolean()
          .default(false)
          .describe("Also run the chart's master-discovery Deployment that keeps the Service `<name>-master` on the current master, for clients that do not speak Sentinel. Default: false."),
      })
      .strict()
      .optional()
      .describe("Sentinel, with replication only. Default: on with replication."),
    passwordSecret: existingSecretProp({ key: "redis-password", holds: "the Redis password" }).describe(
      "The existing Secret with the password (also used by Sentinel and the exporter); never inline.",
    ),
    persistence: z
      .object({
        enabled: z.boolean().default(true).describe("Whether data survives restarts on a volume (RDB/AOF). Default: true."),
        size: quantity("8Gi").default("8Gi").describe("The size of each instance's volume. Default: 8Gi."),
        storageClass: z.string().min(1).optional().describe("The StorageClass. Default: the cluster's default."),
      })
      .strict()
      .prefault({})
      .describe("The data volume of each instance."),
    resources: optionalResourcesSchema.optional().describe("Resources of the Redis container. Default: none."),
    networkPolicy: z.boolean().default(false).describe("Whether the chart renders its NetworkPolicy for the Redis pods. Default: false."),
    metrics: metricsSchema.optional().describe("The redis_exporter sidecar and a ServiceMonitor on its Service. Default: off."),
    values: valuesProp(REDIS_CHART.chart),
  })
  .strict()
  .superRefine((props, ctx) => {
    const replicas = props.replicas ?? (props.architecture === "standalone" ? 1 : 3);
    if (props.architecture === "standalone" && replicas !== 1) {
      ctx.addIssue({ code: "custom", path: ["replicas"], message: `standalone runs one instance, not ${replicas}: set architecture: "replication" for more` });
    }
    if (props.architecture === "standalone" && props.sentinel !== undefined) {
      ctx.addIssue({ code: "custom", path: ["sentinel"], message: 'Sentinel needs replicas: set architecture: "replication" or remove sentinel' });
    }
    if (props.architecture === "replication") {
      const sentinel = props.sentinel === undefined || props.sentinel.enabled;
      if (replicas < 2) ctx.addIssue({ code: "custom", path: ["replicas"], message: `replication needs a master and at least one replica, not ${replicas} instance` });
      else if (sentinel && replicas < 3) {
        ctx.addIssue({ code: "custom", path: ["replicas"], message: `Sentinel needs at least 3 instances to agree on a failover, not ${replicas}` });
      }
      const quorum = props.sentinel?.quorum ?? 2;
      if (sentinel && quorum > replicas) ctx.addIssue({ code: "custom", path: ["sentinel", "quorum"], message: `cannot exceed the ${replicas} Sentinels` });
    }
  });

/** The input of {@link redis}. */
export type RedisProps = z.input<typeof redisProps>;

/** The chart values this component sets (a subset of the CloudPirates `redis` chart's values). */
export interface RedisValues {
  /** The name of the Services and the StatefulSet. */
  readonly fullnameOverride?: string;
  /** `standalone` or `replication`. */
  readonly architecture?: "standalone" | "replication";
  /** Instances with replication. */
  readonly replicaCount?: number;
  /** The password from an existing Secret. */
  readonly auth?: { readonly enabled: boolean; readonly existingSecret: string; readonly existingSecretPasswordKey: string };
  /** Sentinel. */
  readonly sentinel?: { readonly enabled: boolean; readonly quorum?: number; readonly masterName?: string; readonly masterService?: { readonly enabled: boolean } };
  /** The data volumes. */
  readonly persistence?: { readonly enabled: boolean; readonly size?: string; readonly storageClass?: string };
  /** Resources of the Redis container. */
  readonly resources?: Record<string, unknown>;
  /** The chart's NetworkPolicy. */
  readonly networkPolicy?: { readonly enabled: boolean };
  /** The exporter sidecar and its Service (the chart's ServiceMonitor is off: this component renders one). */
  readonly metrics?: { readonly enabled: boolean; readonly service?: { readonly enabled: boolean; readonly name: string }; readonly serviceMonitor?: { readonly enabled: boolean } };
  /** The chart's PodDisruptionBudget. */
  readonly pdb?: { readonly enabled: boolean };
}

/** Where apps find a {@link redis} instance. */
export interface RedisEndpoint {
  /**
   * The host to connect to: `<name>` standalone; `<name>-master` (the
   * master) with replication without Sentinel or with Sentinel's master
   * Service; with Sentinel alone, `<name>` reaches any instance, so writers
   * should ask `sentinel` for the master.
   */
  readonly host: string;
  /** The port: 6379. */
  readonly port: number;
  /** Sentinel, when on: where Sentinel-aware clients ask for the master. @default none */
  readonly sentinel?: { readonly host: string; readonly port: number; readonly masterName: string };
  /** The Secret and key with the password. */
  readonly passwordSecret: { readonly name: string; readonly key: string };
}

/** A rendered {@link redis}. */
export interface RedisComponent extends Component {
  /** Where apps connect. */
  readonly endpoint: RedisEndpoint;
}

/**
 * Renders Redis in the controllers layer (Namespace, OCIRepository of the
 * chart, HelmRelease) and its ServiceMonitor in the configs layer.
 *
 * @example
 * const cache = redis({ passwordSecret: { name: "redis-auth" }, architecture: "replication" });
 * // apps: REDIS_SENTINEL_HOST = cache.endpoint.sentinel.host
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function redis(input: RedisProps): RedisComponent {
  const props = parseProps(redisProps, input, "redis");
  const { name, namespace } = props;
  const replicas = props.replicas ?? (props.architecture === "standalone" ? 1 : 3);
  const replication = props.architecture === "replication";
  const sentinelOn = replication && (props.sentinel === undefined || props.sentinel.enabled);
  const sentinel = { quorum: props.sentinel?.quorum ?? 2, masterName: props.sentinel?.masterName ?? "mymaster", masterService: props.sentinel?.masterService ?? false };
  const metricsOn = props.metrics !== undefined && props.metrics.enabled;
  const resources = resourcesOf(props.resources);

  const values: RedisValues = {
    fullnameOverride: name,
    architecture: props.architecture,
    ...(replication ? { replicaCount: replicas } : {}),
    auth: { enabled: true, existingSecret: props.passwordSecret.name, existingSecretPasswordKey: props.passwordSecret.key },
    sentinel: sentinelOn
      ? { enabled: true, quorum: sentinel.quorum, masterName: sentinel.masterName, masterService: { enabled: sentinel.masterService } }
      : { enabled: false },
    persistence: {
      enabled: props.persistence.enabled,
      ...(props.persistence.enabled ? { size: props.persistence.size } : {}),
      ...(props.persistence.storageClass === undefined ? {} : { storageClass: props.persistence.storageClass }),
    },
    ...(resources === undefined ? {} : { resources }),
    networkPolicy: { enabled: props.networkPolicy },
    metrics: metricsOn ? { enabled: true, service: { enabled: true, name: "http-metrics" }, serviceMonitor: { enabled: false } } : { enabled: false },
    pdb: { enabled: replication },
  };

  const configs: ApiObject[] = [
    ...monitorsFor(props.metrics, {
      name,
      namespace,
      selector: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": name, "app.kubernetes.io/component": "metrics" },
      port: "http-metrics",
    }),
  ];
  const service = (suffix: string) => `${name}${suffix}.${namespace}.svc`;
  const masterHost = !replication ? service("") : !sentinelOn || sentinel.masterService ? service("-master") : service("");
  return {
    name,
    controllers: helmChart<RedisValues>({ name, namespace, chart: REDIS_CHART, version: props.version, source: "redis", sourceKind: "OCIRepository", values, overrides: props.values }),
    ...(configs.length === 0 ? {} : { configs }),
    endpoint: {
      host: masterHost,
      port: REDIS_PORT,
      ...(sentinelOn ? { sentinel: { host: service("-sentinel"), port: REDIS_SENTINEL_PORT, masterName: sentinel.masterName } } : {}),
      passwordSecret: { name: props.passwordSecret.name, key: props.passwordSecret.key },
    },
  };
}
