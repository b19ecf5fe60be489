import { describe, expect, it } from "vitest";
import { configsComponent, describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { certManager } from "../certificates/cert-manager.ts";
import { ingressRoute } from "./ingress-route.ts";

const httpOnly = certManager({ letsEncrypt: { email: "ops@example.org", http01: { ingressClassName: "traefik" } } }).issuers;

const renders = [
  { file: "ingress-route.default", build: () => ingressRoute({ name: "web", namespace: "web", hosts: ["web.example.org"], routes: [{ services: [{ name: "web", port: 80 }] }] }) },
  {
    file: "ingress-route.rich",
    build: () =>
      ingressRoute({
        name: "shop",
        namespace: "web",
        hosts: ["shop.example.org", "www.shop.example.org"],
        entryPoints: ["websecure", "internal"],
        middlewares: [{ name: "authentik", namespace: "authentik" }],
        routes: [
          { pathPrefix: "/api", services: [{ name: "api", port: 8080 }], middlewares: [{ name: "strip-api", namespace: "web" }], priority: 100 },
          { match: "Host(`shop.example.org`) && Header(`X-Canary`, `1`)", services: [{ name: "shop-canary", port: "http" }] },
          { services: [{ name: "shop", port: "http", weight: 9 }, { name: "shop-canary", port: "http", weight: 1 }] },
        ],
        tls: { issuer: httpOnly.production, secretName: "shop-tls", options: { name: "modern", namespace: "traefik" } },
      }),
  },
  { file: "ingress-route.secret", build: () => ingressRoute({ name: "docs", namespace: "web", hosts: ["docs.example.org"], routes: [{ services: [{ name: "docs", port: 80, namespace: "docs" }] }], tls: { secretName: "wildcard-tls" } }) },
] as const;

describe("ingressRoute", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(configsComponent("web", build(), "web")));

  it("renders objects that validate against the pinned schemas", async () => {
    await expectValidTree([configsComponent("web", renders.flatMap(({ build }) => build()), "web")]);
  });

  it("renders the Certificate of the hosts beside the IngressRoute when TLS comes from an issuer", () => {
    expect(renders[1].build().map((object) => object.kind)).toEqual(["IngressRoute", "Certificate"]);
    expect(renders[2].build().map((object) => object.kind)).toEqual(["IngressRoute"]);
  });
});

const invalid = [
  {
    label: "no host and no route",
    build: () => ingressRoute({ name: "web", namespace: "web", hosts: [], routes: [] }),
    message: ["ingressRoute \"web\": hosts: give at least one host", "ingressRoute \"web\": routes: give at least one route"].join("\n"),
  },
  {
    label: "a Service without a port, a raw rule with a path prefix, and TLS without a source",
    build: () => ingressRoute({ name: "web", namespace: "web", hosts: ["web.example.org"], routes: [{ match: "Host(`x`)", pathPrefix: "/x", services: [{ name: "web" }] }], tls: {} }),
    message: [
      "ingressRoute \"web\": routes[0].services[0].port: is required for a Service",
      "ingressRoute \"web\": routes[0].pathPrefix: cannot be given with match: put the path into the match rule",
      "ingressRoute \"web\": tls: give secretName, issuer, or both",
    ].join("\n"),
  },
  {
    label: "a path prefix without its leading slash",
    build: () => ingressRoute({ name: "web", namespace: "web", hosts: ["web.example.org"], routes: [{ pathPrefix: "api", services: [{ name: "web", port: 80 }] }] }),
    message: "ingressRoute \"web\": routes[0].pathPrefix: a path prefix starts with /",
  },
] as const;

describeRejections("ingressRoute", invalid);
