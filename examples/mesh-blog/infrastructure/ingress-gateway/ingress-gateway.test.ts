/**
 * ingressGateway(): the Certificates and the Gateway it renders, and the
 * errors its invalid props produce.
 */
import { describe, expect, it } from "vitest";
import { ingressGateway } from "./ingress-gateway.ts";

type Json = Record<string, any>;
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;

describe("ingressGateway", () => {
  const component = ingressGateway({
    sites: [
      { certificate: "a-tls", hosts: ["a.example.org", "www.a.example.org"], issuer: { name: "letsencrypt-production" } },
      { certificate: "b-tls", hosts: ["b.example.org"], issuer: { name: "letsencrypt-staging" } },
    ],
  });
  const [first, second, gateway] = component.configs!.map(json);

  it("renders a Certificate per site in the ingress gateway's namespace, then the Gateway", () => {
    expect([first, second, gateway].map((object) => `${object!.kind} ${object!.metadata.namespace}/${object!.metadata.name}`)).toEqual([
      "Certificate istio-ingress/a-tls",
      "Certificate istio-ingress/b-tls",
      "Gateway istio-ingress/public-gateway",
    ]);
    expect(second!.spec.issuerRef.name).toBe("letsencrypt-staging");
  });

  it("serves each site over HTTPS with its certificate, and redirects every host from HTTP", () => {
    expect(gateway!.spec.servers).toEqual([
      { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["a.example.org", "www.a.example.org", "b.example.org"], tls: { httpsRedirect: true } },
      { port: { number: 443, name: "https-a-tls", protocol: "HTTPS" }, hosts: ["a.example.org", "www.a.example.org"], tls: { mode: "SIMPLE", credentialName: "a-tls", minProtocolVersion: "TLSV1_2" } },
      { port: { number: 443, name: "https-b-tls", protocol: "HTTPS" }, hosts: ["b.example.org"], tls: { mode: "SIMPLE", credentialName: "b-tls", minProtocolVersion: "TLSV1_2" } },
    ]);
  });
});

it.each([
  { case: "a gateway without sites", input: { sites: [] }, error: "ingressGateway: sites: Too small" },
  { case: "a wildcard site", input: { sites: [{ certificate: "w", hosts: ["*.example.org"], issuer: { name: "x" } }] }, error: "ingressGateway: sites[0].hosts[0]: expected a host name" },
])("ingressGateway rejects $case", ({ input, error }) => {
  expect(() => ingressGateway(input)).toThrow(error);
});
