/**
 * A Cloudflare Tunnel connector (cloudflared) as a component: a Deployment
 * we write ourselves (no chart), its config.yaml rendered from typed ingress
 * rules, a PodDisruptionBudget, a NetworkPolicy that allows only what the
 * tunnel needs, and optionally a PodMonitor.
 *
 * Layer: everything goes to `infrastructure/configs/<name>/`. cloudflared
 * needs no CRDs, but its PodMonitor needs the prometheus-operator's, which
 * the controllers layer installs; and the apps layer is reconciled after
 * configs, so the edge routes are up before the apps they route to. (With
 * the layers' `wait`, a tunnel that cannot start, e.g. for a missing
 * credentials Secret, holds the apps layer back until it is fixed.)
 */
import { createHash } from "node:crypto";
import { emitValue, objectName, parseProps } from "@typed-gitops/lib";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyEgressRule } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { z } from "zod";
import type { Component } from "../component.ts";
import { podMonitor } from "../monitoring/monitors.ts";
import { dnsLabelProp, namespaceProp } from "../shared/chart-props.ts";
import { hostName } from "../shared/host-name.ts";
import { resourceRequirements, resourcesProp } from "../shared/resources.ts";
import { secretKey } from "../shared/secret-ref.ts";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../shared/workload-security.ts";
import { CLOUDFLARED_IMAGE } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";
import { DNS_EGRESS_RULE, imageProp, internetEgressRule } from "./workload-defaults.ts";

/** The port of cloudflared's metrics and readiness server (`/metrics`, `/ready`). */
export const CLOUDFLARED_METRICS_PORT = 2000;

/** The port cloudflared connects to Cloudflare's edge on (QUIC over UDP, or HTTP/2 over TCP). */
export const CLOUDFLARE_EDGE_PORT = 7844;

/** The catch-all service of the last ingress rule, which cloudflared requires. */
export const CLOUDFLARED_CATCH_ALL = "http_status:404";

/** The user the cloudflared image (distroless `nonroot`) runs as. */
const CLOUDFLARED_UID = 65532;

const CONFIG_DIR = "/etc/cloudflared/config";
const CREDENTIALS_DIR = "/etc/cloudflared/creds";

/** `http_status:<code>`: cloudflared answers itself with that status. */
const HTTP_STATUS = /^http_status:[1-5][0-9]{2}$/;

/** An in-cluster Service URL: `<scheme>://<service>.<namespace>.svc[.<cluster domain>]:<port>`. */
const SERVICE_URL = /^(http|https|tcp|ssh|rdp):\/\/([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.svc(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*:([0-9]{1,5})$/;

/** The namespace and port of an in-cluster Service URL, or `undefined` for `http_status:<code>`. */
export function cloudflaredTarget(service: string): { namespace: string; port: number } | undefined {
  const match = SERVICE_URL.exec(service);
  return match === null ? undefined : { namespace: match[3]!, port: Number(match[4]) };
}

const ingressRule = z
  .object({
    hostname: hostName({ wildcard: true, fullyQualified: true }).describe("The public host name the rule matches, e.g. app.example.org or *.example.org (a DNS record must point it at the tunnel)."),
    path: z.string().min(1).optional().describe("A regular expression the request path must match, e.g. ^/api/. Default: none (every path)."),
    service: z
      .string()
      .refine((value) => HTTP_STATUS.test(value) || (SERVICE_URL.test(value) && Number(cloudflaredTarget(value)!.port) <= 65535), {
        message: "expected an in-cluster Service URL such as http://web.apps.svc.cluster.local:80, or http_status:<code>",
      })
      .describe("Where matching requests go: an in-cluster Service URL `<http|https|tcp|ssh|rdp>://<service>.<namespace>.svc.cluster.local:<port>`, or http_status:<code>."),
    targetPort: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .describe("The port the Service's pods listen on, when it differs from the Service port: the NetworkPolicy allows egress to pods, not to Service ports. Default: the port of service."),
    originRequest: z
      .object({
        noTLSVerify: z.boolean().optional().describe("Skip verifying the origin's TLS certificate (https services). Default: false."),
        originServerName: z.string().min(1).optional().describe("The TLS server name expected from the origin. Default: the service's host."),
        httpHostHeader: z.string().min(1).optional().describe("The Host header sent to the origin. Default: the request's."),
      })
      .strict()
      .optional()
      .describe("How cloudflared talks to the origin. Default: cloudflared's defaults."),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.targetPort !== undefined && HTTP_STATUS.test(rule.service)) ctx.addIssue({ code: "custom", path: ["targetPort"], message: "applies only to a Service URL, not to http_status:<code>" });
  });

/** The props of {@link cloudflareTunnel}. */
export const cloudflareTunnelProps = z
  .object({
    name: dnsLabelProp("cloudflared", "The component's name: its folder, and the name of the Deployment, ConfigMap, PodDisruptionBudget and NetworkPolicy"),
    namespace: namespaceProp("cloudflared", "the connector"),
    createNamespace: z.boolean().default(true).describe("Whether the component renders the Namespace; false when another component does. Default: true."),
    tunnelId: z.uuid({ error: (issue) => (issue.input === undefined ? "is required" : "expected the tunnel's UUID, as `cloudflared tunnel create` prints it") }).describe("The tunnel's UUID (`cloudflared tunnel list`)."),
    credentialsSecret: objectName().describe(
      "The Secret in the namespace with the tunnel's credentials file (the JSON `cloudflared tunnel create` writes). You create it (SOPS, SealedSecret or ExternalSecret); it is never inlined.",
    ),
    credentialsKey: secretKey().default("credentials.json").describe("The key of the credentials JSON in credentialsSecret. Default: credentials.json."),
    ingress: z
      .array(ingressRule)
      .min(1, "give at least one rule; the catch-all http_status:404 is added after them")
      .superRefine((rules, ctx) => {
        const seen = new Map<string, number>();
        rules.forEach((rule, index) => {
          const key = `${rule.hostname} ${rule.path ?? ""}`;
          const first = seen.get(key);
          if (first === undefined) seen.set(key, index);
          else ctx.addIssue({ code: "custom", path: [index, "hostname"], message: `${rule.hostname}${rule.path === undefined ? "" : ` (path ${rule.path})`} is already routed by ingress[${first}]` });
        });
      })
      .describe("The ingress rules, in match order; the required catch-all `service: http_status:404` is added after them."),
    replicas: z.number().int().min(1, "must be at least 1").max(10).default(2).describe("How many connectors run; each keeps its own connections to Cloudflare, so two survive a node drain. Default: 2."),
    protocol: z.enum(["auto", "quic", "http2"]).default("auto").describe("The transport to Cloudflare's edge: quic (UDP 7844), http2 (TCP 7844) or auto (QUIC, falling back to HTTP/2). Default: auto."),
    logLevel: z.enum(["debug", "info", "warn", "error", "fatal"]).default("info").describe("cloudflared's log level. Default: info."),
    image: imageProp(CLOUDFLARED_IMAGE),
    resources: resourcesProp({ cpu: "50m", memory: "64Mi", memoryLimit: "256Mi" }, "the cloudflared container"),
    metrics: metricsSchema.optional().describe("Scrape cloudflared's metrics (port 2000) with a PodMonitor. Default: off."),
  })
  .strict();

/** The input of {@link cloudflareTunnel}. */
export type CloudflareTunnelProps = z.input<typeof cloudflareTunnelProps>;

type ParsedRule = z.output<typeof ingressRule>;

/** cloudflared's config.yaml for the tunnel: keys sorted, rules in order, then the catch-all. */
export function cloudflaredConfig(tunnelId: string, rules: readonly ParsedRule[], options: { protocol: string; logLevel: string }): string {
  const ingress = rules.map((rule) => ({ hostname: rule.hostname, path: rule.path, service: rule.service, originRequest: rule.originRequest }));
  return emitValue({
    tunnel: tunnelId,
    "credentials-file": `${CREDENTIALS_DIR}/credentials.json`,
    metrics: `0.0.0.0:${CLOUDFLARED_METRICS_PORT}`,
    "no-autoupdate": true,
    protocol: options.protocol,
    loglevel: options.logLevel,
    ingress: [...ingress, { service: CLOUDFLARED_CATCH_ALL }],
  });
}

/** One egress rule per target namespace, with the (target) ports the rules reach there. */
function targetEgress(rules: readonly ParsedRule[]): INetworkPolicyEgressRule[] {
  const ports = new Map<string, Set<number>>();
  for (const rule of rules) {
    const target = cloudflaredTarget(rule.service);
    if (target === undefined) continue;
    const set = ports.get(target.namespace) ?? new Set<number>();
    set.add(rule.targetPort ?? target.port);
    ports.set(target.namespace, set);
  }
  return [...ports.keys()].sort().map((namespace) => ({
    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } }],
    ports: [...ports.get(namespace)!].sort((a, b) => a - b).map((port) => ({ protocol: "TCP", port })),
  }));
}

/**
 * Renders a Cloudflare Tunnel connector in `infrastructure/configs/<name>/`:
 *
 * - a ConfigMap with config.yaml: the tunnel, the credentials file path,
 *   metrics on 0.0.0.0:2000, no auto-update, and the ingress rules followed
 *   by the catch-all `http_status:404`;
 * - a Deployment of `replicas` cloudflared pods (`tunnel --config … run`)
 *   with the credentials mounted from `credentialsSecret`, readiness and
 *   liveness on `/ready`, restricted security (non-root 65532, read-only
 *   root filesystem, no capabilities, RuntimeDefault seccomp, no service
 *   account token) and a config checksum annotation that rolls the pods when
 *   the config changes;
 * - a PodDisruptionBudget (when more than one replica), a NetworkPolicy
 *   allowing egress only to Cloudflare on 7844 (TCP and UDP), to the rules'
 *   namespaces on their ports and to the cluster DNS, and ingress only to
 *   the metrics port when metrics are on; the Namespace (unless
 *   `createNamespace: false`) and, with `metrics`, a PodMonitor.
 *
 * @example
 * cloudflareTunnel({
 *   tunnelId: "6ff42ae2-765d-4adf-8112-31c55c1551ef",
 *   credentialsSecret: "tunnel-credentials",
 *   ingress: [{ hostname: "app.example.org", service: "http://traefik.traefik.svc.cluster.local:80", targetPort: 8000 }],
 * });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function cloudflareTunnel(input: CloudflareTunnelProps): Component {
  const props = parseProps(cloudflareTunnelProps, input, "cloudflareTunnel");
  const { name, namespace } = props;
  const labels = { "app.kubernetes.io/name": "cloudflared", "app.kubernetes.io/instance": name };
  const config = cloudflaredConfig(props.tunnelId, props.ingress, { protocol: props.protocol, logLevel: props.logLevel });
  const checksum = createHash("sha256").update(config).digest("hex");
  const metricsOn = props.metrics !== undefined && props.metrics.enabled;
  const probe = { httpGet: { path: "/ready", port: "metrics" }, periodSeconds: 10, timeoutSeconds: 3 };

  const deployment = new Deployment({
    metadata: { name, namespace, labels },
    spec: {
      replicas: props.replicas,
      selector: { matchLabels: labels },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels, annotations: { "checksum/config": checksum } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: restrictedPodSecurityContext(CLOUDFLARED_UID),
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: labels } }],
          containers: [
            {
              name: "cloudflared",
              image: `${props.image.repository}:${props.image.tag}`,
              args: ["tunnel", "--config", `${CONFIG_DIR}/config.yaml`, "run"],
              ports: [{ name: "metrics", containerPort: CLOUDFLARED_METRICS_PORT, protocol: "TCP" }],
              readinessProbe: { ...probe, failureThreshold: 3 },
              livenessProbe: { ...probe, initialDelaySeconds: 10, failureThreshold: 6 },
              resources: resourceRequirements(props.resources),
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [
                { name: "config", mountPath: CONFIG_DIR, readOnly: true },
                { name: "credentials", mountPath: CREDENTIALS_DIR, readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: "config", configMap: { name, items: [{ key: "config.yaml", path: "config.yaml" }] } },
            { name: "credentials", secret: { secretName: props.credentialsSecret, items: [{ key: props.credentialsKey, path: "credentials.json" }] } },
          ],
        },
      },
    },
  });

  const networkPolicy = new NetworkPolicy({
    metadata: { name, namespace },
    spec: {
      podSelector: { matchLabels: labels },
      policyTypes: ["Ingress", "Egress"],
      ...(metricsOn ? { ingress: [{ ports: [{ protocol: "TCP", port: CLOUDFLARED_METRICS_PORT }] }] } : {}),
      egress: [
        DNS_EGRESS_RULE,
        internetEgressRule([
          { protocol: "UDP", port: CLOUDFLARE_EDGE_PORT },
          { protocol: "TCP", port: CLOUDFLARE_EDGE_PORT },
        ]),
        ...targetEgress(props.ingress),
      ],
    },
  });

  return {
    name,
    configs: [
      ...(props.createNamespace ? [new Namespace({ metadata: { name: namespace } })] : []),
      new ConfigMap({ metadata: { name, namespace, labels }, data: { "config.yaml": config } }),
      deployment,
      ...(props.replicas > 1 ? [new PodDisruptionBudget({ metadata: { name, namespace, labels }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } })] : []),
      networkPolicy,
      ...(metricsOn ? [podMonitor({ name, namespace, selector: labels, port: "metrics", interval: props.metrics!.interval, labels: props.metrics!.labels })] : []),
    ],
  };
}
