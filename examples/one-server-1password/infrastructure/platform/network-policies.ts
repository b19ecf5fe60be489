/**
 * Policies the catalog components leave to the platform.
 *
 * - The ACME HTTP-01 solver: cert-manager answers Let's Encrypt's challenge
 *   from a short-lived pod in the app's own namespace, which the app
 *   builder's default deny would otherwise cut off from Traefik.
 * - 1Password Connect: its API holds the keys to a whole vault, so only the
 *   External Secrets controller may call it.
 */
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";

/** The label every namespace carries with its own name. */
const NAMESPACE_NAME = "kubernetes.io/metadata.name";

/** The label cert-manager puts on its HTTP-01 solver pods, and the port they listen on. */
const ACME_SOLVER = { label: "acme.cert-manager.io/http01-solver", port: 8089 } as const;

/** Lets the ingress controller reach cert-manager's HTTP-01 solver pods in `namespace`. */
export function acmeHttp01SolverPolicy(namespace: string, ingressNamespace: string): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: "allow-acme-http01-solver", namespace },
    spec: {
      podSelector: { matchLabels: { [ACME_SOLVER.label]: "true" } },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: ingressNamespace } } }], ports: [{ protocol: "TCP", port: ACME_SOLVER.port }] }],
    },
  });
}

/** Closes 1Password Connect's namespace to everything but the External Secrets controller on Connect's API port. */
export function connectPolicies(namespace: string, externalSecretsNamespace: string, apiPort: number): NetworkPolicy[] {
  return [
    new NetworkPolicy({ metadata: { name: "default-deny-ingress", namespace }, spec: { podSelector: {}, policyTypes: ["Ingress"] } }),
    new NetworkPolicy({
      metadata: { name: "allow-api-from-external-secrets", namespace },
      spec: {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: externalSecretsNamespace } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "external-secrets" } } }],
            ports: [{ protocol: "TCP", port: apiPort }],
          },
        ],
      },
    }),
  ];
}
