/**
 * The VerticalPodAutoscaler object (`autoscaling.k8s.io/v1`, VPA 1.7.1):
 * which workload's Pods get their CPU and memory requests from the VPA
 * recommender, how they are applied, and the bounds per container.
 */
import { VerticalPodAutoscaler } from "@typed-gitops/models/autoscaling.k8s.io/v1/VerticalPodAutoscaler";
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import { QUANTITY, quantity } from "../shared/quantity.ts";

/**
 * How recommendations are applied (`updatePolicy.updateMode`):
 *
 * - `Off`: only recommend (read them in the object's status);
 * - `Initial`: set requests when Pods are created, never change running Pods;
 * - `Recreate`: also evict running Pods whose requests are off;
 * - `InPlaceOrRecreate`: resize running Pods in place where the node
 *   allows it, evict otherwise (in-place Pod resize is on by default since
 *   Kubernetes 1.33).
 *
 * The VPA 1.7.1 CRD also accepts `InPlace` (alpha, behind the updater's
 * feature gate) and `Auto` (deprecated, the same as `Recreate`); they are
 * left out on purpose.
 */
export const UPDATE_MODES = ["Off", "Initial", "Recreate", "InPlaceOrRecreate"] as const;

/** The resources a VPA can control. */
const VPA_RESOURCES = ["cpu", "memory"] as const;

const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value of a Kubernetes quantity as a number (cores, bytes), for comparisons; `undefined` when it is not one. */
export function quantityValue(value: string): number | undefined {
  if (!QUANTITY.test(value)) return undefined;
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(value);
  if (match === null) return undefined;
  const number = Number(match[1]);
  const suffix = match[2]!;
  if (suffix in BINARY_SUFFIX) return number * BINARY_SUFFIX[suffix]!;
  if (suffix in DECIMAL_SUFFIX) return number * DECIMAL_SUFFIX[suffix]!;
  const exponent = /^[eE]([+-]?[0-9]+(?:\.[0-9]*)?)$/.exec(suffix);
  return exponent === null ? undefined : number * 10 ** Number(exponent[1]);
}

const bounds = z
  .object({
    cpu: quantity().optional().describe("CPU, e.g. 100m. Default: no bound."),
    memory: quantity().optional().describe("Memory, e.g. 128Mi. Default: no bound."),
  })
  .strict();

/** One container's policy. */
export const containerPolicySchema = z
  .object({
    containerName: z.string().min(1).default("*").describe('The container the policy is for; "*" for every container without its own policy. Default: "*".'),
    mode: z.enum(["Auto", "Off"]).default("Auto").describe("Off excludes the container from recommendations. Default: Auto."),
    minAllowed: bounds.optional().describe("The lowest requests recommended. Default: none."),
    maxAllowed: bounds.optional().describe("The highest requests recommended; keep it within what a node can offer. Default: none."),
    controlledResources: z.array(z.enum(VPA_RESOURCES)).min(1).optional().describe("The resources recommended for. Default: cpu and memory."),
    controlledValues: z.enum(["RequestsAndLimits", "RequestsOnly"]).optional().describe("RequestsOnly leaves limits alone; RequestsAndLimits scales limits with requests. Default: RequestsAndLimits."),
  })
  .strict()
  .superRefine((policy, ctx) => {
    for (const resource of VPA_RESOURCES) {
      const min = policy.minAllowed?.[resource];
      const max = policy.maxAllowed?.[resource];
      if (min === undefined || max === undefined) continue;
      if ((quantityValue(min) ?? 0) > (quantityValue(max) ?? Infinity)) {
        ctx.addIssue({ code: "custom", path: ["minAllowed", resource], message: `${resource} ${min} is more than maxAllowed.${resource} ${max}` });
      }
    }
  });

/** The input of one container policy. */
export type ContainerPolicyInput = z.input<typeof containerPolicySchema>;

/** The props of {@link verticalPodAutoscaler}. */
export const verticalPodAutoscalerProps = z
  .object({
    name: objectName().describe("The VerticalPodAutoscaler's name, usually the workload's."),
    namespace: namespaceName().describe("The namespace of the VerticalPodAutoscaler and of its workload."),
    targetRef: z
      .object({
        apiVersion: z.string().min(1).default("apps/v1").describe("The workload's API version. Default: apps/v1."),
        kind: z
          .string()
          .regex(/^[A-Z][A-Za-z0-9]*$/, "expected a kind such as Deployment")
          .default("Deployment")
          .describe("The workload's kind: Deployment, StatefulSet, DaemonSet, or any kind with a scale subresource (e.g. an Argo Rollout). Default: Deployment."),
        name: objectName().describe("The workload's name."),
      })
      .strict()
      .describe("The workload whose Pods are autoscaled, in the same namespace."),
    updateMode: z
      .enum(UPDATE_MODES)
      .default("Off")
      .describe("How recommendations are applied: Off (only recommend), Initial (at Pod creation), Recreate (also evict Pods), InPlaceOrRecreate (resize in place, else evict). Default: Off."),
    minReplicas: z.number().int().min(1).optional().describe("The fewest live replicas the updater keeps when evicting (overrides its --min-replicas). Default: the updater's, 2."),
    containerPolicies: z.array(containerPolicySchema).default([]).describe("Per-container bounds and modes. Default: none (every container, no bounds)."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const seen = new Set<string>();
    props.containerPolicies.forEach((policy, index) => {
      if (seen.has(policy.containerName)) ctx.addIssue({ code: "custom", path: ["containerPolicies", index, "containerName"], message: `container "${policy.containerName}" has two policies` });
      seen.add(policy.containerName);
    });
  });

/** The input of {@link verticalPodAutoscaler}. */
export type VerticalPodAutoscalerProps = z.input<typeof verticalPodAutoscalerProps>;

/**
 * A VerticalPodAutoscaler for one workload. It needs the VPA CRD
 * (`verticalPodAutoscalerController()`), so place it in a layer after the
 * controllers: the workload's own folder (apps) or configs.
 *
 * @example
 * verticalPodAutoscaler({ name: "web", namespace: "web", targetRef: { name: "web" }, updateMode: "InPlaceOrRecreate",
 *   containerPolicies: [{ containerName: "web", minAllowed: { cpu: "50m", memory: "64Mi" }, maxAllowed: { cpu: "2", memory: "2Gi" } }] });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function verticalPodAutoscaler(input: VerticalPodAutoscalerProps): VerticalPodAutoscaler {
  const props = parseProps(verticalPodAutoscalerProps, input, "verticalPodAutoscaler");
  const policies = props.containerPolicies.map((policy) => ({
    containerName: policy.containerName,
    mode: policy.mode,
    ...(policy.minAllowed === undefined ? {} : { minAllowed: { ...policy.minAllowed } }),
    ...(policy.maxAllowed === undefined ? {} : { maxAllowed: { ...policy.maxAllowed } }),
    ...(policy.controlledResources === undefined ? {} : { controlledResources: policy.controlledResources }),
    ...(policy.controlledValues === undefined ? {} : { controlledValues: policy.controlledValues }),
  }));
  return new VerticalPodAutoscaler({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      targetRef: { apiVersion: props.targetRef.apiVersion, kind: props.targetRef.kind, name: props.targetRef.name },
      updatePolicy: { updateMode: props.updateMode, ...(props.minReplicas === undefined ? {} : { minReplicas: props.minReplicas }) },
      ...(policies.length === 0 ? {} : { resourcePolicy: { containerPolicies: policies } }),
    },
  });
}
