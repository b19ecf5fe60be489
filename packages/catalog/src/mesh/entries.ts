/**
 * Catalog entries of the Istio service mesh, listed under "Ingress and
 * traffic".
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import { ISTIO_BASE_CHART, ISTIOD_CHART } from "../versions.ts";
import { allowProps, authorizationPolicyProps, defaultDenyProps } from "./authorization-policy.ts";
import { destinationRuleProps } from "./destination-rule.ts";
import { gatewayCertificateProps } from "./gateway-certificate.ts";
import { gatewayProps } from "./gateway.ts";
import { istioProps } from "./istio.ts";
import { peerAuthenticationProps } from "./peer-authentication.ts";
import { sidecarInjectionProps } from "./sidecar-injection.ts";
import { virtualServiceProps } from "./virtual-service.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "istio",
    group: "traffic",
    summary:
      "The Istio service mesh: controllers istio-base (CRDs), istiod after it, and an ingress gateway in its own injected namespace after istiod; configs: mesh-wide STRICT mutual TLS, an optional mesh-wide default deny and the ServiceMonitor of istiod.",
    props: istioProps,
    example: `istio({ meshConfig: { accessLogFile: "/dev/stdout", outboundTrafficPolicy: "REGISTRY_ONLY" }, ingressGateway: { service: { type: "LoadBalancer" } }, defaultDeny: true, metrics: {} })`,
    pins: [`Istio ${ISTIOD_CHART.version} (charts ${ISTIO_BASE_CHART.chart}, istiod, gateway)`],
  },
  {
    name: "sidecarInjection",
    group: "traffic",
    summary: "A Namespace labelled for sidecar injection (istio-injection: enabled, or istio.io/rev for a revision), used in place of the namespace's plain Namespace.",
    props: sidecarInjectionProps,
    example: `sidecarInjection("shop")`,
  },
  {
    name: "gateway",
    group: "traffic",
    summary: "An Istio Gateway (networking.istio.io/v1) on the ingress gateway: one HTTPS server per certificate Secret in the gateway's namespace, and an HTTP server that redirects to HTTPS.",
    props: gatewayProps,
    example: `gateway({ name: "shop", servers: [{ hosts: ["shop.example.com"], credentialName: "shop-tls" }] })`,
  },
  {
    name: "gatewayCertificate",
    group: "traffic",
    summary: "A cert-manager Certificate in the ingress gateway's namespace, whose Secret a Gateway server names as credentialName.",
    props: gatewayCertificateProps,
    example: `gatewayCertificate({ name: "shop-tls", hosts: ["shop.example.com"], issuer: { name: "letsencrypt-production" } })`,
  },
  {
    name: "virtualService",
    group: "traffic",
    summary: "An Istio VirtualService: HTTP routes with path, header and method matches, weighted destinations and subsets, timeouts and retries, bound to Gateways or the mesh.",
    props: virtualServiceProps,
    example: `virtualService({ name: "shop", namespace: "shop", hosts: ["shop.example.com"], gateways: ["istio-ingress/shop"], http: [{ route: [{ host: "web", subset: "v1", weight: 90 }, { host: "web", subset: "v2", weight: 10 }], timeout: "10s" }] })`,
  },
  {
    name: "destinationRule",
    group: "traffic",
    summary: "An Istio DestinationRule: mesh mutual TLS (ISTIO_MUTUAL), subsets by pod labels, load balancing, connection limits and outlier detection.",
    props: destinationRuleProps,
    example: `destinationRule({ name: "web", namespace: "shop", host: "web", subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" } }] })`,
  },
  {
    name: "peerAuthentication",
    group: "traffic",
    summary: "An Istio PeerAuthentication: STRICT (or PERMISSIVE) mutual TLS for the mesh (in istio-system), a namespace or selected workloads, with optional per-port modes.",
    props: peerAuthenticationProps,
    example: `peerAuthentication({ namespace: "shop" })`,
  },
  {
    name: "authorizationPolicy",
    group: "traffic",
    summary: "An Istio AuthorizationPolicy from typed rules (sources, operations, conditions) with action ALLOW, DENY or AUDIT.",
    props: authorizationPolicyProps,
    example: `authorizationPolicy({ name: "deny-admin", namespace: "shop", action: "DENY", rules: [{ to: [{ paths: ["/admin*"] }] }] })`,
  },
  {
    name: "authorizationPolicy.defaultDeny",
    group: "traffic",
    summary: "An AuthorizationPolicy with an empty spec: the namespace (the mesh, in istio-system) denies every request no ALLOW policy allows.",
    props: defaultDenyProps,
    example: `authorizationPolicy.defaultDeny("shop")`,
  },
  {
    name: "authorizationPolicy.allow",
    group: "traffic",
    summary: "An ALLOW AuthorizationPolicy for named callers (service accounts as cluster.local/ns/<ns>/sa/<sa> principals, namespaces, the ingress gateway) to selected workloads, ports, methods and paths.",
    props: allowProps,
    example: `authorizationPolicy.allow({ name: "allow-web", namespace: "shop", to: { app: "api" }, from: [{ namespace: "shop", serviceAccount: "web" }, { ingressGateway: true }], ports: [8080] })`,
  },
];
