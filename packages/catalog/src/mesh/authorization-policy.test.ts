import { describe, expect, it } from "vitest";
import { configsComponent, describeRejections, emitObject, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { authorizationPolicy } from "./authorization-policy.ts";
import { sidecarInjection } from "./sidecar-injection.ts";

const renders = [
  { file: "authorization-policy.default-deny", build: () => authorizationPolicy.defaultDeny("shop") },
  {
    file: "authorization-policy.allow",
    build: () =>
      authorizationPolicy.allow({
        name: "allow-web-to-api",
        namespace: "shop",
        to: { app: "api" },
        from: [{ namespace: "shop", serviceAccount: "web" }, { ingressGateway: true }, { namespace: "monitoring" }, { namespace: "batch", serviceAccount: "reports" }],
        ports: [8080],
        methods: ["GET", "POST"],
        paths: ["/api/*"],
      }),
  },
  { file: "authorization-policy.allow-namespace", build: () => authorizationPolicy.allow({ name: "allow-shop", namespace: "shop", from: [{ namespace: "shop" }] }) },
  {
    file: "authorization-policy.rules",
    build: () =>
      authorizationPolicy({
        name: "deny-admin",
        namespace: "shop",
        action: "DENY",
        selector: { app: "api" },
        rules: [{ from: [{ notNamespaces: ["shop"] }], to: [{ paths: ["/admin*"], ports: [8080] }], when: [{ key: "request.headers[x-tenant]", values: ["internal"] }] }],
      }),
  },
] as const;

describe("authorizationPolicy", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitObject(build()));

  it("renders objects that pass kubeconform against the pinned Istio 1.30.3 CRDs, their CEL rules and kustomize build", async () => {
    await expectValidTree([configsComponent("shop", renders.map(({ build }) => build()), sidecarInjection("shop"))]);
  });

  it("denies everything with an empty spec", () => {
    expect(authorizationPolicy.defaultDeny("shop").toJSON()).toEqual({ apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: { name: "default-deny", namespace: "shop" }, spec: {} });
  });

  it("writes service accounts as SPIFFE principals of the trust domain, and the ingress gateway as its service account", () => {
    const policy = authorizationPolicy.allow({
      name: "allow",
      namespace: "shop",
      from: [{ namespace: "shop", serviceAccount: "web" }, { ingressGateway: { namespace: "edge", serviceAccount: "public-gateway" } }],
      trustDomain: "example.org",
    });
    expect(policy.spec?.rules).toEqual([{ from: [{ source: { principals: ["example.org/ns/shop/sa/web", "example.org/ns/edge/sa/public-gateway"] } }] }]);
  });
});

const invalid = [
  {
    label: "callers that name nothing, a service account without its namespace, and the ingress gateway mixed with a namespace",
    build: () => authorizationPolicy.allow({ name: "allow", namespace: "shop", from: [{}, { serviceAccount: "web" }, { ingressGateway: true, namespace: "shop" }] }),
    message: [
      `authorizationPolicy.allow: from[0]: give namespace, { namespace, serviceAccount } or ingressGateway`,
      `authorizationPolicy.allow: from[1]: serviceAccount needs namespace`,
      `authorizationPolicy.allow: from[2]: give ingressGateway alone, or namespace with an optional serviceAccount`,
    ].join("\n"),
  },
  {
    label: "no callers, a path without a leading slash and a port out of range",
    build: () => authorizationPolicy.allow({ name: "allow", namespace: "shop", from: [], paths: ["api"], ports: [0] }),
    message: [
      `authorizationPolicy.allow: from: name at least one caller`,
      `authorizationPolicy.allow: ports[0]: expected a port from 1 to 65535`,
      `authorizationPolicy.allow: paths[0]: expected a path starting with / (or a * suffix match)`,
    ].join("\n"),
  },
  {
    label: "a namespace that is not a DNS-1123 label for a default deny",
    build: () => authorizationPolicy.defaultDeny("Shop"),
    message: `authorizationPolicy.defaultDeny: namespace: "Shop" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
  },
  {
    label: "an action Istio's ALLOW/DENY/AUDIT does not know and an unknown rule field",
    build: () => authorizationPolicy({ name: "p", namespace: "shop", action: "REJECT" as never, rules: [{ source: {} } as never] }),
    message: [
      `authorizationPolicy: action: Invalid option: expected one of "ALLOW"|"DENY"|"AUDIT"`,
      `authorizationPolicy: rules[0]: unknown field "source"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
] as const;

describeRejections("authorizationPolicy", invalid);
