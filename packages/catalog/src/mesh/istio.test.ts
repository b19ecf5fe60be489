import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { ISTIOD_CHART } from "../versions.ts";
import { authorizationPolicy } from "./authorization-policy.ts";
import { destinationRule } from "./destination-rule.ts";
import { gatewayCertificate } from "./gateway-certificate.ts";
import { gateway } from "./gateway.ts";
import { istio } from "./istio.ts";
import { sidecarInjection } from "./sidecar-injection.ts";
import { virtualService } from "./virtual-service.ts";

const rich = () =>
  istio({
    version: "1.30.3",
    revision: "1-30",
    meshConfig: {
      accessLogFile: "/dev/stdout",
      accessLogEncoding: "JSON",
      outboundTrafficPolicy: "REGISTRY_ONLY",
      enableTracing: true,
      tracingSampling: 10,
      holdApplicationUntilProxyStarts: false,
      trustDomain: "example.org",
    },
    pilot: { autoscale: { min: 2, max: 4 }, resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } } },
    proxy: { resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "1", memory: "256Mi" } } },
    ingressGateway: {
      namespace: "edge",
      service: { type: "LoadBalancer", annotations: { "metallb.universe.tf/loadBalancerIPs": "192.0.2.10" }, externalTrafficPolicy: "Local" },
      replicas: 2,
      resources: { requests: { cpu: "100m", memory: "128Mi" } },
    },
    mtls: "STRICT",
    defaultDeny: true,
    metrics: { interval: "1m", labels: { release: "kube-prometheus-stack" } },
    values: { istiod: { env: { PILOT_ENABLE_ALPHA_GATEWAY_API: "false" } }, gateway: { podDisruptionBudget: { minAvailable: 1 } } },
  });

const renders = [
  { file: "istio.default", build: () => istio() },
  { file: "istio.rich", build: rich },
  { file: "istio.minimal", build: () => istio({ ingressGateway: { enabled: false }, mtls: "PERMISSIVE" }) },
] as const;

describe("istio", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  it("renders trees that pass kubeconform against the pinned Istio 1.30.3 CRDs, their CEL rules and kustomize build", async () => {
    for (const build of [() => istio(), rich]) {
      await expectValidTree([build()]);
    }
  });

  it("validates with an application behind the ingress gateway: certificate, gateway, routes, subsets and allow policies", async () => {
    const shop = {
      name: "shop",
      controllers: [sidecarInjection("shop")],
      configs: [
        gatewayCertificate({ name: "shop-tls", hosts: ["shop.example.com"], issuer: { name: "letsencrypt-production" } }),
        gateway({ name: "shop", servers: [{ hosts: ["shop.example.com"], credentialName: "shop-tls" }] }),
        virtualService({ name: "shop", namespace: "shop", hosts: ["shop.example.com"], gateways: ["istio-ingress/shop"], http: [{ route: [{ host: "web", subset: "stable" }] }] }),
        destinationRule({ name: "web", namespace: "shop", host: "web", subsets: [{ name: "stable", labels: { track: "stable" } }] }),
        authorizationPolicy.defaultDeny("shop"),
        authorizationPolicy.allow({ name: "allow-ingress-to-web", namespace: "shop", to: { app: "web" }, from: [{ ingressGateway: true }], ports: [8080] }),
      ],
    };
    await expectValidTree([istio({ defaultDeny: true }), shop]);
  });

  it("pins the charts of Istio 1.30.3, the release whose CRDs the schema store pins", () => {
    expect(ISTIOD_CHART.version).toBe("1.30.3");
  });

  it("installs the CNI agent and istiod after istio-base, and the ingress gateway after istiod, into its injected namespace", () => {
    const objects = istio().controllers!;
    const release = (name: string) => objects.find((object) => object.kind === "HelmRelease" && object.metadata?.name === name) as unknown as { spec: Record<string, unknown> };
    expect(release("istio-cni").spec.dependsOn).toEqual([{ name: "istio-base" }]);
    expect(release("istiod").spec.dependsOn).toEqual([{ name: "istio-base" }, { name: "istio-cni" }]);
    expect(release("istio-ingressgateway").spec.dependsOn).toEqual([{ name: "istiod" }]);
    expect(release("istio-ingressgateway").spec.targetNamespace).toBe("istio-ingress");
    const namespace = objects.find((object) => object.kind === "Namespace" && object.metadata?.name === "istio-ingress");
    expect(namespace?.metadata?.labels).toEqual({ "istio-injection": "enabled" });
  });

  it("makes injected pods need no privileged istio-init: istiod relies on the CNI agent, unless cni is off", () => {
    const istiodValues = (component: ReturnType<typeof istio>) =>
      (component.controllers!.find((object) => object.kind === "HelmRelease" && object.metadata?.name === "istiod") as unknown as { spec: { values: Record<string, unknown> } }).spec.values;
    expect(istiodValues(istio()).pilot).toEqual({ cni: { enabled: true } });
    const withoutCni = istio({ cni: false });
    expect(istiodValues(withoutCni).pilot).toBeUndefined();
    expect(withoutCni.controllers!.some((object) => object.metadata?.name === "istio-cni")).toBe(false);
  });

  it("labels the gateway namespace for the revision when istiod has one", () => {
    const namespace = rich().controllers!.find((object) => object.kind === "Namespace" && object.metadata?.name === "edge");
    expect(namespace?.metadata?.labels).toEqual({ "istio.io/rev": "1-30" });
  });
});

const invalid = [
  {
    label: "an unknown prop and an unknown mesh option",
    build: () => istio({ mTLS: "STRICT", meshConfig: { accessLog: "/dev/stdout" } } as never),
    message: [
      `istio: meshConfig: unknown field "accessLog"\n  hint: remove it, or check its spelling against the documented props`,
      `istio: unknown field "mTLS"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
  {
    label: "an outbound traffic policy Istio does not know",
    build: () => istio({ meshConfig: { outboundTrafficPolicy: "DENY" as never } }),
    message: `istio: meshConfig.outboundTrafficPolicy: Invalid option: expected one of "ALLOW_ANY"|"REGISTRY_ONLY"`,
  },
  {
    label: "a chart version range and tracing sampling without tracing",
    build: () => istio({ version: "1.30.x", meshConfig: { tracingSampling: 5 } }),
    message: [
      `istio: version: "1.30.x" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
      `istio: meshConfig.tracingSampling: needs enableTracing: true`,
    ].join("\n"),
  },
  {
    label: "replicas and autoscale together, and an inverted autoscale range",
    build: () => istio({ pilot: { replicas: 2, autoscale: { min: 1, max: 3 } }, ingressGateway: { autoscale: { min: 3, max: 2 } } }),
    message: [`istio: pilot.autoscale: give replicas or autoscale, not both`, `istio: ingressGateway.autoscale.max: max must be at least min`].join("\n"),
  },
  {
    label: "a revision that is not a DNS-1123 label and a resource quantity that is not one",
    build: () => istio({ revision: "1.30", proxy: { resources: { requests: { memory: "lots" } } } }),
    message: [
      `istio: revision: "1.30" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
      `istio: proxy.resources.requests.memory: expected a Kubernetes quantity such as 100m, 512Mi or 2Gi`,
    ].join("\n"),
  },
] as const;

describeRejections("istio", invalid);
