import { describe, expect, it } from "vitest";
import { emitComponent, thrownMessage, validateComponents } from "../../test/validate-components.ts";
import type { Component } from "../component.ts";
import { acmeClusterIssuer, LETS_ENCRYPT_SERVERS } from "./acme-issuer.ts";

const asComponent = (objects: Component["configs"]): Component => ({ name: "issuers", configs: objects });

const renders = [
  {
    file: "acme-issuer.default",
    build: () => [acmeClusterIssuer({ name: "letsencrypt", server: LETS_ENCRYPT_SERVERS.production, email: "ops@example.org", accountKeySecretName: "letsencrypt-account-key", http01: { ingressClassName: "nginx" } })],
  },
  {
    file: "acme-issuer.rich",
    build: () => [
      acmeClusterIssuer({
        name: "zerossl",
        server: "https://acme.zerossl.com/v2/DV90",
        email: "ops@example.org",
        accountKeySecretName: "zerossl-account-key",
        cloudflare: { apiToken: { secretName: "cloudflare-api-token", key: "api-token" }, dnsZones: ["example.org"] },
        http01: { gateway: { name: "public", namespace: "traefik", sectionName: "http" } },
      }),
    ],
  },
] as const;

describe("acmeClusterIssuer", () => {
  it.each(renders)("renders $file as its golden file", async ({ file, build }) => {
    await expect(emitComponent(asComponent(build()))).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it("renders ClusterIssuers that validate against the pinned cert-manager v1.21.1 CRD", async () => {
    const result = await validateComponents([asComponent(renders.flatMap(({ build }) => build()))]);
    expect(result.problems).toEqual([]);
  });
});

describe("acmeClusterIssuer rejects bad props", () => {
  it("rejects a plain-HTTP directory and a missing solver", () => {
    expect(thrownMessage(() => acmeClusterIssuer({ name: "le", server: "http://acme.example.org/directory", email: "ops@example.org", accountKeySecretName: "le-key" }))).toBe(
      ['acmeClusterIssuer "le": server: expected an https:// URL', 'acmeClusterIssuer "le": give a solver: cloudflare (DNS-01) and/or http01'].join("\n"),
    );
  });
});
