/**
 * Catalog section: scaling-storage. Exports this section's components.
 */
export { metricsServer, metricsServerProps, METRICS_SERVER_RELEASE } from "./metrics-server.ts";
export type { MetricsServerProps, MetricsServerValues } from "./metrics-server.ts";
export { clusterAutoscaler, clusterAutoscalerProps, CLUSTER_AUTOSCALER_IMAGES, CLUSTER_AUTOSCALER_RELEASE, EXPANDERS } from "./cluster-autoscaler.ts";
export type { ClusterAutoscalerProps, ClusterAutoscalerValues } from "./cluster-autoscaler.ts";
export { verticalPodAutoscalerController, verticalPodAutoscalerControllerProps } from "./vertical-pod-autoscaler-controller.ts";
export type { VerticalPodAutoscalerControllerProps, VerticalPodAutoscalerValues } from "./vertical-pod-autoscaler-controller.ts";
export { verticalPodAutoscaler, verticalPodAutoscalerProps, containerPolicySchema, quantityValue, UPDATE_MODES } from "./vertical-pod-autoscaler.ts";
export type { ContainerPolicyInput, VerticalPodAutoscalerProps } from "./vertical-pod-autoscaler.ts";
export { awsEfsCsiDriver, awsEfsCsiDriverProps, EFS_CONTROLLER_SERVICE_ACCOUNT, EFS_NODE_SERVICE_ACCOUNT } from "./aws-efs-csi-driver.ts";
export type { AwsEfsCsiDriverProps, AwsEfsCsiDriverValues } from "./aws-efs-csi-driver.ts";
export { efsStorageClass, efsStorageClassProps, EFS_PROVISIONER, DEFAULT_CLASS_ANNOTATION } from "./efs-storage-class.ts";
export type { EfsStorageClassProps } from "./efs-storage-class.ts";
export { localPathStorage, localPathStorageProps, LOCAL_PATH_CONFIG, LOCAL_PATH_PROVISIONER, K3S_DEFAULT_STORAGE_PATH } from "./local-path-storage.ts";
export type { LocalPathStorageProps } from "./local-path-storage.ts";
