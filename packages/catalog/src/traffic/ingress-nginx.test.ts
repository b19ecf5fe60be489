import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles, releaseValues } from "../../test/validate-components.ts";
import { ingressNginx } from "./ingress-nginx.ts";

const renders = [
  { file: "ingress-nginx.default", build: () => ingressNginx() },
  {
    file: "ingress-nginx.rich",
    build: () =>
      ingressNginx({
        namespace: "ingress",
        version: "4.15.0",
        replicas: 3,
        service: { type: "NodePort", annotations: { "example.org/lb": "internal" }, externalTrafficPolicy: "Local" },
        ingressClass: { name: "nginx-internal", default: true },
        config: { useForwardedHeaders: true, hstsMaxAge: 63072000, hstsPreload: true, extra: { "proxy-body-size": "16m", "ssl-redirect": "false" } },
        metrics: { labels: { release: "kube-prometheus-stack" } },
        values: { controller: { resources: { requests: { cpu: "100m", memory: "128Mi" } } } },
      }),
  },
] as const;

describe("ingressNginx", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  it("renders objects that validate against the pinned schemas and kustomize", async () => {
    await expectValidTree([renders[1].build()]);
    await expectValidTree([renders[0].build()]);
  });

  it("keeps the admission webhooks on, and the values override merges into the controller settings", () => {
    const values = releaseValues(renders[1].build());
    expect(values.controller.admissionWebhooks).toEqual({ enabled: true });
    expect(values.controller.replicaCount).toBe(3);
    expect(values.controller.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" } });
    expect(values.controller.config["ssl-redirect"]).toBe("false");
  });
});

const invalid = [
  {
    label: "an unknown config setting outside extra",
    build: () => ingressNginx({ config: { "proxy-body-size": "16m" } as never }),
    message: `ingressNginx: config: unknown field "proxy-body-size"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "no replicas and an IngressClass name that is not a DNS-1123 subdomain",
    build: () => ingressNginx({ replicas: 0, ingressClass: { name: "Nginx" } }),
    message: [
      "ingressNginx: replicas: Too small: expected number to be >=1",
      `ingressNginx: ingressClass.name: "Nginx" is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`,
    ].join("\n"),
  },
] as const;

describeRejections("ingressNginx", invalid);
