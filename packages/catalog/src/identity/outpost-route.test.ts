import { describe, expect, it } from "vitest";
import { thrownMessage } from "../../test/validate-components.ts";
import { authentikOutpostRoute } from "./outpost-route.ts";

describe("authentikOutpostRoute", () => {
  it("routes the outpost path of a protected host to authentik's server Service by default", () => {
    expect(authentikOutpostRoute({ host: "grafana.example.org" })).toEqual({
      kind: "Rule",
      match: "Host(`grafana.example.org`) && PathPrefix(`/outpost.goauthentik.io/`)",
      services: [{ kind: "Service", name: "authentik-server", namespace: "authentik", port: 80 }],
    });
  });

  it("routes to a dedicated outpost with an explicit priority", () => {
    expect(authentikOutpostRoute({ host: "grafana.example.org", namespace: "sso", service: "ak-outpost-proxy", port: 9000, priority: 100 })).toEqual({
      kind: "Rule",
      match: "Host(`grafana.example.org`) && PathPrefix(`/outpost.goauthentik.io/`)",
      priority: 100,
      services: [{ kind: "Service", name: "ak-outpost-proxy", namespace: "sso", port: 9000 }],
    });
  });

  it.each([
    {
      label: "a wildcard host and a port out of range",
      input: { host: "*.example.org", port: 70000 },
      message: [
        `authentikOutpostRoute: host: "*.example.org" is a wildcard: give one host name such as app.example.org`,
        "authentikOutpostRoute: port: Too big: expected number to be <=65535",
      ].join("\n"),
    },
  ])("rejects $label, naming every problem", ({ input, message }) => {
    expect(thrownMessage(() => authentikOutpostRoute(input))).toBe(message);
  });
});
