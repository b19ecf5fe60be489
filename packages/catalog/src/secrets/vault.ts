/**
 * HashiCorp Vault as a catalog component: a highly available Vault on the
 * upstream chart, with its server configuration rendered from typed props,
 * Kubernetes auth for the External Secrets Operator prepared by a
 * documented bootstrap script, an audit log volume, Prometheus metrics and
 * alerts, and an optional Traefik route to the UI.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import { z } from "zod";
import type { Component } from "../component.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { goDuration } from "../shared/duration.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { hostName } from "../shared/host-name.ts";
import { quantity } from "../shared/quantity.ts";
import { requiredError } from "../shared/required-error.ts";
import { secretKey } from "../shared/secret-ref.ts";
import { entryPointsProp } from "../shared/web-route.ts";
import { VAULT_CHART } from "../versions.ts";
import { issuerRefSchema, metricsSchema, middlewareRefSchema } from "../wiring.ts";
import { httpUrl } from "./http-url.ts";
import { vaultBootstrapConfigMap } from "./vault-bootstrap.ts";
import { userConfigPath, VAULT_DATA_PATH, VAULT_RELEASE, vaultServerConfig } from "./vault-config.ts";
import { vaultMonitoring } from "./vault-monitoring.ts";
import { vaultUiRoute } from "./vault-ui.ts";

/** A storage class name, or none for the cluster's default. */
const storageClass = () => objectName().optional().describe("The StorageClass of the volume. Default: none (the cluster's default StorageClass).");

/** A Vault policy path pattern under the KV mount: letters, digits and `_ . / * + -`. */
const policyPath = () => z.string().regex(/^[A-Za-z0-9_./*+-]+$/, "expected a path pattern such as * or team-a/*, of letters, digits and _ . / * + -");

/** Integrated storage: every pod keeps a replicated copy of the data on its own volume. */
const raftStorage = z
  .object({
    type: z.literal("raft").describe("Integrated storage (Raft)."),
    size: quantity("10Gi").default("10Gi").describe("The size of each pod's data volume. Default: 10Gi."),
    storageClass: storageClass(),
  })
  .strict()
  .describe("Integrated storage (Raft): data replicated between the pods, each on its own PersistentVolumeClaim; Vault coordinates HA itself.");

/** An S3-compatible bucket (MinIO, Ceph RGW, AWS S3). */
const s3Storage = z
  .object({
    type: z.literal("s3").describe("An S3-compatible bucket."),
    endpoint: httpUrl("https://minio.minio.svc:9000").describe("The S3 endpoint, e.g. https://minio.minio.svc:9000; an http:// endpoint turns off TLS to it. Required."),
    bucket: z
      .string({ error: requiredError })
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "expected an S3 bucket name: 3-63 lower-case letters, digits, '.' and '-'")
      .describe("The bucket, which must exist. Required."),
    region: z.string().min(1, "must not be empty").default("us-east-1").describe("The bucket's region. Default: us-east-1 (what MinIO expects by default)."),
    s3ForcePathStyle: z.boolean().default(true).describe("Path-style addressing (endpoint/bucket), which MinIO needs. Default: true."),
    credentialsSecret: z
      .object({
        name: objectName().describe("The Secret's name, in Vault's namespace."),
        accessKeyIdKey: secretKey().default("AWS_ACCESS_KEY_ID").describe("The key holding the access key id. Default: AWS_ACCESS_KEY_ID."),
        secretAccessKeyKey: secretKey().default("AWS_SECRET_ACCESS_KEY").describe("The key holding the secret access key. Default: AWS_SECRET_ACCESS_KEY."),
      }, { error: requiredError })
      .strict()
      .describe("The Secret with the bucket's credentials, passed as AWS_* environment variables (the chart's extraSecretEnvironmentVars), never inlined in the config. Required."),
    haStorage: z
      .object({
        size: quantity("10Gi").default("1Gi").describe("The size of each pod's HA-coordination volume. Default: 1Gi."),
        storageClass: storageClass(),
      })
      .strict()
      .prefault({})
      .describe("The S3 backend has no HA lock, so HA coordination uses integrated storage as ha_storage (Vault 1.5+) on a small volume per pod. Default: 1Gi."),
  })
  .strict()
  .describe("An S3-compatible bucket for the data, with integrated storage as ha_storage for leader election.");

/** The props of {@link vault}. */
export const vaultProps = z
  .object({
    namespace: namespaceProp("vault", "Vault, its HelmRepository, HelmRelease and bootstrap ConfigMap"),
    version: chartVersionProp(VAULT_CHART, `Vault ${VAULT_CHART.appVersion}`),
    replicas: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .default(3)
      .describe("Vault server pods (HA mode: one active, the others standby). Use an odd number (3 or 5) so Raft keeps a quorum. Default: 3."),
    storage: z
      .discriminatedUnion("type", [raftStorage, s3Storage], { error: 'expected type "raft" (integrated storage) or "s3" (an S3-compatible bucket)' })
      .prefault({ type: "raft" })
      .describe("Where Vault keeps its data: { type: \"raft\" } (integrated storage) or { type: \"s3\", … } (an S3-compatible bucket such as MinIO). Default: raft, 10Gi per pod."),
    tls: z
      .object({
        secretName: objectName().describe("A Secret in Vault's namespace with tls.crt, tls.key and ca.crt, e.g. from a cert-manager Certificate."),
      })
      .strict()
      .optional()
      .describe(
        "TLS on Vault's listener, from a Secret mounted at /vault/userconfig/<secretName>/; its certificate must cover vault.<namespace>.svc, vault-active.<namespace>.svc and *.vault-internal. Default: none (tls_disable: plain HTTP inside the cluster, TLS at the ingress).",
      ),
    telemetry: z
      .object({
        prometheusRetentionTime: goDuration(undefined, { zero: true }).default("24h").describe("How long Vault keeps metrics for the Prometheus endpoint (prometheus_retention_time); 0 turns it off. Default: 24h (Vault's own default)."),
        disableHostname: z.boolean().default(true).describe("Leave the host name out of metric names (disable_hostname), as Prometheus labels carry it. Default: true."),
      })
      .strict()
      .prefault({})
      .describe("The telemetry stanza of the server config. Default: retention 24h, no host name prefix."),
    metrics: metricsSchema
      .optional()
      .describe("A ServiceMonitor scraping every pod's /v1/sys/metrics?format=prometheus (the listener allows unauthenticated metrics access when on). Default: off."),
    alerts: z.boolean().default(true).describe("With metrics: a PrometheusRule alerting on sealed pods, unreachable pods, no active node, audit failures and (Raft) an unhealthy autopilot. Default: true."),
    injector: z.boolean().default(false).describe("The Vault Agent injector (a mutating webhook adding agent sidecars); off because the External Secrets Operator is the platform's way to Secrets. Default: false."),
    ui: z
      .object({
        enabled: z.boolean().default(true).describe("Vault's web UI (ui = true, and the chart's vault-ui Service). Default: true."),
        ingress: z
          .object({
            host: hostName({ fullyQualified: true }).describe("The host name, e.g. vault.example.org. Required."),
            entryPoints: entryPointsProp(),
            issuerRef: issuerRefSchema.describe("The cert-manager issuer of the route's certificate (a Certificate vault-ui, Secret vault-ui-tls). Required."),
            middlewares: z.array(middlewareRefSchema).default([]).describe("Traefik Middlewares in front of Vault, e.g. an IP allow list; cross-namespace ones need Traefik's allowCrossNamespace. Default: none."),
          })
          .strict()
          .optional()
          .describe("A Traefik IngressRoute to the active Vault (UI and API) with a cert-manager certificate. Default: none."),
      })
      .strict()
      .prefault({})
      .describe("The web UI and its optional route. Default: UI on, no route."),
    kubernetesAuth: z
      .object({
        mountPath: z.string().regex(/^[a-z0-9-]+$/, "expected a mount path such as kubernetes").default("kubernetes").describe("Where the bootstrap mounts the Kubernetes auth method. Default: kubernetes."),
        externalSecrets: z
          .object({
            role: z.string().regex(/^[a-z0-9-]+$/, "expected a role name such as external-secrets").default("external-secrets").describe("The Vault role. Default: external-secrets."),
            policy: z.string().regex(/^[a-z0-9-]+$/, "expected a policy name such as external-secrets").default("external-secrets").describe("The Vault policy the role grants. Default: external-secrets."),
            serviceAccount: objectName().default("external-secrets").describe("The External Secrets controller's ServiceAccount. Default: external-secrets."),
            namespace: namespaceName().default("external-secrets").describe("Its namespace. Default: external-secrets."),
            kvMount: z.string().regex(/^[a-z0-9-]+$/, "expected a mount path such as secret").default("secret").describe("The KV v2 secrets engine the bootstrap enables and the policy reads. Default: secret."),
            paths: z.array(policyPath()).min(1).default(["*"]).describe("Path patterns under the KV mount the role may read. Default: [*] (everything)."),
            tokenTtl: goDuration().default("1h").describe("The TTL of the role's tokens. Default: 1h."),
            audience: z
              .string()
              .regex(/^[A-Za-z0-9:/._-]+$/, "expected an audience such as vault")
              .optional()
              .describe("The audience the role requires of ServiceAccount tokens (give the same to vaultSecretStore's serviceAccountRef.audiences). Default: none."),
          })
          .strict()
          .prefault({})
          .describe("The role, policy and KV mount for the External Secrets Operator. Default: role and policy external-secrets for external-secrets/external-secrets, reading secret/*."),
      })
      .strict()
      .prefault({})
      .describe("Kubernetes auth: the chart's auth-delegator ClusterRoleBinding lets Vault review ServiceAccount tokens; the bootstrap ConfigMap holds the commands that configure it. Default: mount kubernetes, the ESO role."),
    audit: z
      .object({
        enabled: z.boolean().default(true).describe("An audit volume per pod (the chart's auditStorage) and the bootstrap's file audit device on it. Default: true."),
        size: quantity("10Gi").default("10Gi").describe("The size of each pod's audit volume. Default: 10Gi."),
        storageClass: storageClass(),
      })
      .strict()
      .prefault({})
      .describe("The audit log: a file audit device at /vault/audit/vault_audit.log. Default: on, 10Gi per pod."),
    extraConfig: z
      .string()
      .min(1, "must not be empty")
      .optional()
      .describe("Extra HCL appended verbatim to the server config, e.g. a seal stanza for auto-unseal; secrets go in environment variables (the chart's server.extraSecretEnvironmentVars), never here. Default: none."),
    values: valuesProp(VAULT_CHART.chart),
  })
  .strict();

/** The parsed props of {@link vault}, as the helper files read them. */
export type VaultSettings = z.output<typeof vaultProps>;

/** A `server.extraSecretEnvironmentVars` entry of the chart. */
export interface VaultSecretEnvironmentVar {
  readonly envName: string;
  readonly secretName: string;
  readonly secretKey: string;
}

/** A PersistentVolumeClaim template of the chart. */
export interface VaultStorageValues {
  readonly enabled?: boolean;
  readonly size?: string;
  readonly storageClass?: string | null;
  readonly mountPath?: string;
}

/**
 * The vault chart values (0.32.0) this component sets, plus the ones most
 * often overridden; any other key of the chart is accepted too.
 */
export interface VaultChartValues {
  readonly global?: { readonly tlsDisable?: boolean; readonly [key: string]: unknown };
  readonly injector?: { readonly enabled?: boolean | "-"; readonly replicas?: number; readonly resources?: IResourceRequirements; readonly [key: string]: unknown };
  readonly server?: {
    readonly ha?: {
      readonly enabled?: boolean;
      readonly replicas?: number;
      readonly raft?: { readonly enabled?: boolean; readonly setNodeId?: boolean; readonly config?: string };
      readonly disruptionBudget?: { readonly enabled?: boolean; readonly maxUnavailable?: number | null };
      readonly [key: string]: unknown;
    };
    readonly dataStorage?: VaultStorageValues;
    readonly auditStorage?: VaultStorageValues;
    readonly authDelegator?: { readonly enabled?: boolean };
    readonly extraEnvironmentVars?: Readonly<Record<string, string>>;
    readonly extraSecretEnvironmentVars?: readonly VaultSecretEnvironmentVar[];
    readonly extraVolumes?: readonly { readonly type: "secret" | "configMap"; readonly name: string; readonly path?: string }[];
    readonly resources?: IResourceRequirements;
    readonly [key: string]: unknown;
  };
  readonly ui?: { readonly enabled?: boolean; readonly [key: string]: unknown };
  /** Any other value of the chart. */
  readonly [key: string]: unknown;
}

/** The input of {@link vault}; every field has a default. */
export type VaultProps = Omit<z.input<typeof vaultProps>, "values"> & {
  /** Chart values merged last (objects key by key). @default none */
  readonly values?: VaultChartValues;
};

function storageClassOf(value: string | undefined): { storageClass?: string } {
  return value === undefined ? {} : { storageClass: value };
}

/** The chart values for the parsed props, before the `values` override. */
function chartValues(props: VaultSettings): VaultChartValues {
  const { storage, tls, audit, replicas } = props;
  const dataVolume = storage.type === "raft" ? { size: storage.size, ...storageClassOf(storage.storageClass) } : { size: storage.haStorage.size, ...storageClassOf(storage.haStorage.storageClass) };
  const secretEnv: VaultSecretEnvironmentVar[] =
    storage.type === "s3"
      ? [
          { envName: "AWS_ACCESS_KEY_ID", secretName: storage.credentialsSecret.name, secretKey: storage.credentialsSecret.accessKeyIdKey },
          { envName: "AWS_SECRET_ACCESS_KEY", secretName: storage.credentialsSecret.name, secretKey: storage.credentialsSecret.secretAccessKeyKey },
        ]
      : [];
  return {
    global: { tlsDisable: tls === undefined },
    injector: { enabled: props.injector },
    server: {
      ha: {
        enabled: true,
        replicas,
        // Raft mode of the chart: the per-pod data volume, VAULT_RAFT_NODE_ID from the pod name and this config,
        // for integrated storage and for S3 with integrated storage as ha_storage alike.
        raft: { enabled: true, setNodeId: true, config: vaultServerConfig(props) },
        disruptionBudget: { enabled: replicas > 1 },
      },
      dataStorage: { enabled: true, mountPath: VAULT_DATA_PATH, ...dataVolume },
      auditStorage: audit.enabled ? { enabled: true, size: audit.size, ...storageClassOf(audit.storageClass) } : { enabled: false },
      authDelegator: { enabled: true },
      ...(secretEnv.length > 0 ? { extraSecretEnvironmentVars: secretEnv } : {}),
      ...(tls === undefined
        ? {}
        : { extraVolumes: [{ type: "secret" as const, name: tls.secretName }], extraEnvironmentVars: { VAULT_CACERT: `${userConfigPath(tls.secretName)}/ca.crt` } }),
    },
    ui: { enabled: props.ui.enabled },
  };
}

/**
 * HashiCorp Vault in HA mode on the upstream chart: a Namespace, the
 * HelmRepository, a HelmRelease whose server config is rendered from the
 * props (listener, storage, `service_registration "kubernetes"`,
 * telemetry), the auth-delegator binding for Kubernetes auth and a
 * `vault-bootstrap` ConfigMap with the one-time commands an operator runs
 * after `vault operator init` (controllers layer); with `metrics` a
 * ServiceMonitor and a PrometheusRule, with `ui.ingress` an IngressRoute
 * and its Certificate (configs layer).
 *
 * Vault starts sealed: initialising and unsealing stay manual (or use an
 * auto-unseal `seal` stanza in `extraConfig`), and no Job runs the bootstrap,
 * since that would need a privileged Vault token stored in the cluster.
 *
 * @example
 * vault({ metrics: {}, ui: { ingress: { host: "vault.example.org", issuerRef: { name: "letsencrypt" } } } });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function vault(input: VaultProps = {}): Component {
  const props = parseProps(vaultProps, input, "vault");
  const { namespace } = props;
  return {
    name: "vault",
    controllers: [
      ...helmChart<VaultChartValues>({
        name: VAULT_RELEASE,
        namespace,
        chart: VAULT_CHART,
        version: props.version,
        source: "hashicorp",
        values: chartValues(props),
        overrides: props.values,
      }),
      vaultBootstrapConfigMap(props),
    ],
    configs: [...vaultMonitoring(props), ...vaultUiRoute(props)],
  };
}
