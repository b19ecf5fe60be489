import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees } from "../../test/validate-components.ts";
import { VERTICAL_POD_AUTOSCALER_CHART } from "../versions.ts";
import { verticalPodAutoscalerController } from "./vertical-pod-autoscaler-controller.ts";

const renders = [
  { file: "vertical-pod-autoscaler-controller.default", build: () => verticalPodAutoscalerController() },
  {
    file: "vertical-pod-autoscaler-controller.rich",
    build: () =>
      verticalPodAutoscalerController({
        namespace: "vpa",
        version: "0.11.0",
        recommender: { replicas: 1, extraArgs: ["--pod-recommendation-min-cpu-millicores=15"], resources: { requests: { memory: "1Gi" }, limits: { memory: "2Gi" } } },
        updater: { enabled: false },
        admissionController: { enabled: false },
        values: { admissionController: { mutatingWebhookConfiguration: { failurePolicy: "Ignore" } } },
      }),
  },
] as const;

describe("verticalPodAutoscalerController", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  itRendersValidTrees(renders, ({ build }) => [build()]);

  it("pins the upstream chart that deploys VPA 1.7.1, the version of the pinned CRD", () => {
    expect(VERTICAL_POD_AUTOSCALER_CHART).toMatchObject({ version: "0.11.0", appVersion: "1.7.1", repository: "https://kubernetes.github.io/autoscaler" });
  });
});

const invalid = [
  {
    label: "an unknown prop",
    build: () => verticalPodAutoscalerController({ recommender: { enable: false } } as never),
    message: `verticalPodAutoscalerController: recommender: unknown field "enable"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "an updater without a recommender, and a flag that is not one",
    build: () => verticalPodAutoscalerController({ recommender: { enabled: false }, updater: { extraArgs: ["min-replicas=1"] } }),
    message: [
      `verticalPodAutoscalerController: updater.extraArgs[0]: expected a flag such as --pod-recommendation-min-cpu-millicores=25`,
      `verticalPodAutoscalerController: recommender.enabled: the updater and admission controller act on the recommender's recommendations: keep it enabled, or disable them too`,
    ].join("\n"),
  },
] as const;

describeRejections("verticalPodAutoscalerController", invalid);
