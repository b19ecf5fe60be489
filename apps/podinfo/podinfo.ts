/**
 * podinfo, a small web service, as a component: its namespace, Deployment,
 * Service, configuration, autoscaler, disruption budget and network policy,
 * and optionally an ExternalSecret for a value kept in a secrets manager.
 */
import { externalSecret, parseProps, type ComponentOutput } from "@typed-gitops/lib";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { z } from "zod";

/** The props of {@link podinfo}. */
export const podinfoProps = z
  .object({
    namespace: z.string().default("podinfo").describe("The namespace podinfo runs in. Default: podinfo."),
    image: z.string().default("ghcr.io/stefanprodan/podinfo:6.9.2").describe("The container image, pinned by tag. Default: ghcr.io/stefanprodan/podinfo:6.9.2."),
    replicas: z.number().int().min(1).default(2).describe("The minimum number of replicas (the autoscaler's floor). Default: 2."),
    maxReplicas: z.number().int().min(1).default(4).describe("The autoscaler's ceiling. Default: 4."),
    message: z.string().default("Hello from typed GitOps").describe("The greeting podinfo shows on its UI. Default: Hello from typed GitOps."),
    logLevel: z.enum(["debug", "info", "warn", "error"]).default("info").describe("The log level. Default: info."),
    host: z.string().optional().describe("The public host name; with it, an Ingress with TLS is rendered. Default: none (not exposed)."),
    clusterIssuer: z.string().default("letsencrypt-production").describe("The cert-manager ClusterIssuer that signs the Ingress's certificate. Default: letsencrypt-production."),
    ingressClassName: z.string().default("traefik").describe("The IngressClass that serves the host. Default: traefik."),
    tokenSecret: z.string().optional().describe("A Secret in the namespace whose keys become environment variables (e.g. PODINFO_TOKEN). Default: none."),
    envSecrets: z
      .array(z.string())
      .default([])
      .describe("More Secrets in the namespace whose keys become environment variables, e.g. one a SealedSecret writes. Default: none."),
    externalSecret: z
      .object({
        store: z.string().describe("The ClusterSecretStore to read from, e.g. vault."),
        key: z.string().describe("The secret's key (path) in the store, e.g. podinfo/database."),
        property: z.string().describe("The property of that secret, e.g. password."),
        name: z.string().default("podinfo-database").describe("The name of the ExternalSecret and of the Secret it writes. Default: podinfo-database."),
        env: z.string().default("DATABASE_PASSWORD").describe("The key in that Secret, which becomes the environment variable. Default: DATABASE_PASSWORD."),
      })
      .strict()
      .optional()
      .describe("A value read from a secrets manager through an ExternalSecret into a Secret whose key becomes an environment variable. Default: none."),
    resources: z
      .object({
        cpu: z.string().default("100m").describe("CPU request. Default: 100m."),
        memory: z.string().default("64Mi").describe("Memory request and limit. Default: 64Mi."),
      })
      .strict()
      .default({ cpu: "100m", memory: "64Mi" })
      .describe("Container resources."),
  })
  .strict();

/** The input of {@link podinfo}; every field has a default. */
export type PodinfoProps = z.input<typeof podinfoProps>;

/** Renders podinfo. */
export function podinfo(input: PodinfoProps = {}): ComponentOutput {
  const props = parseProps(podinfoProps, input, "podinfo");
  const { namespace } = props;
  const labels = { "app.kubernetes.io/name": "podinfo", "app.kubernetes.io/part-of": "podinfo" };
  const envSecrets = [
    ...(props.tokenSecret === undefined ? [] : [props.tokenSecret]),
    ...props.envSecrets,
    ...(props.externalSecret === undefined ? [] : [props.externalSecret.name]),
  ];
  return [
    new Namespace({ metadata: { name: namespace } }),
    new ConfigMap({
      metadata: { name: "podinfo", namespace, labels },
      data: { PODINFO_UI_MESSAGE: props.message, PODINFO_LOG_LEVEL: props.logLevel },
    }),
    new Deployment({
      metadata: { name: "podinfo", namespace, labels },
      spec: {
        replicas: props.replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "podinfo",
                image: props.image,
                command: ["./podinfo", "--port=9898", "--port-metrics=9797"],
                ports: [
                  { name: "http", containerPort: 9898 },
                  { name: "http-metrics", containerPort: 9797 },
                ],
                envFrom: [{ configMapRef: { name: "podinfo" } }, ...envSecrets.map((name) => ({ secretRef: { name } }))],
                readinessProbe: { httpGet: { path: "/readyz", port: "http" } },
                livenessProbe: { httpGet: { path: "/healthz", port: "http" } },
                resources: {
                  requests: { cpu: props.resources.cpu, memory: props.resources.memory },
                  limits: { memory: props.resources.memory },
                },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"] },
                },
              },
            ],
          },
        },
      },
    }),
    new Service({
      metadata: { name: "podinfo", namespace, labels },
      spec: { selector: labels, ports: [{ name: "http", port: 9898, targetPort: "http" }] },
    }),
    new HorizontalPodAutoscaler({
      metadata: { name: "podinfo", namespace, labels },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "podinfo" },
        minReplicas: props.replicas,
        maxReplicas: Math.max(props.maxReplicas, props.replicas),
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }],
      },
    }),
    new PodDisruptionBudget({
      metadata: { name: "podinfo", namespace, labels },
      spec: { minAvailable: 1, selector: { matchLabels: labels } },
    }),
    new NetworkPolicy({
      metadata: { name: "default-deny", namespace },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    }),
    new NetworkPolicy({
      metadata: { name: "podinfo-ingress", namespace, labels },
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ["Ingress"],
        ingress: [{ ports: [{ port: "http" }] }],
      },
    }),
    ...(props.externalSecret === undefined
      ? []
      : [
          externalSecret({
            name: props.externalSecret.name,
            namespace,
            secretStoreRef: { name: props.externalSecret.store, kind: "ClusterSecretStore" },
            data: [{ secretKey: props.externalSecret.env, remoteRef: { key: props.externalSecret.key, property: props.externalSecret.property } }],
          }),
        ]),
    ...(props.host === undefined
      ? []
      : [
          new Ingress({
            metadata: { name: "podinfo", namespace, labels, annotations: { "cert-manager.io/cluster-issuer": props.clusterIssuer } },
            spec: {
              ingressClassName: props.ingressClassName,
              tls: [{ hosts: [props.host], secretName: "podinfo-tls" }],
              rules: [{ host: props.host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "podinfo", port: { name: "http" } } } }] } }],
            },
          }),
        ]),
  ];
}
