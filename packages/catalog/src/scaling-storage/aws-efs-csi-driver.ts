/**
 * The AWS EFS CSI driver as a component: the driver (a controller that
 * creates access points, a DaemonSet that mounts them) and a StorageClass
 * for dynamic provisioning on an existing EFS file system.
 */
import { parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import type { Component } from "../component.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { type ValuesOverride } from "../shared/merge-values.ts";
import { AWS_EFS_CSI_DRIVER_CHART } from "../versions.ts";
import { efsStorageClass, efsStorageClassProps } from "./efs-storage-class.ts";
import { IRSA_ANNOTATION, roleArn } from "./irsa.ts";

/** The controller's ServiceAccount, which the IAM role's trust policy names. */
export const EFS_CONTROLLER_SERVICE_ACCOUNT = "efs-csi-controller-sa";

/** The node DaemonSet's ServiceAccount. */
export const EFS_NODE_SERVICE_ACCOUNT = "efs-csi-node-sa";

/** The ServiceAccount values of the chart's controller or node. */
export interface EfsServiceAccountValues {
  readonly create: boolean;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The chart values this component sets. */
export interface AwsEfsCsiDriverValues {
  /** The controller (access point management). */
  readonly controller: {
    readonly serviceAccount: EfsServiceAccountValues;
    /** Whether deleting a volume also deletes its directory's data. */
    readonly deleteAccessPointRootDir: boolean;
  };
  /** The node DaemonSet (mounts). */
  readonly node: { readonly serviceAccount: EfsServiceAccountValues };
  /** The chart's own StorageClasses: none, the component renders a typed one. */
  readonly storageClasses: readonly unknown[];
}

/** The props of {@link awsEfsCsiDriver}. */
export const awsEfsCsiDriverProps = z
  .object({
    namespace: namespaceProp("kube-system", "the driver, its HelmRepository and HelmRelease"),
    version: chartVersionProp(AWS_EFS_CSI_DRIVER_CHART),
    roleArn: roleArn()
      .optional()
      .describe(
        `The IAM role the controller assumes through IRSA (the ${IRSA_ANNOTATION} annotation of ${EFS_CONTROLLER_SERVICE_ACCOUNT}); it needs the elasticfilesystem access-point permissions. Default: none (the node's instance role, or EKS Pod Identity).`,
      ),
    nodeRoleArn: roleArn().optional().describe(`The IAM role of the node DaemonSet (${EFS_NODE_SERVICE_ACCOUNT}), for IAM-authorized mounts. Default: none.`),
    deleteAccessPointRootDir: z
      .boolean()
      .default(false)
      .describe("Whether deleting a volume also deletes its directory and data, not only its access point. Default: false (data stays on the file system)."),
    storageClass: efsStorageClassProps.describe("The StorageClass for dynamic provisioning (efsStorageClass props); fileSystemId is required."),
    values: valuesProp("aws-efs-csi-driver"),
  })
  .strict();

/** The input of {@link awsEfsCsiDriver}, with `values` typed by the chart values this component knows. */
export type AwsEfsCsiDriverProps = Omit<z.input<typeof awsEfsCsiDriverProps>, "values"> & {
  /** Chart values merged last, over what the component sets. @default none */
  readonly values?: ValuesOverride<AwsEfsCsiDriverValues>;
};

function serviceAccount(name: string, role: string | undefined): EfsServiceAccountValues {
  return { create: true, name, annotations: role === undefined ? {} : { [IRSA_ANNOTATION]: role } };
}

/**
 * Renders the EFS CSI driver: in the controllers layer the driver's
 * HelmRepository and a HelmRelease (in kube-system by default) with the
 * IRSA role on the controller's ServiceAccount; in the configs layer the
 * StorageClass (`efs.csi.aws.com`, provisioningMode `efs-ap`).
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function awsEfsCsiDriver(input: AwsEfsCsiDriverProps): Component {
  const props = parseProps(awsEfsCsiDriverProps, input, "awsEfsCsiDriver");
  const { namespace } = props;
  const values: AwsEfsCsiDriverValues = {
    controller: { serviceAccount: serviceAccount(EFS_CONTROLLER_SERVICE_ACCOUNT, props.roleArn), deleteAccessPointRootDir: props.deleteAccessPointRootDir },
    node: { serviceAccount: serviceAccount(EFS_NODE_SERVICE_ACCOUNT, props.nodeRoleArn) },
    storageClasses: [],
  };
  return {
    name: "aws-efs-csi-driver",
    controllers: helmChart<AwsEfsCsiDriverValues>({
      name: "aws-efs-csi-driver",
      namespace,
      createNamespace: false,
      chart: AWS_EFS_CSI_DRIVER_CHART,
      version: props.version,
      source: "aws-efs-csi-driver",
      values,
      overrides: props.values,
    }),
    configs: [efsStorageClass(input.storageClass)],
  };
}
