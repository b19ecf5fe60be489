/**
 * Catalog entries of the scaling-storage section: node and Pod
 * autoscaling, the metrics API, and storage classes for EFS and k3s's
 * local-path provisioner.
 */
import type { CatalogEntry } from "../catalog-entry.ts";
import {
  AWS_EFS_CSI_DRIVER_CHART,
  CLUSTER_AUTOSCALER_CHART,
  CLUSTER_AUTOSCALER_IMAGE_1_35,
  CLUSTER_AUTOSCALER_IMAGE_1_36,
  LOCAL_PATH_HELPER_IMAGE,
  METRICS_SERVER_CHART,
  VERTICAL_POD_AUTOSCALER_CHART,
} from "../versions.ts";
import { awsEfsCsiDriverProps } from "./aws-efs-csi-driver.ts";
import { clusterAutoscalerProps } from "./cluster-autoscaler.ts";
import { efsStorageClassProps } from "./efs-storage-class.ts";
import { localPathStorageProps } from "./local-path-storage.ts";
import { metricsServerProps } from "./metrics-server.ts";
import { verticalPodAutoscalerControllerProps } from "./vertical-pod-autoscaler-controller.ts";
import { verticalPodAutoscalerProps } from "./vertical-pod-autoscaler.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [
  {
    name: "metricsServer",
    group: "scaling-storage",
    summary:
      "metrics-server, the metrics.k8s.io API behind kubectl top and the HorizontalPodAutoscaler (controllers layer, kube-system), with a PodDisruptionBudget when it runs more than one replica, `--kubelet-insecure-tls` for self-signed kubelets, and with `metrics` a ServiceMonitor (configs layer). On k3s, disable the packaged one (`--disable metrics-server`).",
    props: metricsServerProps,
    example: `metricsServer({ replicas: 2, kubeletInsecureTls: true, metrics: {} })`,
    pins: [`metrics-server chart ${METRICS_SERVER_CHART.version} (metrics-server ${METRICS_SERVER_CHART.appVersion})`],
  },
  {
    name: "clusterAutoscaler",
    group: "scaling-storage",
    summary:
      "The Cluster Autoscaler for AWS (controllers layer, kube-system): Auto Scaling groups found by the k8s.io/cluster-autoscaler/<cluster> tags, the IRSA role on its ServiceAccount, the expander chain and scale-down settings, and the image of the cluster's Kubernetes minor (`kubernetesVersion`); with `metrics`, a ServiceMonitor (configs layer).",
    props: clusterAutoscalerProps,
    example: `clusterAutoscaler({ kubernetesVersion: "1.35", clusterName: "production", awsRegion: "eu-west-1", roleArn: "arn:aws:iam::123456789012:role/cluster-autoscaler", expander: ["least-waste"], metrics: {} })`,
    pins: [
      `cluster-autoscaler chart ${CLUSTER_AUTOSCALER_CHART.version}`,
      `cluster-autoscaler ${CLUSTER_AUTOSCALER_IMAGE_1_35.tag} (Kubernetes 1.35)`,
      `cluster-autoscaler ${CLUSTER_AUTOSCALER_IMAGE_1_36.tag} (Kubernetes 1.36)`,
    ],
  },
  {
    name: "verticalPodAutoscalerController",
    group: "scaling-storage",
    summary:
      "The Vertical Pod Autoscaler from the upstream kubernetes/autoscaler chart (controllers layer): its CRDs (created and replaced by Flux), the recommender, updater and admission controller, each with a toggle, replicas, resources and a PodDisruptionBudget when replicated.",
    props: verticalPodAutoscalerControllerProps,
    example: `verticalPodAutoscalerController({ updater: { enabled: false } })`,
    pins: [`vertical-pod-autoscaler chart ${VERTICAL_POD_AUTOSCALER_CHART.version} (VPA ${VERTICAL_POD_AUTOSCALER_CHART.appVersion})`],
  },
  {
    name: "verticalPodAutoscaler",
    group: "scaling-storage",
    summary:
      "A VerticalPodAutoscaler (autoscaling.k8s.io/v1, VPA 1.7.1) for one workload: its target, the update mode (Off, Initial, Recreate, InPlaceOrRecreate) and per-container minimum and maximum requests. Place it with the workload, after the VPA's CRDs.",
    props: verticalPodAutoscalerProps,
    example: `verticalPodAutoscaler({ name: "web", namespace: "web", targetRef: { name: "web" }, updateMode: "InPlaceOrRecreate", containerPolicies: [{ containerName: "web", minAllowed: { cpu: "50m", memory: "64Mi" }, maxAllowed: { cpu: "2", memory: "2Gi" } }] })`,
  },
  {
    name: "awsEfsCsiDriver",
    group: "scaling-storage",
    summary:
      "The AWS EFS CSI driver (controllers layer, kube-system) with the IRSA role on its controller's ServiceAccount, and its StorageClass (configs layer): efs.csi.aws.com provisioning an access point per volume on an existing file system.",
    props: awsEfsCsiDriverProps,
    example: `awsEfsCsiDriver({ roleArn: "arn:aws:iam::123456789012:role/efs-csi-controller", storageClass: { fileSystemId: "fs-0123456789abcdef0", basePath: "/dynamic" } })`,
    pins: [`aws-efs-csi-driver chart ${AWS_EFS_CSI_DRIVER_CHART.version}`],
  },
  {
    name: "efsStorageClass",
    group: "scaling-storage",
    summary: "An extra EFS StorageClass (efs.csi.aws.com, provisioningMode efs-ap), e.g. a second file system or a Retain class next to the one awsEfsCsiDriver renders.",
    props: efsStorageClassProps,
    example: `efsStorageClass({ name: "efs-retain", fileSystemId: "fs-0123456789abcdef0", reclaimPolicy: "Retain" })`,
  },
  {
    name: "localPathStorage",
    group: "scaling-storage",
    summary:
      "The settings of k3s's local-path provisioner (configs layer): the local-path-config ConfigMap of kube-system (nodePathMap, setup, teardown, helper Pod) and an optional Retain StorageClass that can become the default. k3s re-applies its packaged local-storage.yaml on every start: create /var/lib/rancher/k3s/server/manifests/local-storage.yaml.skip on the servers first (or disable local-storage and run the provisioner yourself).",
    props: localPathStorageProps,
    example: `localPathStorage({ nodePathMap: [{ node: "DEFAULT_PATH_FOR_NON_LISTED_NODES", paths: ["/mnt/data"] }], retainClass: { isDefault: true } })`,
    pins: [`local-path helper ${LOCAL_PATH_HELPER_IMAGE.repository}:${LOCAL_PATH_HELPER_IMAGE.tag}`],
  },
];
