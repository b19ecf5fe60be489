/**
 * Ingress lockdown for a platform namespace whose workloads come from a
 * Helm chart that renders no NetworkPolicy of its own: a namespace-wide
 * default deny of ingress, then one named allow per caller.
 *
 * Only ingress is locked down here. Egress of these controllers goes to the
 * Kubernetes API server, which on k3s is the node's own address (6443) after
 * the Service's DNAT, so an egress allow list would have to name the node's
 * IP in git; the app namespaces, whose pods never talk to the API server,
 * deny egress as well (the app builder's policies).
 */
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";

/** The label every namespace carries with its own name. */
const NAMESPACE_NAME = "kubernetes.io/metadata.name";

/** Pods of another (or the same) namespace, optionally narrowed by labels. */
export interface Caller {
  /** The caller's namespace. */
  readonly namespace: string;
  /** Labels of the calling pods. @default every pod of the namespace */
  readonly pods?: Readonly<Record<string, string>>;
}

/** One allowed kind of traffic into the namespace. */
export interface IngressAllow {
  /** The policy's name suffix: the policy is `allow-<name>`. */
  readonly name: string;
  /** Labels of the pods that receive the traffic. @default every pod of the namespace */
  readonly pods?: Readonly<Record<string, string>>;
  /** The TCP ports allowed. */
  readonly ports: readonly number[];
  /**
   * Who may connect: listed callers, or `"anywhere"` for the Kubernetes API
   * server calling an admission webhook (on k3s it runs on the host, with
   * no pod address a selector could name).
   */
  readonly from: readonly Caller[] | "anywhere";
}

function peerOf(caller: Caller): INetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: caller.namespace } },
    ...(caller.pods === undefined ? {} : { podSelector: { matchLabels: { ...caller.pods } } }),
  };
}

/**
 * The policies of one namespace: `default-deny-ingress` selecting every pod,
 * and an `allow-<name>` policy per entry of `allows`.
 */
export function ingressLockdown(namespace: string, allows: readonly IngressAllow[]): NetworkPolicy[] {
  const deny = new NetworkPolicy({
    metadata: { name: "default-deny-ingress", namespace },
    spec: { podSelector: {}, policyTypes: ["Ingress"] },
  });
  const policies = allows.map(
    (allow) =>
      new NetworkPolicy({
        metadata: { name: `allow-${allow.name}`, namespace },
        spec: {
          podSelector: allow.pods === undefined ? {} : { matchLabels: { ...allow.pods } },
          policyTypes: ["Ingress"],
          ingress: [
            {
              ...(allow.from === "anywhere" ? {} : { from: allow.from.map(peerOf) }),
              ports: allow.ports.map((port) => ({ protocol: "TCP" as const, port })),
            },
          ],
        },
      }),
  );
  return [deny, ...policies];
}
