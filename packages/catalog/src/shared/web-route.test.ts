import { describe, expect, it } from "vitest";
import { hostRule, webUiRoute } from "./web-route.ts";

describe("hostRule", () => {
  it("matches any of the hosts, and only under a path prefix when given", () => {
    expect(hostRule(["a.example.org"])).toBe("Host(`a.example.org`)");
    expect(hostRule(["a.example.org", "b.example.org"], "/api")).toBe("(Host(`a.example.org`) || Host(`b.example.org`)) && PathPrefix(`/api`)");
  });
});

describe("webUiRoute", () => {
  const base = { name: "ui", namespace: "tools", host: "ui.example.org", entryPoints: ["websecure"], backends: [{ name: "ui", port: 80 }] };

  it("serves the certificate it renders, named after the route by default", () => {
    const { certificate, route, objects } = webUiRoute({ ...base, certificate: { issuer: { name: "letsencrypt", kind: "ClusterIssuer" } } });
    expect(certificate?.spec).toEqual({ secretName: "ui-tls", dnsNames: ["ui.example.org"], issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: "letsencrypt" } });
    expect(route.spec.tls).toEqual({ secretName: "ui-tls" });
    expect(objects).toEqual([certificate, route]);
  });

  it("has no TLS section without a certificate, or an empty one for Traefik's default certificate", () => {
    expect(webUiRoute(base).route.spec.tls).toBeUndefined();
    expect(webUiRoute({ ...base, defaultTls: true }).route.spec.tls).toEqual({});
  });

  it("sends every rule through the middlewares and, for an HTTPS backend, through a ServersTransport that trusts its CA", () => {
    const { route, serversTransport, objects } = webUiRoute({
      ...base,
      middlewares: [{ name: "authentik", namespace: "authentik" }],
      backendTls: { name: "ui", serverName: "ui.tools.svc", caSecret: "ui-ca" },
    });
    expect(route.spec.routes[0]).toEqual({
      kind: "Rule",
      match: "Host(`ui.example.org`)",
      middlewares: [{ name: "authentik", namespace: "authentik" }],
      services: [{ name: "ui", port: 80, scheme: "https", serversTransport: "ui" }],
    });
    expect(serversTransport?.spec).toEqual({ serverName: "ui.tools.svc", rootCAs: [{ secret: "ui-ca" }] });
    expect(objects).toEqual([route, serversTransport]);
  });
});
