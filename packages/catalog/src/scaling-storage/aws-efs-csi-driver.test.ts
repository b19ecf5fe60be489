import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees } from "../../test/validate-components.ts";
import { awsEfsCsiDriver } from "./aws-efs-csi-driver.ts";
import { efsStorageClass } from "./efs-storage-class.ts";

const renders = [
  { file: "aws-efs-csi-driver.default", build: () => awsEfsCsiDriver({ storageClass: { fileSystemId: "fs-0123456789abcdef0" } }) },
  {
    file: "aws-efs-csi-driver.rich",
    build: () =>
      awsEfsCsiDriver({
        version: "4.4.1",
        roleArn: "arn:aws:iam::123456789012:role/efs-csi-controller",
        nodeRoleArn: "arn:aws:iam::123456789012:role/efs-csi-node",
        deleteAccessPointRootDir: true,
        storageClass: {
          name: "efs-shared",
          fileSystemId: "fs-0123456789abcdef0",
          directoryPerms: "750",
          basePath: "/dynamic",
          gidRange: { start: 1000, end: 2000 },
          reclaimPolicy: "Retain",
          volumeBindingMode: "WaitForFirstConsumer",
          mountOptions: ["tls", "iam"],
          isDefault: true,
        },
        values: { controller: { tags: { environment: "production" } } },
      }),
  },
] as const;

describe("awsEfsCsiDriver", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  itRendersValidTrees(renders, ({ build }) => [build()]);

  it("renders a StorageClass of the EFS provisioner with an access point per volume", () => {
    const storageClass = efsStorageClass({ fileSystemId: "fs-01234567", uid: 1000, gid: 1000 });
    expect(storageClass.provisioner).toBe("efs.csi.aws.com");
    expect(storageClass.parameters).toEqual({ provisioningMode: "efs-ap", fileSystemId: "fs-01234567", directoryPerms: "700", uid: "1000", gid: "1000" });
  });
});

const invalid = [
  {
    label: "a missing file system",
    build: () => awsEfsCsiDriver({ storageClass: {} } as never),
    message: `awsEfsCsiDriver: storageClass.fileSystemId: Invalid input: expected string, received undefined`,
  },
  {
    label: "a bad file system ID, permissions and base path",
    build: () => awsEfsCsiDriver({ roleArn: "efs", storageClass: { fileSystemId: "my-efs", directoryPerms: "rwx", basePath: "dynamic" } }),
    message: [
      `awsEfsCsiDriver: roleArn: expected an IAM role ARN such as arn:aws:iam::123456789012:role/my-role`,
      `awsEfsCsiDriver: storageClass.fileSystemId: expected an EFS file system ID such as fs-0123456789abcdef0`,
      `awsEfsCsiDriver: storageClass.directoryPerms: expected octal permissions such as 700`,
      `awsEfsCsiDriver: storageClass.basePath: expected an absolute path such as /dynamic`,
    ].join("\n"),
  },
  {
    label: "a uid without gid and a reversed gid range",
    build: () => efsStorageClass({ fileSystemId: "fs-01234567", uid: 1000, gidRange: { start: 2000, end: 1000 } }),
    message: [
      `efsStorageClass: gid: set uid and gid together`,
      `efsStorageClass: gidRange: start 2000 is after end 1000`,
      `efsStorageClass: gidRange: gidRange is not used when uid and gid are set: remove one`,
    ].join("\n"),
  },
] as const;

describeRejections("awsEfsCsiDriver", invalid);
