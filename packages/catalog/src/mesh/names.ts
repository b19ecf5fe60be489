/**
 * The names the Istio component gives its parts, which the builders
 * default to: where the control plane and the ingress gateway run, and how
 * the gateway's pods are labelled and identified.
 */

/** The namespace of istiod and of mesh-wide policies (the mesh's root namespace). */
export const ISTIO_NAMESPACE = "istio-system";

/** The namespace of the ingress gateway. */
export const ISTIO_INGRESS_NAMESPACE = "istio-ingress";

/**
 * The ingress gateway's Helm release name: also its Deployment, Service and
 * ServiceAccount name, and (without the `istio-` prefix) its `istio` label.
 */
export const ISTIO_INGRESS_GATEWAY = "istio-ingressgateway";

/** The labels that select the ingress gateway's pods, as the gateway chart sets them. */
export const ISTIO_INGRESS_SELECTOR: Readonly<Record<string, string>> = { istio: "ingressgateway" };

/** The default trust domain: the first part of every workload's SPIFFE identity. */
export const DEFAULT_TRUST_DOMAIN = "cluster.local";

/**
 * The namespace labels that turn on sidecar injection: `istio-injection:
 * enabled` for the default control plane, `istio.io/rev: <revision>` for a
 * revisioned one.
 */
export function injectionLabels(revision: string | undefined): Record<string, string> {
  return revision === undefined ? { "istio-injection": "enabled" } : { "istio.io/rev": revision };
}

/** The SPIFFE principal of a service account, as AuthorizationPolicy `source.principals` names it. */
export function principalOf(namespace: string, serviceAccount: string, trustDomain: string = DEFAULT_TRUST_DOMAIN): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}
