/**
 * Who may talk to the platform's own services. The catalog components of
 * Vault, MinIO, the External Secrets Operator, ingress-nginx and
 * kube-prometheus-stack install upstream charts that render no
 * NetworkPolicy; these policies close each of their namespaces to ingress
 * and open exactly the paths the platform uses. (cloudflared's policy comes
 * with its component, Flux's with its install manifests, the apps' with the
 * app builder.)
 *
 * The pod labels are the ones each chart puts on its pods.
 */
import type { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ingressLockdown, type Caller } from "./ingress-lockdown.ts";

/** The namespaces of the platform components, as the cluster installs them. */
export interface PlatformNamespaces {
  readonly vault: string;
  readonly minio: string;
  readonly externalSecrets: string;
  readonly ingressNginx: string;
  readonly cloudflared: string;
  readonly monitoring: string;
}

/** Prometheus' pods, which scrape every ServiceMonitor and PodMonitor. */
function prometheus(namespaces: PlatformNamespaces): Caller {
  return { namespace: namespaces.monitoring, pods: { "app.kubernetes.io/name": "prometheus" } };
}

const VAULT_SERVER = { "app.kubernetes.io/name": "vault", component: "server" };
const MINIO_SERVER = { app: "minio", release: "minio" };
const INGRESS_NGINX_CONTROLLER = { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" };

/** The policies, by namespace. */
export function platformNetworkPolicies(namespaces: PlatformNamespaces): NetworkPolicy[] {
  const { vault, minio, externalSecrets, ingressNginx, cloudflared, monitoring } = namespaces;
  return [
    ...ingressLockdown(vault, [
      // The External Secrets controller logs in (Kubernetes auth) and reads KV through vault-active:8200.
      { name: "api-from-external-secrets", pods: VAULT_SERVER, ports: [8200], from: [{ namespace: externalSecrets, pods: { "app.kubernetes.io/name": "external-secrets" } }] },
      // Prometheus scrapes /v1/sys/metrics on the API port.
      { name: "metrics-from-prometheus", pods: VAULT_SERVER, ports: [8200], from: [prometheus(namespaces)] },
      // Vault pods forward requests to the active node and elect it through ha_storage (raft on 8201).
      { name: "cluster-from-vault", pods: VAULT_SERVER, ports: [8200, 8201], from: [{ namespace: vault, pods: VAULT_SERVER }] },
    ]),
    ...ingressLockdown(minio, [
      // Vault's storage backend: the S3 API, nothing else.
      { name: "s3-from-vault", pods: MINIO_SERVER, ports: [9000], from: [{ namespace: vault, pods: VAULT_SERVER }] },
      // The chart's post-install Job creates the bucket, policy and user through the S3 API.
      { name: "s3-from-post-job", pods: MINIO_SERVER, ports: [9000], from: [{ namespace: minio }] },
      { name: "metrics-from-prometheus", pods: MINIO_SERVER, ports: [9000], from: [prometheus(namespaces)] },
    ]),
    ...ingressLockdown(externalSecrets, [
      // The API server calls the validating webhook for every ExternalSecret and store.
      { name: "webhook-from-api-server", pods: { "app.kubernetes.io/name": "external-secrets-webhook" }, ports: [10250], from: "anywhere" },
      // The controller, webhook and cert-controller all serve metrics on 8080.
      { name: "metrics-from-prometheus", ports: [8080], from: [prometheus(namespaces)] },
    ]),
    ...ingressLockdown(ingressNginx, [
      // The only way in from outside: cloudflared, carrying the tunnel's requests.
      { name: "http-from-cloudflared", pods: INGRESS_NGINX_CONTROLLER, ports: [80], from: [{ namespace: cloudflared, pods: { "app.kubernetes.io/name": "cloudflared" } }] },
      // The API server calls the admission webhook that validates every Ingress.
      { name: "webhook-from-api-server", pods: INGRESS_NGINX_CONTROLLER, ports: [8443], from: "anywhere" },
      { name: "metrics-from-prometheus", pods: INGRESS_NGINX_CONTROLLER, ports: [10254], from: [prometheus(namespaces)] },
    ]),
    ...ingressLockdown(monitoring, [
      // Prometheus, Alertmanager, kube-state-metrics and the operator talk among themselves.
      { name: "same-namespace", ports: [8080, 9090, 9093, 9094, 10250], from: [{ namespace: monitoring }] },
      // The API server calls the prometheus-operator's webhook that validates PrometheusRules
      // (the operator is the namespace's only pod listening on 10250).
      { name: "webhook-from-api-server", ports: [10250], from: "anywhere" },
    ]),
  ];
}
