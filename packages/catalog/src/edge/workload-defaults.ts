/**
 * The defaults the edge workloads (Deployments this section writes itself)
 * share besides the catalog's resources and security contexts: the
 * pinned-image prop and the NetworkPolicy egress rules for cluster DNS and
 * the internet.
 */
import type { INetworkPolicyEgressRule } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule";
import { z } from "zod";
import type { PinnedImage } from "../versions.ts";

/** The `image` prop: the pinned repository and tag, each overridable. */
export function imageProp(pinned: PinnedImage) {
  return z
    .object({
      repository: z
        .string()
        .regex(/^[a-z0-9][a-z0-9._\-/:]*[a-z0-9]$/, "expected an image repository such as docker.io/cloudflare/cloudflared, without a tag")
        .default(pinned.repository)
        .describe(`The image repository. Default: ${pinned.repository}.`),
      tag: z
        .string()
        .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[a-f0-9]{64})?$/, "expected an image tag such as 1.2.3, optionally with @sha256:<digest>")
        .refine((tag) => !/^latest(@|$)/.test(tag), "latest is not a pinned version: give an exact tag")
        .default(pinned.tag)
        .describe(`The exact image tag, optionally with @sha256:<digest>; never latest. Default: ${pinned.tag}.`),
    })
    .strict()
    .prefault({})
    .describe(`The container image. Default: ${pinned.repository}:${pinned.tag}.`);
}

/** Egress to the cluster DNS (the `k8s-app: kube-dns` pods in kube-system) on port 53. */
export const DNS_EGRESS_RULE: INetworkPolicyEgressRule = {
  to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ],
};

/** Egress to any address, IPv4 and IPv6, on the given ports: for services outside the cluster whose addresses change. */
export function internetEgressRule(ports: readonly { protocol: "TCP" | "UDP"; port: number }[], ipv6 = true): INetworkPolicyEgressRule {
  return {
    to: [{ ipBlock: { cidr: "0.0.0.0/0" } }, ...(ipv6 ? [{ ipBlock: { cidr: "::/0" } }] : [])],
    ports: ports.map((entry) => ({ protocol: entry.protocol, port: entry.port })),
  };
}
