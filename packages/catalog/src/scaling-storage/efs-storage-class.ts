/**
 * A StorageClass of the AWS EFS CSI driver (`efs.csi.aws.com`) with
 * dynamic provisioning: each PersistentVolumeClaim gets an EFS access
 * point (its own directory, owner and permissions) on one file system.
 */
import { objectName, parseProps } from "@typed-gitops/lib";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { z } from "zod";

/** The provisioner name of the AWS EFS CSI driver. */
export const EFS_PROVISIONER = "efs.csi.aws.com";

/** The annotation that makes a StorageClass the cluster's default. */
export const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

const posixId = z.number().int().min(0).max(2 ** 31 - 1);

/** The props of {@link efsStorageClass}. */
export const efsStorageClassProps = z
  .object({
    name: objectName().default("efs").describe("The StorageClass's name. Default: efs."),
    fileSystemId: z.string().regex(/^fs-[0-9a-f]{8,17}$/, "expected an EFS file system ID such as fs-0123456789abcdef0").describe("The EFS file system the access points are created on."),
    directoryPerms: z.string().regex(/^[0-7]{3,4}$/, "expected octal permissions such as 700").default("700").describe("The permissions of each volume's root directory. Default: 700."),
    basePath: z
      .string()
      .regex(/^\/[^\0]*$/, "expected an absolute path such as /dynamic")
      .optional()
      .describe("The directory of the file system the volume directories are created under. Default: the file system's root."),
    uid: posixId.optional().describe("The POSIX user that owns each volume directory and that the access point enforces. Default: one from the gid range."),
    gid: posixId.optional().describe("The POSIX group, as uid. Default: one from the gid range."),
    gidRange: z
      .object({ start: posixId.describe("The first gid."), end: posixId.describe("The last gid.") })
      .strict()
      .optional()
      .describe("The range each volume's gid is taken from, when uid/gid are not set. Default: the driver's, 50000 to 7000000."),
    reclaimPolicy: z.enum(["Delete", "Retain"]).default("Delete").describe("What happens to a volume (its access point and data) when its claim is deleted. Default: Delete."),
    volumeBindingMode: z.enum(["Immediate", "WaitForFirstConsumer"]).default("Immediate").describe("When volumes are provisioned; EFS is regional, so Immediate is fine. Default: Immediate."),
    mountOptions: z.array(z.string().min(1)).default(["tls"]).describe("The mount options; tls encrypts traffic to EFS. Default: [tls]."),
    isDefault: z.boolean().default(false).describe(`Whether this is the cluster's default StorageClass (the ${DEFAULT_CLASS_ANNOTATION} annotation). Default: false.`),
  })
  .strict()
  .superRefine((props, ctx) => {
    if ((props.uid === undefined) !== (props.gid === undefined)) ctx.addIssue({ code: "custom", path: [props.uid === undefined ? "uid" : "gid"], message: "set uid and gid together" });
    if (props.gidRange !== undefined && props.gidRange.start > props.gidRange.end) ctx.addIssue({ code: "custom", path: ["gidRange"], message: `start ${props.gidRange.start} is after end ${props.gidRange.end}` });
    if (props.gidRange !== undefined && props.uid !== undefined) ctx.addIssue({ code: "custom", path: ["gidRange"], message: "gidRange is not used when uid and gid are set: remove one" });
  });

/** The input of {@link efsStorageClass}. */
export type EfsStorageClassProps = z.input<typeof efsStorageClassProps>;

/**
 * An EFS StorageClass provisioning an access point per volume
 * (`provisioningMode: efs-ap`) on `fileSystemId`.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function efsStorageClass(input: EfsStorageClassProps): StorageClass {
  const props = parseProps(efsStorageClassProps, input, "efsStorageClass");
  const parameters: Record<string, string> = {
    provisioningMode: "efs-ap",
    fileSystemId: props.fileSystemId,
    directoryPerms: props.directoryPerms,
    ...(props.basePath === undefined ? {} : { basePath: props.basePath }),
    ...(props.uid === undefined ? {} : { uid: String(props.uid) }),
    ...(props.gid === undefined ? {} : { gid: String(props.gid) }),
    ...(props.gidRange === undefined ? {} : { gidRangeStart: String(props.gidRange.start), gidRangeEnd: String(props.gidRange.end) }),
  };
  return new StorageClass({
    metadata: { name: props.name, ...(props.isDefault ? { annotations: { [DEFAULT_CLASS_ANNOTATION]: "true" } } : {}) },
    provisioner: EFS_PROVISIONER,
    parameters,
    reclaimPolicy: props.reclaimPolicy,
    volumeBindingMode: props.volumeBindingMode,
    ...(props.mountOptions.length === 0 ? {} : { mountOptions: props.mountOptions }),
  });
}
