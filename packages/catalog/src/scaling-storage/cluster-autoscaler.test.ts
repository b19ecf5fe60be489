import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees, releaseValues } from "../../test/validate-components.ts";
import { CLUSTER_AUTOSCALER_CHART } from "../versions.ts";
import { clusterAutoscaler, CLUSTER_AUTOSCALER_IMAGES } from "./cluster-autoscaler.ts";

const minimal = { kubernetesVersion: "1.35", clusterName: "production", awsRegion: "eu-west-1" } as const;

const renders = [
  { file: "cluster-autoscaler.default", build: () => clusterAutoscaler(minimal) },
  {
    file: "cluster-autoscaler.rich",
    build: () =>
      clusterAutoscaler({
        kubernetesVersion: "1.36",
        imageTag: "v1.36.1",
        clusterName: "production-eu",
        awsRegion: "eu-central-1",
        roleArn: "arn:aws:iam::123456789012:role/cluster-autoscaler",
        expander: ["priority", "least-waste"],
        priorities: { "50": [".*spot.*"], "10": [".*"] },
        scaleDown: { delayAfterAdd: "5m", unneededTime: "15m", utilizationThreshold: 0.6 },
        balanceSimilarNodeGroups: true,
        replicas: 2,
        metrics: { interval: "1m" },
        values: { extraArgs: { "skip-nodes-with-local-storage": false } },
      }),
  },
] as const;

describe("clusterAutoscaler", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  itRendersValidTrees(renders, ({ build }) => [build()]);

  it("runs the autoscaler release of the cluster's Kubernetes minor", () => {
    expect(CLUSTER_AUTOSCALER_CHART.version).toBe("9.59.0");
    for (const [minor, image] of Object.entries(CLUSTER_AUTOSCALER_IMAGES)) {
      expect(image.tag.startsWith(`v${minor}.`)).toBe(true);
      expect(releaseValues(clusterAutoscaler({ ...minimal, kubernetesVersion: minor as "1.35" })).image.tag).toBe(image.tag);
    }
  });
});

const invalid = [
  {
    label: "missing required props",
    build: () => clusterAutoscaler({} as never),
    message: [
      `clusterAutoscaler: kubernetesVersion: Invalid option: expected one of "1.35"|"1.36"`,
      `clusterAutoscaler: clusterName: Invalid input: expected string, received undefined`,
      `clusterAutoscaler: awsRegion: Invalid input: expected string, received undefined`,
    ].join("\n"),
  },
  {
    label: "an image of another minor than the cluster's",
    build: () => clusterAutoscaler({ ...minimal, imageTag: "v1.36.0" }),
    message: `clusterAutoscaler: imageTag: v1.36.0 is Cluster Autoscaler 1.36, but the cluster runs Kubernetes 1.35: use a v1.35.x tag`,
  },
  {
    label: "the priority expander without priorities, a bad role ARN and region",
    build: () => clusterAutoscaler({ ...minimal, awsRegion: "Frankfurt", roleArn: "cluster-autoscaler", expander: ["priority"] }),
    message: [
      `clusterAutoscaler: awsRegion: expected an AWS region such as eu-west-1`,
      `clusterAutoscaler: roleArn: expected an IAM role ARN such as arn:aws:iam::123456789012:role/my-role`,
      `clusterAutoscaler: priorities: the priority expander needs priorities`,
    ].join("\n"),
  },
  {
    label: "priorities without the priority expander, and a threshold above 1",
    build: () => clusterAutoscaler({ ...minimal, priorities: { "10": [".*"] }, scaleDown: { utilizationThreshold: 1.5 } }),
    message: [
      `clusterAutoscaler: scaleDown.utilizationThreshold: Too big: expected number to be <=1`,
      `clusterAutoscaler: priorities: priorities are read only by the priority expander: add it to expander`,
    ].join("\n"),
  },
] as const;

describeRejections("clusterAutoscaler", invalid);
