/**
 * The defaults the edge workloads (Deployments this section writes itself)
 * share: the pinned-image and resources props, the restricted security
 * contexts and the NetworkPolicy egress rule for cluster DNS.
 */
import type { PinnedImage } from "../versions.ts";
import type { INetworkPolicyEgressRule } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule";
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import { z } from "zod";

/** A Kubernetes quantity such as `100m`, `64Mi` or `1Gi`. */
const quantity = z.string().regex(/^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/, "expected a Kubernetes quantity such as 50m, 64Mi or 1Gi");

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

/** The `resources` prop of one container, with its defaults. */
export function resourcesProp(requests: { cpu: string; memory: string }, memoryLimit: string) {
  return z
    .object({
      requests: z
        .object({
          cpu: quantity.default(requests.cpu).describe(`CPU requested. Default: ${requests.cpu}.`),
          memory: quantity.default(requests.memory).describe(`Memory requested. Default: ${requests.memory}.`),
        })
        .strict()
        .prefault({})
        .describe("What the scheduler reserves."),
      limits: z
        .object({
          memory: quantity.default(memoryLimit).describe(`The memory limit. Default: ${memoryLimit}.`),
          cpu: quantity.optional().describe("A CPU limit. Default: none (CPU limits throttle)."),
        })
        .strict()
        .prefault({})
        .describe("The limits."),
    })
    .strict()
    .prefault({})
    .describe(`The container's requests and limits. Default: ${requests.cpu} CPU and ${requests.memory} requested, ${memoryLimit} memory limit.`);
}

/** The parsed `resources` prop as a container's `resources`. */
export function resourceRequirements(resources: z.output<ReturnType<typeof resourcesProp>>): IResourceRequirements {
  const limits: Record<string, string> = { memory: resources.limits.memory };
  if (resources.limits.cpu !== undefined) limits.cpu = resources.limits.cpu;
  return { requests: { cpu: resources.requests.cpu, memory: resources.requests.memory }, limits };
}

/** A pod security context for an image that runs as `uid`: non-root, with the runtime's default seccomp profile. */
export function restrictedPodSecurityContext(uid: number): IPodSecurityContext {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, seccompProfile: { type: "RuntimeDefault" } };
}

/** The container security context of the restricted Pod Security Standard, with a read-only root filesystem. */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT: ISecurityContext = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

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
