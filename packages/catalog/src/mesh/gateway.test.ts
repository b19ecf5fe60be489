import { describe, expect, it } from "vitest";
import { emitObject, expectValidTree, itMatchesGoldenFiles, thrownMessage } from "../../test/validate-components.ts";
import { gatewayCertificate } from "./gateway-certificate.ts";
import { gateway } from "./gateway.ts";
import { sidecarInjection } from "./sidecar-injection.ts";

const renders = [
  { file: "gateway.default", build: () => gateway({ name: "shop", servers: [{ hosts: ["shop.example.com"], credentialName: "shop-tls" }] }) },
  {
    file: "gateway.rich",
    build: () =>
      gateway({
        name: "public",
        namespace: "edge",
        selector: { istio: "edge-gateway" },
        servers: [
          { hosts: ["shop.example.com", "www.shop.example.com"], credentialName: "shop-tls", minProtocolVersion: "TLSV1_3" },
          { hosts: ["*.apps.example.com", "apps/api.example.com"], credentialName: "apps-wildcard-tls" },
        ],
        httpsRedirect: false,
      }),
  },
  { file: "gateway-certificate.default", build: () => gatewayCertificate({ name: "shop-tls", hosts: ["shop.example.com"], issuer: { name: "letsencrypt-production" } }) },
  { file: "gateway-certificate.rich", build: () => gatewayCertificate({ name: "apps-wildcard-tls", namespace: "edge", hosts: ["*.apps.example.com", "apps.example.com"], issuer: { name: "internal-ca", kind: "Issuer" } }) },
] as const;

describe("gateway and gatewayCertificate", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitObject(build()));

  it("renders objects that pass kubeconform against the pinned Istio and cert-manager CRDs, their CEL rules and kustomize build", async () => {
    await expectValidTree([{ name: "shop-gateway", controllers: [sidecarInjection("istio-ingress"), sidecarInjection("edge")], configs: renders.map(({ build }) => build()) }]);
  });

  it("redirects HTTP to HTTPS for every host by default", () => {
    const servers = gateway({ name: "shop", servers: [{ hosts: ["shop.example.com"], credentialName: "shop-tls" }] }).spec?.servers ?? [];
    expect(servers[0]).toEqual({ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["shop.example.com"], tls: { httpsRedirect: true } });
  });
});

const invalid = [
  {
    label: "a gateway without servers and with a wildcard selector",
    build: () => gateway({ name: "shop", selector: { istio: "*" }, servers: [] }),
    message: [`gateway: selector: label istio: wildcards are not allowed in a workload selector`, `gateway: servers: name at least one server`].join("\n"),
  },
  {
    label: "a host with an upper-case letter and a certificate used by two servers",
    build: () =>
      gateway({
        name: "shop",
        servers: [
          { hosts: ["Shop.example.com"], credentialName: "shop-tls" },
          { hosts: ["www.example.com"], credentialName: "shop-tls" },
        ],
      }),
    message: [
      `gateway: servers[0].hosts[0]: expected a host such as shop.example.com, *.example.com or shop/shop.example.com`,
      `gateway: servers[1].credentialName: is already used by servers[0]: give each certificate one server, with all its hosts`,
    ].join("\n"),
  },
  {
    label: "a certificate without an issuer",
    build: () => gatewayCertificate({ name: "shop-tls", hosts: ["shop.example.com"] } as never),
    message: `gatewayCertificate: issuer: Invalid input: expected object, received undefined`,
  },
] as const;

describe("gateway and gatewayCertificate reject bad props", () => {
  it.each(invalid)("rejects $label, naming every problem", ({ build, message }) => {
    expect(thrownMessage(build)).toBe(message);
  });
});
