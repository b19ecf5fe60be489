/**
 * The block-storage StorageClass of the EKS cluster: gp3 volumes from the
 * Amazon EBS CSI driver, which EKS runs as a managed add-on (created with
 * the cluster, outside this tree). Postgres and Prometheus keep their data
 * on it; the content service's shared media goes to EFS instead.
 */
import type { Component } from "@typed-gitops/catalog";
import { objectName, parseProps } from "@typed-gitops/lib";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { z } from "zod";

/** The provisioner name of the Amazon EBS CSI driver. */
export const EBS_PROVISIONER = "ebs.csi.aws.com";

/** The props of {@link ebsStorageClass}. */
export const ebsStorageClassProps = z
  .object({
    name: objectName().default("gp3").describe("The StorageClass's name. Default: gp3."),
    kmsKeyId: z
      .string()
      .regex(/^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key\/[-0-9a-f]+$/, "expected a KMS key ARN such as arn:aws:kms:eu-west-1:123456789012:key/…")
      .optional()
      .describe("The KMS key the volumes are encrypted with. Default: the account's default EBS key."),
    isDefault: z.boolean().default(true).describe("Whether this is the cluster's default StorageClass. Default: true."),
  })
  .strict();

/** The input of {@link ebsStorageClass}. */
export type EbsStorageClassProps = z.input<typeof ebsStorageClassProps>;

/**
 * Renders (configs layer) an encrypted gp3 StorageClass whose volumes are
 * created in the zone of the first pod that uses them (WaitForFirstConsumer),
 * can grow, and are kept when their claim is deleted.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function ebsStorageClass(input: EbsStorageClassProps = {}): Component {
  const props = parseProps(ebsStorageClassProps, input, "ebsStorageClass");
  return {
    name: "ebs-storage",
    configs: [
      new StorageClass({
        metadata: { name: props.name, ...(props.isDefault ? { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } : {}) },
        provisioner: EBS_PROVISIONER,
        parameters: { type: "gp3", encrypted: "true", ...(props.kmsKeyId === undefined ? {} : { kmsKeyId: props.kmsKeyId }) },
        reclaimPolicy: "Retain",
        allowVolumeExpansion: true,
        volumeBindingMode: "WaitForFirstConsumer",
      }),
    ],
  };
}
