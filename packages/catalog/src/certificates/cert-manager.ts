/**
 * cert-manager as a component: the controllers (namespace, chart
 * repository, a HelmRelease of the jetstack chart that installs and keeps
 * the CRDs) and, as configs, the Let's Encrypt staging and production
 * ClusterIssuers with the solvers chosen by prop.
 */
import { objectName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { CERT_MANAGER_CHART } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";
import { acmeClusterIssuer, acmeSolverProblems, acmeSolversShape, LETS_ENCRYPT_SERVERS } from "./acme-issuer.ts";
import { knownIssuerRef, LETS_ENCRYPT_ISSUER_NAMES, type IssuerChallenges, type KnownIssuerRef } from "./issuer-refs.ts";

/** The chart values this component sets; other keys of the chart are accepted as they are. */
export interface CertManagerValues {
  /** Whether the chart installs the CRDs, and keeps them when the release is removed. */
  readonly crds?: { readonly enabled?: boolean; readonly keep?: boolean };
  /** Replicas of the controller (leader-elected). */
  readonly replicaCount?: number;
  /** Replicas of the webhook. */
  readonly webhook?: { readonly replicaCount?: number; readonly [key: string]: unknown };
  /** Replicas of the CA injector. */
  readonly cainjector?: { readonly replicaCount?: number; readonly [key: string]: unknown };
  /** The PodDisruptionBudget of the controller. */
  readonly podDisruptionBudget?: { readonly enabled?: boolean; readonly minAvailable?: number | string; readonly maxUnavailable?: number | string };
  /** Comma-separated `host:port` recursive nameservers for the DNS-01 self check. */
  readonly dns01RecursiveNameservers?: string;
  /** Whether the DNS-01 self check uses only those nameservers. */
  readonly dns01RecursiveNameserversOnly?: boolean;
  /** The metrics endpoint (always on) and the chart's own monitors (off: the component renders its own ServiceMonitor). */
  readonly prometheus?: { readonly enabled?: boolean; readonly servicemonitor?: { readonly enabled?: boolean; readonly [key: string]: unknown }; readonly [key: string]: unknown };
  /** The controller's configuration file (ControllerConfiguration). */
  readonly config?: { readonly apiVersion?: string; readonly kind?: string; readonly enableGatewayAPI?: boolean; readonly [key: string]: unknown };
  /** Any other value of the chart. */
  readonly [key: string]: unknown;
}

/** One Let's Encrypt ClusterIssuer's names. */
const issuerNames = (environment: "staging" | "production") => {
  const name = LETS_ENCRYPT_ISSUER_NAMES[environment];
  return z
    .object({
      name: objectName().default(name).describe(`The ClusterIssuer's name. Default: ${name}.`),
      accountKeySecretName: objectName().optional().describe("The Secret cert-manager creates for the ACME account key, in its namespace. Default: <name>-account-key."),
    })
    .strict()
    .prefault({})
    .describe(`The ${environment} ClusterIssuer (${LETS_ENCRYPT_SERVERS[environment]}). Default: ${name} with the key Secret ${name}-account-key.`);
};

/** The Let's Encrypt ClusterIssuers and their solvers. */
const letsEncryptSchema = z
  .object({
    email: z.email("expected an email address").describe("The ACME account's contact email: expiry and policy notices go there."),
    staging: issuerNames("staging"),
    production: issuerNames("production"),
    ...acmeSolversShape,
  })
  .strict()
  .superRefine((props, ctx) => acmeSolverProblems(props, ctx))
  .describe("Let's Encrypt staging and production ClusterIssuers (configs layer) with DNS-01 (cloudflare) and/or HTTP-01 solvers. Default: no issuers.");

/** A `host:port` nameserver, as the DNS-01 self check takes it. */
const NAMESERVER = /^(\[[0-9a-fA-F:]+\]|[a-z0-9.-]+):[0-9]{1,5}$/;

/** The props of {@link certManager}. */
export const certManagerProps = z
  .object({
    namespace: namespaceProp("cert-manager", "cert-manager, its HelmRepository and HelmRelease, and the Secrets its ClusterIssuers read"),
    version: chartVersionProp(CERT_MANAGER_CHART),
    replicas: z.number().int().min(1).max(10).default(1).describe("Replicas of the controller, webhook and CA injector; with more than 1, a PodDisruptionBudget keeps one running. Default: 1."),
    dns01RecursiveNameservers: z
      .array(z.string().regex(NAMESERVER, "expected host:port, such as 1.1.1.1:53"))
      .min(1)
      .optional()
      .describe("Recursive nameservers (host:port) the DNS-01 self check asks, and only them: for split-horizon DNS, e.g. [\"1.1.1.1:53\", \"9.9.9.9:53\"]. Default: the cluster's resolvers."),
    metrics: metricsSchema.optional(),
    letsEncrypt: letsEncryptSchema.optional(),
    values: valuesProp("cert-manager"),
  })
  .strict();

/** The input of {@link certManager}, with `values` typed by the chart. */
export type CertManagerProps = Omit<z.input<typeof certManagerProps>, "values"> & {
  /** Chart values merged last, over what the component sets. @default none */
  readonly values?: CertManagerValues;
};

/** The Let's Encrypt ClusterIssuers a {@link certManager} component renders, as refs for `issuerRef`/`issuer` props. */
export interface CertManagerIssuers {
  /** The staging ClusterIssuer. */
  readonly staging: KnownIssuerRef;
  /** The production ClusterIssuer. */
  readonly production: KnownIssuerRef;
}

/** What {@link certManager} returns: the component, and refs to its issuers when it renders them. */
export interface CertManagerComponent extends Component {
  /** The Let's Encrypt ClusterIssuers, when `letsEncrypt` is given; they know their solvers, so `certificate()` rejects wildcards they cannot get. */
  readonly issuers?: CertManagerIssuers;
}

/**
 * Renders cert-manager: a Namespace, the jetstack HelmRepository and a
 * HelmRelease that installs the CRDs and keeps them on uninstall
 * (controllers layer); with `letsEncrypt`, the staging and production
 * ClusterIssuers and, with `metrics`, a ServiceMonitor (configs layer).
 *
 * @example
 * const certs = certManager({ letsEncrypt: { email: "ops@example.org", cloudflare: { apiToken: { secretName: "cloudflare-api-token", key: "api-token" } } } });
 * certificate({ name: "wildcard", namespace: "traefik", dnsNames: ["*.example.org"], issuerRef: certs.issuers.production });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function certManager(input: CertManagerProps & { readonly letsEncrypt: NonNullable<CertManagerProps["letsEncrypt"]> }): CertManagerComponent & { readonly issuers: CertManagerIssuers };
export function certManager(input?: CertManagerProps): CertManagerComponent;
export function certManager(input: CertManagerProps = {}): CertManagerComponent {
  const props = parseProps(certManagerProps, input, "certManager");
  const { namespace, letsEncrypt } = props;
  const gatewaySolver = letsEncrypt?.http01?.gateway !== undefined;
  const values: CertManagerValues = {
    crds: { enabled: true, keep: true },
    replicaCount: props.replicas,
    podDisruptionBudget: { enabled: props.replicas > 1 },
    webhook: { replicaCount: props.replicas, podDisruptionBudget: { enabled: props.replicas > 1 } },
    cainjector: { replicaCount: props.replicas, podDisruptionBudget: { enabled: props.replicas > 1 } },
    ...(props.dns01RecursiveNameservers === undefined ? {} : { dns01RecursiveNameservers: props.dns01RecursiveNameservers.join(","), dns01RecursiveNameserversOnly: true }),
    prometheus: { enabled: true, servicemonitor: { enabled: false } },
    ...(gatewaySolver ? { config: { apiVersion: "controller.config.cert-manager.io/v1alpha1", kind: "ControllerConfiguration", enableGatewayAPI: true } } : {}),
  };
  const controllers = helmChart<CertManagerValues>({
    name: "cert-manager",
    namespace,
    chart: CERT_MANAGER_CHART,
    version: props.version,
    source: "cert-manager",
    values,
    overrides: input.values,
  });
  const monitors = monitorsFor(props.metrics, {
    name: "cert-manager",
    namespace,
    selector: { "app.kubernetes.io/name": "cert-manager", "app.kubernetes.io/instance": "cert-manager", "app.kubernetes.io/component": "controller" },
    port: "tcp-prometheus-servicemonitor",
  });
  if (letsEncrypt === undefined) return { name: "cert-manager", controllers, configs: monitors };
  const challenges: IssuerChallenges = {
    dns01: letsEncrypt.cloudflare === undefined ? [] : (letsEncrypt.cloudflare.dnsZones ?? "all"),
    http01: letsEncrypt.http01 !== undefined,
  };
  const issuers = (["staging", "production"] as const).map((environment) =>
    acmeClusterIssuer({
      name: letsEncrypt[environment].name,
      server: LETS_ENCRYPT_SERVERS[environment],
      email: letsEncrypt.email,
      accountKeySecretName: letsEncrypt[environment].accountKeySecretName ?? `${letsEncrypt[environment].name}-account-key`,
      cloudflare: letsEncrypt.cloudflare,
      http01: letsEncrypt.http01,
    }),
  );
  return {
    name: "cert-manager",
    controllers,
    configs: [...issuers, ...monitors],
    issuers: {
      staging: knownIssuerRef(letsEncrypt.staging.name, challenges),
      production: knownIssuerRef(letsEncrypt.production.name, challenges),
    },
  };
}
