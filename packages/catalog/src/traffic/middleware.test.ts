import { describe, expect, it } from "vitest";
import { configsComponent, describeRejections, emitComponent, expectValidTree } from "../../test/validate-components.ts";
import { middleware } from "./middleware.ts";

/** One Middleware of each kind with defaults only. */
const defaults = () => [
  middleware({ name: "forward-auth", namespace: "edge", forwardAuth: { address: "http://ak-outpost-authentik-embedded-outpost.authentik:9000/outpost.goauthentik.io/auth/traefik" } }),
  middleware({ name: "basic-auth", namespace: "edge", basicAuth: { secretName: "dashboard-users" } }),
  middleware({ name: "security-headers", namespace: "edge", headers: {} }),
  middleware({ name: "https-redirect", namespace: "edge", redirectScheme: {} }),
  middleware({ name: "strip-api", namespace: "edge", stripPrefix: { prefixes: ["/api"] } }),
  middleware({ name: "rate-limit", namespace: "edge", rateLimit: { average: 100 } }),
  middleware({ name: "lan-only", namespace: "edge", ipAllowList: { sourceRange: ["192.168.0.0/16"] } }),
];

/** One Middleware of each kind with every option. */
const rich = () => [
  middleware({
    name: "forward-auth",
    namespace: "edge",
    forwardAuth: {
      address: "http://ak-outpost-authentik-embedded-outpost.authentik:9000/outpost.goauthentik.io/auth/traefik",
      trustForwardHeader: true,
      authResponseHeaders: ["X-authentik-username", "X-authentik-groups", "X-authentik-email"],
      authRequestHeaders: ["Cookie", "Authorization"],
    },
  }),
  middleware({ name: "basic-auth", namespace: "edge", basicAuth: { secretName: "dashboard-users", realm: "dashboard", removeHeader: false } }),
  middleware({
    name: "security-headers",
    namespace: "edge",
    headers: {
      stsSeconds: 63072000,
      stsPreload: true,
      referrerPolicy: "no-referrer",
      contentSecurityPolicy: "default-src 'self'",
      permissionsPolicy: "camera=(), microphone=()",
      customRequestHeaders: { "X-Forwarded-Proto": "https" },
      customResponseHeaders: { Server: "", "X-Robots-Tag": "noindex" },
    },
  }),
  middleware({ name: "https-redirect", namespace: "edge", redirectScheme: { scheme: "https", permanent: false, port: 8443 } }),
  middleware({ name: "strip-api", namespace: "edge", stripPrefix: { prefixes: ["/api", "/v1"] } }),
  middleware({ name: "rate-limit", namespace: "edge", rateLimit: { average: 300, burst: 100, period: "1m", sourceDepth: 1 } }),
  middleware({ name: "lan-only", namespace: "edge", ipAllowList: { sourceRange: ["192.168.0.0/16", "10.0.0.1", "fd00::/8"], depth: 2 } }),
];

describe("middleware", () => {
  it.each([
    { file: "middleware.default", build: defaults },
    { file: "middleware.rich", build: rich },
  ])("renders $file as its golden file", async ({ file, build }) => {
    await expect(emitComponent(configsComponent("edge", build(), "edge"))).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it("renders Middlewares of every kind that validate against the pinned CRD", async () => {
    await expectValidTree([configsComponent("edge", [...defaults(), ...rich().map((object) => Object.assign(object, { metadata: { ...object.metadata, name: `${object.metadata!.name}-rich` } }))], "edge")]);
  });

  it("leaves HSTS out when stsSeconds is 0", () => {
    expect(middleware({ name: "h", namespace: "edge", headers: { stsSeconds: 0 } }).spec.headers).toEqual({ frameDeny: true, contentTypeNosniff: true, referrerPolicy: "strict-origin-when-cross-origin" });
  });
});

const invalid = [
  {
    label: "no kind",
    build: () => middleware({ name: "m", namespace: "edge" }),
    message: `middleware "m": give exactly one of forwardAuth, basicAuth, headers, redirectScheme, stripPrefix, rateLimit, ipAllowList (chain several Middlewares on a route instead)`,
  },
  {
    label: "two kinds",
    build: () => middleware({ name: "m", namespace: "edge", headers: {}, redirectScheme: {} }),
    message: `middleware "m": headers and redirectScheme cannot be given together: give exactly one of forwardAuth, basicAuth, headers, redirectScheme, stripPrefix, rateLimit, ipAllowList (chain several Middlewares on a route instead)`,
  },
  {
    label: "a forwardAuth address that is not a URL, and an allow list entry that is not an address",
    build: () => middleware({ name: "m", namespace: "edge", forwardAuth: { address: "authentik:9000" }, ipAllowList: { sourceRange: ["lan"] } }),
    message: [
      `middleware "m": forwardAuth.address: expected an http:// or https:// URL`,
      `middleware "m": ipAllowList.sourceRange[0]: expected an IP address or CIDR range such as 10.0.0.0/8`,
      `middleware "m": forwardAuth and ipAllowList cannot be given together: give exactly one of forwardAuth, basicAuth, headers, redirectScheme, stripPrefix, rateLimit, ipAllowList (chain several Middlewares on a route instead)`,
    ].join("\n"),
  },
  {
    label: "a prefix without its slash and a rate without a period unit",
    build: () => middleware({ name: "m", namespace: "edge", stripPrefix: { prefixes: ["api"] }, rateLimit: { average: 1, period: "60" } }),
    message: [
      `middleware "m": stripPrefix.prefixes[0]: a prefix starts with /`,
      `middleware "m": rateLimit.period: expected a duration such as 1s or 1m`,
      `middleware "m": stripPrefix and rateLimit cannot be given together: give exactly one of forwardAuth, basicAuth, headers, redirectScheme, stripPrefix, rateLimit, ipAllowList (chain several Middlewares on a route instead)`,
    ].join("\n"),
  },
] as const;

describeRejections("middleware", invalid);
