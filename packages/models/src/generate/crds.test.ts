import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { requireMirror } from "../../test/mirror.ts";
import { readCrds } from "./crds.ts";
import { UserError } from "./errors.ts";

// The Vertical Pod Autoscaler's CRDs serve autoscaling.k8s.io/v1 and still list v1beta2, not served.
const VPA = "crds/vertical-pod-autoscaler/vpa-v1-crd-gen.yaml";

describe("readCrds", () => {
  it("keeps only the served versions of each CRD", () => {
    const text = readFileSync(join(requireMirror(), VPA), "utf8");
    const { crds, kinds } = readCrds(text, VPA, ["autoscaling.k8s.io"]);
    expect(kinds).toEqual(["autoscaling.k8s.io/v1/VerticalPodAutoscalerCheckpoint", "autoscaling.k8s.io/v1/VerticalPodAutoscaler"]);
    expect(crds.map((crd) => crd.spec.versions.map((version) => version.name))).toEqual([["v1"], ["v1"]]);
  });

  it("rejects a CRD of an API group the set does not expect, naming the file and the kind", () => {
    const text = readFileSync(join(requireMirror(), VPA), "utf8");
    expect(() => readCrds(text, VPA, ["onepassword.com"])).toThrow(
      new UserError([
        {
          where: VPA,
          what: "CustomResourceDefinition VerticalPodAutoscalerCheckpoint is in API group autoscaling.k8s.io, not in onepassword.com",
          hint: "the pinned files of the set changed; check the set's groups in packages/models/src/generate/model-sets.ts",
        },
        {
          where: VPA,
          what: "CustomResourceDefinition VerticalPodAutoscaler is in API group autoscaling.k8s.io, not in onepassword.com",
          hint: "the pinned files of the set changed; check the set's groups in packages/models/src/generate/model-sets.ts",
        },
      ]),
    );
  });

  it("rejects a file without CustomResourceDefinitions", () => {
    expect(() => readCrds("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n", "ns.yaml", ["onepassword.com"])).toThrow(
      "ns.yaml: no apiextensions.k8s.io/v1 CustomResourceDefinition in the file",
    );
  });
});
