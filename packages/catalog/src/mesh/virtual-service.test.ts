import { describe, it } from "vitest";
import { configsComponent, describeRejections, emitObject, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { sidecarInjection } from "./sidecar-injection.ts";
import { virtualService } from "./virtual-service.ts";

const renders = [
  { file: "virtual-service.default", build: () => virtualService({ name: "reviews", namespace: "shop", hosts: ["reviews"], http: [{ route: [{ host: "reviews" }] }] }) },
  {
    file: "virtual-service.rich",
    build: () =>
      virtualService({
        name: "shop",
        namespace: "shop",
        hosts: ["shop.example.com"],
        gateways: ["istio-ingress/shop", "mesh"],
        http: [
          {
            name: "api-canary",
            match: [{ uri: { prefix: "/api" }, headers: { "X-Canary": { exact: "always" } }, method: "GET" }, { uri: { regex: "^/v2/.*" }, port: 8080 }],
            route: [
              { host: "api.shop.svc.cluster.local", port: 8080, subset: "v1", weight: 90 },
              { host: "api.shop.svc.cluster.local", port: 8080, subset: "v2", weight: 10 },
            ],
            rewriteUri: "/",
            timeout: "10s",
            retries: { attempts: 3, perTryTimeout: "2s", retryOn: "5xx,reset,connect-failure" },
          },
          { route: [{ host: "web", port: 80 }], timeout: "30s" },
        ],
      }),
  },
] as const;

describe("virtualService", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitObject(build()));

  it("renders objects that pass kubeconform against the pinned Istio 1.30.3 CRDs, their CEL rules and kustomize build", async () => {
    await expectValidTree([configsComponent("shop", renders.map(({ build }) => build()), sidecarInjection("shop"))]);
  });
});

const route = { route: [{ host: "web" }] };

const invalid = [
  {
    label: "weights that do not add up to 100",
    build: () => virtualService({ name: "web", namespace: "shop", hosts: ["web"], http: [{ route: [{ host: "web", subset: "v1", weight: 80 }, { host: "web", subset: "v2", weight: 10 }] }] }),
    message: `virtualService: http[0].route: weights must add up to 100, got 90`,
  },
  {
    label: "several destinations of which one has no weight",
    build: () => virtualService({ name: "web", namespace: "shop", hosts: ["web"], http: [{ route: [{ host: "web", subset: "v1", weight: 100 }, { host: "web", subset: "v2" }] }] }),
    message: `virtualService: http[0].route: give every destination a weight when there are several`,
  },
  {
    label: "a URI match with two kinds, a zero timeout and a gateway that is not <namespace>/<name>",
    build: () => virtualService({ name: "web", namespace: "shop", hosts: ["web"], gateways: ["Istio Ingress"], http: [{ ...route, match: [{ uri: { prefix: "/", exact: "/" } }], timeout: "0s" }] }),
    message: [
      `virtualService: gateways[0]: expected mesh or <namespace>/<gateway>`,
      `virtualService: http[0].match[0].uri: give exactly one of exact, prefix or regex`,
      `virtualService: http[0].timeout: must be at least 1ms`,
    ].join("\n"),
  },
  {
    label: "no routes and no hosts",
    build: () => virtualService({ name: "web", namespace: "shop", hosts: [], http: [] }),
    message: [`virtualService: hosts: name at least one host`, `virtualService: http: name at least one route`].join("\n"),
  },
] as const;

describeRejections("virtualService", invalid);
