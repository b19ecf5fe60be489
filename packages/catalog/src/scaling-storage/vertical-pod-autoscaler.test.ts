import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { quantityValue, verticalPodAutoscaler } from "./vertical-pod-autoscaler.ts";

const renders = [
  { file: "vertical-pod-autoscaler.default", build: () => verticalPodAutoscaler({ name: "web", namespace: "web", targetRef: { name: "web" } }) },
  {
    file: "vertical-pod-autoscaler.rich",
    build: () =>
      verticalPodAutoscaler({
        name: "postgres",
        namespace: "data",
        targetRef: { kind: "StatefulSet", name: "postgres" },
        updateMode: "InPlaceOrRecreate",
        minReplicas: 1,
        containerPolicies: [
          { containerName: "postgres", minAllowed: { cpu: "250m", memory: "512Mi" }, maxAllowed: { cpu: "4", memory: "8Gi" }, controlledValues: "RequestsOnly" },
          { containerName: "exporter", mode: "Off" },
          { minAllowed: { memory: "32Mi" }, controlledResources: ["memory"] },
        ],
      }),
  },
] as const;

describe("verticalPodAutoscaler", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent({ name: "vpa", apps: [build()] }));

  it("renders objects that validate against the pinned VPA 1.7.1 CRD with kubeconform and its CEL rules", async () => {
    const objects = renders.map(({ build }) => build());
    await expectValidTree([{ name: "vpa", apps: [new Namespace({ metadata: { name: "web" } }), new Namespace({ metadata: { name: "data" } }), ...objects] }]);
  }, 300_000);

  it("compares quantities across units", () => {
    expect(quantityValue("1")).toBe(1);
    expect(quantityValue("250m")).toBe(0.25);
    expect(quantityValue("1Gi")).toBe(1024 ** 3);
    expect(quantityValue("1e3")).toBe(1000);
    expect(quantityValue("lots")).toBeUndefined();
  });
});

const invalid = [
  {
    label: "an update mode the component does not offer",
    build: () => verticalPodAutoscaler({ name: "web", namespace: "web", targetRef: { name: "web" }, updateMode: "Auto" as never }),
    message: `verticalPodAutoscaler: updateMode: Invalid option: expected one of "Off"|"Initial"|"Recreate"|"InPlaceOrRecreate"`,
  },
  {
    label: "a minimum above the maximum, two policies for one container and a bad quantity",
    build: () =>
      verticalPodAutoscaler({
        name: "web",
        namespace: "web",
        targetRef: { name: "web" },
        containerPolicies: [
          { containerName: "web", minAllowed: { cpu: "2", memory: "1Gi" }, maxAllowed: { cpu: "500m", memory: "2Gi" } },
          { containerName: "web", maxAllowed: { memory: "lots" } },
        ],
      }),
    message: [
      `verticalPodAutoscaler: containerPolicies[0].minAllowed.cpu: cpu 2 is more than maxAllowed.cpu 500m`,
      `verticalPodAutoscaler: containerPolicies[1].maxAllowed.memory: expected a Kubernetes quantity such as 100m, 512Mi or 2Gi`,
      `verticalPodAutoscaler: containerPolicies[1].containerName: container "web" has two policies`,
    ].join("\n"),
  },
  {
    label: "a missing target",
    build: () => verticalPodAutoscaler({ name: "web", namespace: "web" } as never),
    message: `verticalPodAutoscaler: targetRef: Invalid input: expected object, received undefined`,
  },
] as const;

describeRejections("verticalPodAutoscaler", invalid);
