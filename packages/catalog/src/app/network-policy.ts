/**
 * An app's network policies: the namespace's default deny (when the app
 * owns the namespace) and the allows the app needs: its ingress
 * controller, Prometheus, its declared callers, DNS, the services it calls
 * and, in the mesh, istiod.
 */
import type { ApiObject } from "@typed-gitops/lib";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyEgressRule } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule";
import type { INetworkPolicyIngressRule } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule";
import { ingressNamespaceOf } from "./exposure.ts";
import type { AppProps } from "./props.ts";

/** The label every namespace carries with its own name. */
const NAMESPACE_NAME = "kubernetes.io/metadata.name";

/** The label apps are selected by. */
export const APP_NAME_LABEL = "app.kubernetes.io/name";

/** A peer: the pods of a namespace, all of them or those with the given app name or labels. */
function fromNamespace(namespace: string, app?: string, labels?: Record<string, string>) {
  const matchLabels = { ...labels, ...(app === undefined ? {} : { [APP_NAME_LABEL]: app }) };
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: namespace } }, ...(Object.keys(matchLabels).length === 0 ? {} : { podSelector: { matchLabels } }) };
}

/** The namespace-wide default deny of ingress and egress. */
export function defaultDeny(namespace: string, labels: Record<string, string>): NetworkPolicy {
  return new NetworkPolicy({ metadata: { name: "default-deny", namespace, labels }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });
}

/** The allow policy of an app's pods. */
export function appNetworkPolicy(props: AppProps, namespace: string, selector: Record<string, string>, labels: Record<string, string>): ApiObject {
  const ingress: INetworkPolicyIngressRule[] = [];
  const appPort = [{ protocol: "TCP" as const, port: props.port }];
  if (props.expose !== undefined) ingress.push({ from: [fromNamespace(ingressNamespaceOf(props.expose))], ports: appPort });
  if (props.metrics !== undefined && props.metrics.enabled) {
    ingress.push({ from: [fromNamespace(props.metrics.prometheusNamespace)], ports: [{ protocol: "TCP" as const, port: props.metrics.port ?? props.port }] });
  }
  if (props.allowFrom.length > 0) ingress.push({ from: props.allowFrom.map((caller) => fromNamespace(caller.namespace, caller.app)), ports: appPort });
  const egress: INetworkPolicyEgressRule[] = [
    {
      to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
      ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
      ],
    },
  ];
  for (const call of props.calls) egress.push({ to: [fromNamespace(call.namespace, call.app, call.selector)], ports: [{ protocol: "TCP", port: call.port }] });
  for (const destination of props.egressCidrs) egress.push({ to: [{ ipBlock: { cidr: destination.cidr } }], ports: [{ protocol: "TCP", port: destination.port }] });
  if (props.mesh === "istio") {
    // The sidecar fetches its configuration and certificates from istiod.
    egress.push({ to: [fromNamespace("istio-system")], ports: [{ protocol: "TCP", port: 15012 }] });
  }
  return new NetworkPolicy({
    metadata: { name: props.name, namespace, labels },
    spec: { podSelector: { matchLabels: selector }, policyTypes: ["Ingress", "Egress"], ...(ingress.length > 0 ? { ingress } : {}), egress },
  });
}

/**
 * Lets the ingress controller reach cert-manager's HTTP-01 solver pods,
 * which cert-manager starts in the namespace of the certificate while an
 * ACME HTTP-01 challenge is open; the namespace's default deny would
 * otherwise block the challenge.
 */
export function acmeSolverPolicy(namespace: string, ingressNamespace: string, labels: Record<string, string>): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: "allow-acme-http01-solver", namespace, labels },
    spec: {
      podSelector: { matchLabels: { "acme.cert-manager.io/http01-solver": "true" } },
      policyTypes: ["Ingress"],
      ingress: [{ from: [fromNamespace(ingressNamespace)], ports: [{ protocol: "TCP", port: 8089 }] }],
    },
  });
}
