/**
 * An environment's namespace and the policies that hold for everything in
 * it: sidecar injection under the restricted Pod Security Standard, a
 * NetworkPolicy default deny (each app then allows its own traffic), STRICT
 * mutual TLS, an Istio AuthorizationPolicy default deny with one ALLOW per
 * called service, and the scraping of the sidecars' metrics, which the
 * frontend's canary analysis reads.
 */
import { authorizationPolicy, peerAuthentication, podMonitor, sidecarInjection } from "@typed-gitops/catalog";
import type { ComponentOutput } from "@typed-gitops/lib";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { BLOG_SERVICES, callersOf, SERVICE_PORT } from "./call-graph.ts";

/** The port on which each sidecar serves its Envoy metrics. */
export const ENVOY_METRICS_PORT = 15090;

/** The label the injector puts on every pod with a sidecar. */
const MESH_POD_LABEL = { "security.istio.io/tlsMode": "istio" };

/** The namespace, its NetworkPolicy baseline and the scraping of the sidecars. */
export function blogNamespace(namespace: string, prometheusNamespace: string): ComponentOutput {
  return [
    sidecarInjection({ namespace, labels: { "pod-security.kubernetes.io/enforce": "restricted" } }),
    new NetworkPolicy({ metadata: { name: "default-deny", namespace }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }),
    new NetworkPolicy({
      metadata: { name: "allow-envoy-metrics", namespace },
      spec: {
        podSelector: { matchLabels: MESH_POD_LABEL },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": prometheusNamespace } } }], ports: [{ protocol: "TCP", port: ENVOY_METRICS_PORT }] }],
      },
    }),
    podMonitor({ name: "envoy-stats", namespace, selector: MESH_POD_LABEL, port: "http-envoy-prom", path: "/stats/prometheus", interval: "15s" }),
  ];
}

/**
 * The namespace's Istio security: STRICT mutual TLS, a default deny, and
 * for each service an ALLOW of exactly its callers' service accounts (and
 * of the ingress gateway, for the frontend) on its port.
 */
export function blogMeshPolicies(namespace: string): ComponentOutput {
  return [
    peerAuthentication({ namespace, mode: "STRICT" }),
    authorizationPolicy.defaultDeny(namespace),
    ...BLOG_SERVICES.flatMap((service) => {
      const callers = callersOf(service).map((caller) => ({ namespace, serviceAccount: caller }));
      const from = service === "frontend" ? [{ ingressGateway: true as const }, ...callers] : callers;
      if (from.length === 0) return [];
      return [authorizationPolicy.allow({ name: `allow-${service}`, namespace, to: { "app.kubernetes.io/name": service }, from, ports: [SERVICE_PORT] })];
    }),
  ];
}
