import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees } from "../../test/validate-components.ts";
import { METRICS_SERVER_CHART } from "../versions.ts";
import { metricsServer } from "./metrics-server.ts";

const renders = [
  { file: "metrics-server.default", build: () => metricsServer() },
  {
    file: "metrics-server.rich",
    build: () =>
      metricsServer({
        namespace: "monitoring",
        version: "3.13.0",
        replicas: 3,
        kubeletInsecureTls: true,
        resources: { requests: { cpu: "50m", memory: "100Mi" }, limits: { memory: "300Mi" } },
        metrics: { interval: "1m", labels: { release: "prometheus" } },
        values: { priorityClassName: "system-cluster-critical", replicas: 3 },
      }),
  },
] as const;

describe("metricsServer", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  itRendersValidTrees(renders, ({ build }) => [build()], { cluster: { preexisting: { namespaces: ["monitoring"], objects: [] } } });

  it("pins metrics-server 0.8.1 through chart 3.13.1", () => {
    expect(METRICS_SERVER_CHART).toMatchObject({ version: "3.13.1", appVersion: "0.8.1" });
  });

  it("keeps one Pod through drains with more than one replica, and renders no budget for a single one", () => {
    const budget = (replicas: number) => (metricsServer({ replicas }).controllers![1] as unknown as { spec: { values: { podDisruptionBudget: unknown } } }).spec.values.podDisruptionBudget;
    expect(budget(2)).toEqual({ enabled: true, minAvailable: 1 });
    expect(budget(1)).toEqual({ enabled: false });
  });
});

const invalid = [
  {
    label: "an unknown prop",
    build: () => metricsServer({ insecureTls: true } as never),
    message: `metricsServer: unknown field "insecureTls"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "no replicas, a bad memory quantity and a bad scrape interval",
    build: () => metricsServer({ replicas: 0, resources: { limits: { memory: "400 MB" } }, metrics: { interval: "1 minute" } }),
    message: [
      `metricsServer: replicas: Too small: expected number to be >=1`,
      `metricsServer: resources.limits.memory: expected a Kubernetes quantity such as 100m, 512Mi or 2Gi`,
      `metricsServer: metrics.interval: expected a Prometheus duration such as 30s or 1m`,
    ].join("\n"),
  },
] as const;

describeRejections("metricsServer", invalid);
