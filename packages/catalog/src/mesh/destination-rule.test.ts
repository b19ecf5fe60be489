import { describe, expect, it } from "vitest";
import { configsComponent, describeRejections, emitObject, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { destinationRule } from "./destination-rule.ts";
import { sidecarInjection } from "./sidecar-injection.ts";

const renders = [
  { file: "destination-rule.default", build: () => destinationRule({ name: "reviews", namespace: "shop", host: "reviews" }) },
  {
    file: "destination-rule.rich",
    build: () =>
      destinationRule({
        name: "api",
        namespace: "shop",
        host: "api.shop.svc.cluster.local",
        loadBalancer: "LEAST_REQUEST",
        subsets: [
          { name: "v1", labels: { version: "v1" } },
          { name: "v2", labels: { version: "v2" } },
        ],
        connectionPool: { maxConnections: 100, connectTimeout: "2s", maxPendingRequests: 50, maxRequests: 200, maxRequestsPerConnection: 10, maxRetries: 3, idleTimeout: "5m" },
        outlierDetection: { consecutive5xxErrors: 3, interval: "5s", baseEjectionTime: "1m", maxEjectionPercent: 50 },
      }),
  },
  { file: "destination-rule.external", build: () => destinationRule({ name: "legacy", namespace: "shop", host: "legacy.shop.svc.cluster.local", tls: "DISABLE", outlierDetection: {} }) },
] as const;

describe("destinationRule", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitObject(build()));

  it("renders objects that pass kubeconform against the pinned Istio 1.30.3 CRDs, their CEL rules and kustomize build", async () => {
    await expectValidTree([configsComponent("shop", renders.map(({ build }) => build()), sidecarInjection("shop"))]);
  });

  it("asks for mesh mutual TLS by default", () => {
    expect(destinationRule({ name: "web", namespace: "shop", host: "web" }).spec?.trafficPolicy?.tls).toEqual({ mode: "ISTIO_MUTUAL" });
  });
});

const invalid = [
  {
    label: "a subset defined twice and a subset without labels",
    build: () => destinationRule({ name: "web", namespace: "shop", host: "web", subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v1", labels: {} }] }),
    message: [`destinationRule: subsets[1].name: subset v1 is defined twice`, `destinationRule: subsets[1].labels: name at least one label`].join("\n"),
  },
  {
    label: "a TLS mode the builder does not offer and an ejection percentage over 100",
    build: () => destinationRule({ name: "web", namespace: "shop", host: "web", tls: "MUTUAL" as never, outlierDetection: { maxEjectionPercent: 150 } }),
    message: [
      `destinationRule: tls: Invalid option: expected one of "ISTIO_MUTUAL"|"DISABLE"`,
      `destinationRule: outlierDetection.maxEjectionPercent: Too big: expected number to be <=100`,
    ].join("\n"),
  },
  {
    label: "a connect timeout that is not a duration",
    build: () => destinationRule({ name: "web", namespace: "shop", host: "web", connectionPool: { connectTimeout: "2 seconds" } }),
    message: `destinationRule: connectionPool.connectTimeout: expected a duration such as 250ms, 5s or 1m30s`,
  },
] as const;

describeRejections("destinationRule", invalid);
