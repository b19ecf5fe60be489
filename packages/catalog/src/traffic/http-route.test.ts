import { describe, expect, it } from "vitest";
import { configsComponent, describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { httpRoute, httpsRedirectFilter, httpsRedirectRoute } from "./http-route.ts";

const renders = [
  { file: "http-route.default", build: () => [httpRoute({ name: "web", namespace: "web", parentRefs: [{ name: "public", namespace: "traefik" }], rules: [{ backendRefs: [{ name: "web", port: 80 }] }] })] },
  {
    file: "http-route.rich",
    build: () => [
      httpRoute({
        name: "shop",
        namespace: "web",
        parentRefs: [{ name: "public", namespace: "traefik", sectionName: "https" }],
        hostnames: ["shop.example.org", "*.shop.example.org"],
        rules: [
          {
            name: "api-canary",
            matches: [{ path: { value: "/api" }, headers: [{ name: "X-Canary", value: "always" }], method: "GET" }, { path: { type: "Exact", value: "/api/beta" }, queryParams: [{ name: "canary", value: "1" }] }],
            backendRefs: [{ name: "api-canary", port: 8080 }],
          },
          {
            name: "api",
            matches: [{ path: { value: "/api" } }],
            backendRefs: [
              { name: "api", port: 8080, weight: 90 },
              { name: "api-canary", port: 8080, weight: 10 },
            ],
            filters: [{ type: "RequestHeaderModifier", requestHeaderModifier: { set: [{ name: "X-Gateway", value: "public" }], remove: ["X-Internal"] } }],
            requestTimeout: "30s",
          },
          { backendRefs: [{ name: "shop", port: 80 }, { name: "shop-v2", namespace: "shop-v2", port: 80, weight: 0 }] },
        ],
      }),
      httpsRedirectRoute({ name: "shop-https-redirect", namespace: "web", parentRefs: [{ name: "public", namespace: "traefik", sectionName: "http" }] }),
    ],
  },
] as const;

describe("httpRoute", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(configsComponent("web", build(), "web")));

  it("renders HTTPRoutes that validate against the Gateway API v1.6.1 CRD and its CEL rules", async () => {
    await expectValidTree([configsComponent("web", renders.flatMap(({ build }) => build()), "web")]);
  });

  it("redirects to HTTPS with a permanent RequestRedirect filter", () => {
    expect(httpsRedirectFilter()).toEqual({ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } });
    const redirect = httpsRedirectRoute({ name: "r", namespace: "web", parentRefs: [{ name: "public" }] });
    expect(redirect.spec.rules![0]!.filters).toEqual([httpsRedirectFilter()]);
    expect(redirect.spec.rules![0]!.backendRefs).toBeUndefined();
  });
});

const invalid = [
  {
    label: "a rule with neither a backend nor a redirect, and one with both",
    build: () =>
      httpRoute({ name: "r", namespace: "web", parentRefs: [{ name: "public" }], rules: [{}, { redirectToHttps: true, backendRefs: [{ name: "web", port: 80 }] }] }),
    message: ['httpRoute "r": rules[0].backendRefs: give at least one backend, or redirectToHttps', 'httpRoute "r": rules[1].backendRefs: cannot be given with redirectToHttps: a redirect sends nothing to a backend'].join("\n"),
  },
  {
    label: "no Gateway, a path without its slash and a header name with a space",
    build: () => httpRoute({ name: "r", namespace: "web", parentRefs: [], rules: [{ matches: [{ path: { value: "api" }, headers: [{ name: "X Canary", value: "1" }] }], backendRefs: [{ name: "web", port: 80 }] }] }),
    message: [
      'httpRoute "r": parentRefs: give at least one Gateway',
      'httpRoute "r": rules[0].matches[0].path.value: a path starts with /',
      'httpRoute "r": rules[0].matches[0].headers[0].name: expected an HTTP header name such as X-Canary',
    ].join("\n"),
  },
  {
    label: "a filter that is not an object with a type",
    build: () => httpRoute({ name: "r", namespace: "web", parentRefs: [{ name: "public" }], rules: [{ backendRefs: [{ name: "web", port: 80 }], filters: ["redirect" as never] }] }),
    message: 'httpRoute "r": rules[0].filters[0]: expected a Gateway API HTTPRouteFilter { type, … }',
  },
] as const;

describeRejections("httpRoute", invalid);
