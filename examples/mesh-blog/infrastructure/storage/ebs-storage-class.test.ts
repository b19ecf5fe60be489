/**
 * ebsStorageClass(): the StorageClass it renders, and the errors its invalid props produce.
 */
import { describe, expect, it } from "vitest";
import { ebsStorageClass } from "./ebs-storage-class.ts";

describe("ebsStorageClass", () => {
  it("renders an encrypted, expandable gp3 default class whose volumes are kept and follow their first pod's zone", () => {
    const [storageClass] = ebsStorageClass().configs!.map((object) => JSON.parse(JSON.stringify(object)));
    expect(storageClass).toMatchObject({
      metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      reclaimPolicy: "Retain",
      allowVolumeExpansion: true,
      volumeBindingMode: "WaitForFirstConsumer",
    });
  });

  it("rejects a KMS key that is not an ARN", () => {
    expect(() => ebsStorageClass({ kmsKeyId: "alias/ebs" })).toThrow("ebsStorageClass: kmsKeyId: expected a KMS key ARN");
  });
});
