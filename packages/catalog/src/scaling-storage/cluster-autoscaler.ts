/**
 * The Cluster Autoscaler on AWS as a component: it finds the cluster's
 * Auto Scaling groups by their tags, adds nodes when Pods cannot be
 * scheduled and removes nodes that stay underused.
 *
 * Its version must match the cluster's Kubernetes minor (1.35 runs
 * Cluster Autoscaler 1.35.x): the scheduler code it simulates with is the
 * one of that release. The image tag therefore follows the
 * `kubernetesVersion` prop, not the chart.
 */
import { duration, KUBERNETES_VERSIONS, parseProps, type KubernetesVersion } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { type ValuesOverride } from "../shared/merge-values.ts";
import { resourcesProp, type ContainerResources } from "../shared/resources.ts";
import { CLUSTER_AUTOSCALER_CHART, CLUSTER_AUTOSCALER_IMAGE_1_35, CLUSTER_AUTOSCALER_IMAGE_1_36, type PinnedImage } from "../versions.ts";
import { metricsSchema } from "../wiring.ts";
import { IRSA_ANNOTATION, roleArn } from "./irsa.ts";

/** The HelmRelease (and Helm release) name, also the chart's name override: the Deployment, Service and ServiceAccount are all `cluster-autoscaler`. */
export const CLUSTER_AUTOSCALER_RELEASE = "cluster-autoscaler";

/** The pinned Cluster Autoscaler image of each Kubernetes minor the schemas cover. */
export const CLUSTER_AUTOSCALER_IMAGES: Readonly<Record<KubernetesVersion, PinnedImage>> = {
  "1.35": CLUSTER_AUTOSCALER_IMAGE_1_35,
  "1.36": CLUSTER_AUTOSCALER_IMAGE_1_36,
};

/** The expanders that pick which node group grows (`--expander`); `price` is GCE-only and `grpc` needs a server, so they are left out. */
export const EXPANDERS = ["least-waste", "most-pods", "least-nodes", "random", "priority"] as const;

const AWS_REGION = /^[a-z]{2}(-gov|-iso|-isob)?-[a-z]+-[0-9]$/;
const IMAGE_TAG = /^v1\.([0-9]+)\.[0-9]+$/;

/** The chart values this component sets. */
export interface ClusterAutoscalerValues {
  /** The cloud provider. */
  readonly cloudProvider: "aws";
  /** The region of the Auto Scaling groups. */
  readonly awsRegion: string;
  /** Auto-discovery of the Auto Scaling groups by tag. */
  readonly autoDiscovery: { readonly clusterName: string; readonly tags: readonly string[] };
  /** The image: its tag matches the cluster's Kubernetes minor. */
  readonly image: { readonly repository: string; readonly tag: string };
  /** Names the chart's objects `cluster-autoscaler`. */
  readonly nameOverride: string;
  /** Names the chart's objects `cluster-autoscaler`. */
  readonly fullnameOverride: string;
  /** The ServiceAccount, with the IRSA role annotation. */
  readonly rbac: { readonly serviceAccount: { readonly create: boolean; readonly name: string; readonly annotations: Readonly<Record<string, string>> } };
  /** Command-line flags, `name: value`. */
  readonly extraArgs: Readonly<Record<string, string | number | boolean>>;
  /** The priority expander's node-group priorities. */
  readonly expanderPriorities?: Readonly<Record<string, readonly string[]>>;
  /** The number of Pods (one is active: they elect a leader). */
  readonly replicaCount: number;
  /** The container's resources. */
  readonly resources: ContainerResources;
  /** The chart's own ServiceMonitor: off, the component renders one from `metrics`. */
  readonly serviceMonitor: { readonly enabled: boolean };
}

/** The props of {@link clusterAutoscaler}. */
export const clusterAutoscalerProps = z
  .object({
    namespace: namespaceProp("kube-system", "the autoscaler, its HelmRepository and HelmRelease"),
    version: chartVersionProp(CLUSTER_AUTOSCALER_CHART),
    kubernetesVersion: z.enum(KUBERNETES_VERSIONS).describe(`The cluster's Kubernetes minor (${KUBERNETES_VERSIONS.join(", ")}); the autoscaler image of the same minor is used.`),
    imageTag: z
      .string()
      .regex(IMAGE_TAG, "expected a Cluster Autoscaler release tag such as v1.35.0")
      .optional()
      .describe("The image tag, to run another patch release; its minor must be the cluster's. Default: the pinned tag of kubernetesVersion."),
    clusterName: z
      .string()
      .regex(/^[a-zA-Z0-9][-a-zA-Z0-9_]*$/, "expected an EKS cluster name (letters, digits, '-' and '_')")
      .describe("The cluster's name: Auto Scaling groups tagged k8s.io/cluster-autoscaler/enabled and k8s.io/cluster-autoscaler/<clusterName> are managed."),
    awsRegion: z.string().regex(AWS_REGION, "expected an AWS region such as eu-west-1").describe("The AWS region of the Auto Scaling groups."),
    roleArn: roleArn()
      .optional()
      .describe(`The IAM role the autoscaler assumes through IRSA (the ${IRSA_ANNOTATION} annotation of its ServiceAccount). Default: none (the node's instance role, or EKS Pod Identity).`),
    expander: z
      .array(z.enum(EXPANDERS))
      .min(1)
      .default(["least-waste"])
      .describe("The expanders that choose the node group to grow, tried in order to break ties (--expander). priority needs priorities. Default: [least-waste]."),
    priorities: z
      .record(z.string().regex(/^[0-9]+$/, "expected a priority number"), z.array(z.string().min(1)).min(1))
      .optional()
      .describe("For the priority expander: node-group name regexes by priority, highest first wins, e.g. { \"50\": [\".*spot.*\"], \"10\": [\".*\"] }. Default: none."),
    scaleDown: z
      .object({
        enabled: z.boolean().default(true).describe("Whether nodes are removed at all (--scale-down-enabled). Default: true."),
        delayAfterAdd: duration().default("10m").describe("How long after a scale-up scale-down resumes (--scale-down-delay-after-add). Default: 10m."),
        unneededTime: duration().default("10m").describe("How long a node must be unneeded before it is removed (--scale-down-unneeded-time). Default: 10m."),
        utilizationThreshold: z
          .number()
          .gt(0)
          .max(1)
          .default(0.5)
          .describe("The requested-resources share below which a node is unneeded (--scale-down-utilization-threshold). Default: 0.5."),
      })
      .strict()
      .prefault({})
      .describe("When underused nodes are removed."),
    balanceSimilarNodeGroups: z.boolean().default(false).describe("Whether similar node groups (e.g. one per zone) are kept the same size (--balance-similar-node-groups). Default: false."),
    replicas: z.number().int().min(1).default(1).describe("The number of Pods; one is active, the others wait as leader-election standbys. Default: 1."),
    resources: resourcesProp({ cpu: "100m", memory: "300Mi", memoryLimit: "600Mi" }, "the autoscaler Pod"),
    metrics: metricsSchema.optional(),
    values: valuesProp("cluster-autoscaler"),
  })
  .strict()
  .superRefine((props, ctx) => {
    const minor = props.imageTag === undefined ? undefined : IMAGE_TAG.exec(props.imageTag)?.[1];
    if (minor !== undefined && `1.${minor}` !== props.kubernetesVersion) {
      ctx.addIssue({ code: "custom", path: ["imageTag"], message: `${props.imageTag} is Cluster Autoscaler 1.${minor}, but the cluster runs Kubernetes ${props.kubernetesVersion}: use a v${props.kubernetesVersion}.x tag` });
    }
    const usesPriority = props.expander.includes("priority");
    if (usesPriority && props.priorities === undefined) ctx.addIssue({ code: "custom", path: ["priorities"], message: "the priority expander needs priorities" });
    if (!usesPriority && props.priorities !== undefined) ctx.addIssue({ code: "custom", path: ["priorities"], message: "priorities are read only by the priority expander: add it to expander" });
  });

/** The input of {@link clusterAutoscaler}, with `values` typed by the chart values this component knows. */
export type ClusterAutoscalerProps = Omit<z.input<typeof clusterAutoscalerProps>, "values"> & {
  /** Chart values merged last, over what the component sets. @default none */
  readonly values?: ValuesOverride<ClusterAutoscalerValues>;
};

/**
 * Renders the Cluster Autoscaler for AWS: in the controllers layer the
 * autoscaler HelmRepository and a HelmRelease (in kube-system by default)
 * with auto-discovery by cluster-name tags, the IRSA role on its
 * ServiceAccount and the image of the cluster's Kubernetes minor; with
 * `metrics`, a ServiceMonitor in the configs layer.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function clusterAutoscaler(input: ClusterAutoscalerProps): Component {
  const props = parseProps(clusterAutoscalerProps, input, "clusterAutoscaler");
  const { namespace } = props;
  const image = CLUSTER_AUTOSCALER_IMAGES[props.kubernetesVersion];
  const values: ClusterAutoscalerValues = {
    cloudProvider: "aws",
    awsRegion: props.awsRegion,
    autoDiscovery: { clusterName: props.clusterName, tags: ["k8s.io/cluster-autoscaler/enabled", `k8s.io/cluster-autoscaler/${props.clusterName}`] },
    image: { repository: image.repository, tag: props.imageTag ?? image.tag },
    nameOverride: CLUSTER_AUTOSCALER_RELEASE,
    fullnameOverride: CLUSTER_AUTOSCALER_RELEASE,
    rbac: { serviceAccount: { create: true, name: CLUSTER_AUTOSCALER_RELEASE, annotations: props.roleArn === undefined ? {} : { [IRSA_ANNOTATION]: props.roleArn } } },
    extraArgs: {
      logtostderr: true,
      stderrthreshold: "info",
      v: 4,
      expander: props.expander.join(","),
      "scale-down-enabled": props.scaleDown.enabled,
      "scale-down-delay-after-add": props.scaleDown.delayAfterAdd,
      "scale-down-unneeded-time": props.scaleDown.unneededTime,
      "scale-down-utilization-threshold": props.scaleDown.utilizationThreshold,
      "balance-similar-node-groups": props.balanceSimilarNodeGroups,
    },
    ...(props.priorities === undefined ? {} : { expanderPriorities: props.priorities }),
    replicaCount: props.replicas,
    resources: props.resources,
    serviceMonitor: { enabled: false },
  };
  const monitors = monitorsFor(props.metrics, {
    name: CLUSTER_AUTOSCALER_RELEASE,
    namespace,
    selector: { "app.kubernetes.io/instance": CLUSTER_AUTOSCALER_RELEASE, "app.kubernetes.io/name": CLUSTER_AUTOSCALER_RELEASE },
    port: "http",
  });
  return {
    name: "cluster-autoscaler",
    controllers: helmChart<ClusterAutoscalerValues>({
      name: CLUSTER_AUTOSCALER_RELEASE,
      namespace,
      createNamespace: false,
      chart: CLUSTER_AUTOSCALER_CHART,
      version: props.version,
      source: "cluster-autoscaler",
      values,
      overrides: props.values,
    }),
    ...(monitors.length > 0 ? { configs: monitors } : {}),
  };
}
