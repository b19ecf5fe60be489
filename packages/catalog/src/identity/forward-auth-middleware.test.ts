import { emitDocument } from "@typed-gitops/lib";
import { describe, expect, it } from "vitest";
import { thrownMessage } from "../../test/validate-components.ts";
import { authentikForwardAuthMiddleware } from "./forward-auth-middleware.ts";

describe("authentikForwardAuthMiddleware", () => {
  it("renders a ForwardAuth Middleware to the outpost's Traefik endpoint, as its golden file", async () => {
    const middleware = authentikForwardAuthMiddleware({ namespace: "authentik", outpostUrl: "http://ak-outpost-proxy.authentik.svc.cluster.local:9000" });
    await expect(emitDocument(middleware as unknown as Record<string, unknown>)).toMatchFileSnapshot("__golden__/forward-auth-middleware.default.yaml");
  });

  it.each([
    {
      label: "an outpost URL with a path and a namespace that is not a DNS-1123 label",
      input: { namespace: "Auth", outpostUrl: "http://authentik-server/outpost.goauthentik.io" },
      message: [
        `authentikForwardAuthMiddleware: namespace: "Auth" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
        "authentikForwardAuthMiddleware: outpostUrl: expected the outpost's base URL without a path, such as http://authentik-server.authentik.svc.cluster.local",
      ].join("\n"),
    },
  ])("rejects $label, naming every problem", ({ input, message }) => {
    expect(thrownMessage(() => authentikForwardAuthMiddleware(input))).toBe(message);
  });
});
