/**
 * The Vertical Pod Autoscaler as a component: its CRDs and the recommender
 * (computes requests from usage), the updater (evicts or resizes Pods whose
 * requests are off) and the admission controller (sets the requests of new
 * Pods), from the upstream chart of kubernetes/autoscaler.
 *
 * The chart is the one the VPA maintainers publish next to the code, so
 * its CRD is exactly the VPA 1.7.1 CRD the schema store pins
 * (`verticalPodAutoscaler()` objects validate against it). The Fairwinds
 * `vpa` chart also reached 1.7.1 (5.0.0), but copies the CRD and follows
 * upstream with a delay.
 */
import { parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { type ValuesOverride } from "../shared/merge-values.ts";
import { resourcesProp, type ContainerResources, type ResourcesDefaults } from "../shared/resources.ts";
import { VERTICAL_POD_AUTOSCALER_CHART } from "../versions.ts";

/** The values of one VPA part (recommender, updater, admission controller) this component sets. */
export interface VpaPartValues {
  /** Whether the part is deployed. */
  readonly enabled: boolean;
  /** The number of Pods. */
  readonly replicas: number;
  /** The container's resources. */
  readonly resources: ContainerResources;
  /** A PodDisruptionBudget keeping one Pod up (only with more than one replica: with one it would block drains). */
  readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable?: number };
  /** Extra command-line flags. */
  readonly extraArgs: readonly string[];
}

/** The chart values this component sets. */
export interface VerticalPodAutoscalerValues {
  /** The recommender. */
  readonly recommender: VpaPartValues;
  /** The updater. */
  readonly updater: VpaPartValues;
  /** The admission controller. */
  readonly admissionController: VpaPartValues;
}

const GO_FLAG = /^--[a-z0-9][-a-z0-9]*(=.*)?$/;

function partProps(what: string, defaults: { readonly enabled: boolean; readonly resources: ResourcesDefaults }) {
  return z
    .object({
      enabled: z.boolean().default(defaults.enabled).describe(`Whether the ${what} is deployed. Default: ${defaults.enabled}.`),
      replicas: z
        .number()
        .int()
        .min(1)
        .default(2)
        .describe(`The number of ${what} Pods (leader-elected; with more than one, a PodDisruptionBudget keeps one up). Default: 2.`),
      resources: resourcesProp(defaults.resources, `each ${what} Pod`),
      extraArgs: z.array(z.string().regex(GO_FLAG, "expected a flag such as --pod-recommendation-min-cpu-millicores=25")).default([]).describe(`Extra flags of the ${what}. Default: none.`),
    })
    .strict()
    .prefault({})
    .describe(`The ${what}.`);
}

/** The props of {@link verticalPodAutoscalerController}. */
export const verticalPodAutoscalerControllerProps = z
  .object({
    namespace: namespaceProp("vertical-pod-autoscaler", "the VPA, its HelmRepository and HelmRelease"),
    version: chartVersionProp(VERTICAL_POD_AUTOSCALER_CHART, `VPA ${VERTICAL_POD_AUTOSCALER_CHART.appVersion}, the pinned CRD`),
    recommender: partProps("recommender", { enabled: true, resources: { cpu: "50m", memory: "500Mi", memoryLimit: "1Gi" } }),
    updater: partProps("updater", { enabled: true, resources: { cpu: "50m", memory: "500Mi", memoryLimit: "1Gi" } }),
    admissionController: partProps("admission controller", { enabled: true, resources: { cpu: "50m", memory: "200Mi", memoryLimit: "500Mi" } }),
    values: valuesProp("vertical-pod-autoscaler"),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (!props.recommender.enabled && (props.updater.enabled || props.admissionController.enabled)) {
      ctx.addIssue({ code: "custom", path: ["recommender", "enabled"], message: "the updater and admission controller act on the recommender's recommendations: keep it enabled, or disable them too" });
    }
  });

/** The input of {@link verticalPodAutoscalerController}, with `values` typed by the chart values this component knows. */
export type VerticalPodAutoscalerControllerProps = Omit<z.input<typeof verticalPodAutoscalerControllerProps>, "values"> & {
  /** Chart values merged last, over what the component sets. @default none */
  readonly values?: ValuesOverride<VerticalPodAutoscalerValues>;
};

type Part = z.output<ReturnType<typeof partProps>>;

function partValues(part: Part): VpaPartValues {
  return {
    enabled: part.enabled,
    replicas: part.replicas,
    resources: part.resources,
    podDisruptionBudget: part.replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
    extraArgs: part.extraArgs,
  };
}

/**
 * Renders the VPA in the controllers layer: a Namespace, the
 * kubernetes/autoscaler HelmRepository and a HelmRelease of the
 * vertical-pod-autoscaler chart, whose CRDs Flux creates and replaces.
 * Its VerticalPodAutoscaler objects are made with `verticalPodAutoscaler()`.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function verticalPodAutoscalerController(input: VerticalPodAutoscalerControllerProps = {}): Component {
  const props = parseProps(verticalPodAutoscalerControllerProps, input, "verticalPodAutoscalerController");
  const { namespace } = props;
  const values: VerticalPodAutoscalerValues = {
    recommender: partValues(props.recommender),
    updater: partValues(props.updater),
    admissionController: partValues(props.admissionController),
  };
  return {
    name: "vertical-pod-autoscaler",
    controllers: helmChart<VerticalPodAutoscalerValues>({
      name: "vertical-pod-autoscaler",
      namespace,
      chart: VERTICAL_POD_AUTOSCALER_CHART,
      version: props.version,
      source: "vertical-pod-autoscaler",
      values,
      overrides: props.values,
    }),
  };
}
