import { describe, it } from "vitest";
import { configsComponent, describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { gatewayApiGateway } from "./gateway.ts";

const renders = [
  { file: "gateway.default", build: () => [gatewayApiGateway({ name: "internal", namespace: "traefik", listeners: [{ name: "http", protocol: "HTTP", port: 8000 }] })] },
  {
    file: "gateway.rich",
    build: () => [
      gatewayApiGateway({
        name: "public",
        namespace: "traefik",
        gatewayClassName: "traefik",
        annotations: { "example.org/owner": "platform" },
        listeners: [
          { name: "http", protocol: "HTTP", port: 8000, allowedRoutes: "All" },
          { name: "https", protocol: "HTTPS", port: 8443, hostname: "*.example.org", certificateRefs: [{ name: "wildcard-example-org-tls" }], allowedRoutes: { namespaceLabels: { "gateway-access": "public" } } },
          { name: "https-apex", protocol: "HTTPS", port: 8443, hostname: "example.org", certificateRefs: [{ name: "example-org-tls", namespace: "certs" }], allowedRoutes: "Same" },
        ],
      }),
    ],
  },
] as const;

describe("gatewayApiGateway", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(configsComponent("gateways", build(), "traefik")));

  it("renders Gateways that validate against the Gateway API v1.6.1 CRD and its CEL rules", async () => {
    await expectValidTree([configsComponent("gateways", renders.flatMap(({ build }) => build()), "traefik")]);
  });
});

const invalid = [
  {
    label: "an HTTPS listener without certificates and an HTTP listener with some",
    build: () =>
      gatewayApiGateway({
        name: "g",
        namespace: "traefik",
        listeners: [
          { name: "https", protocol: "HTTPS", port: 8443 },
          { name: "http", protocol: "HTTP", port: 8000, certificateRefs: [{ name: "tls" }] },
        ],
      }),
    message: ['gatewayApiGateway "g": listeners[0].certificateRefs: is required for an HTTPS listener', 'gatewayApiGateway "g": listeners[1].certificateRefs: is not allowed for an HTTP listener'].join("\n"),
  },
  {
    label: "two listeners with one name, and two on the same port, protocol and hostname",
    build: () =>
      gatewayApiGateway({
        name: "g",
        namespace: "traefik",
        listeners: [
          { name: "web", protocol: "HTTP", port: 8000 },
          { name: "web", protocol: "HTTP", port: 8000 },
        ],
      }),
    message: [
      'gatewayApiGateway "g": listeners[1].name: "web" is used by another listener: listener names must be unique',
      'gatewayApiGateway "g": listeners[1]: another listener has the same port, protocol and hostname (8000, HTTP, any host)',
    ].join("\n"),
  },
  {
    label: "no listener",
    build: () => gatewayApiGateway({ name: "g", namespace: "traefik", listeners: [] }),
    message: 'gatewayApiGateway "g": listeners: give at least one listener',
  },
  {
    label: "a listener hostname with upper case and a port out of range",
    build: () => gatewayApiGateway({ name: "g", namespace: "traefik", listeners: [{ name: "http", protocol: "HTTP", port: 70000, hostname: "Example.org" }] }),
    message: [
      'gatewayApiGateway "g": listeners[0].port: Too big: expected number to be <=65535',
      `gatewayApiGateway "g": listeners[0].hostname: "Example.org" is not a host name or wildcard such as example.org or *.example.org: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`,
    ].join("\n"),
  },
] as const;

describeRejections("gatewayApiGateway", invalid);
