/**
 * Policies the catalog components leave to the platform.
 *
 * - 1Password Connect: its API holds the keys to a whole vault, so only the
 *   External Secrets controller may call it.
 */
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";

/** The label every namespace carries with its own name. */
const NAMESPACE_NAME = "kubernetes.io/metadata.name";

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
