import { describe, expect, it } from "vitest";
import { configsComponent, emitComponent, expectValidTree, itMatchesGoldenFiles, thrownMessage } from "../../test/validate-components.ts";
import { acmeClusterIssuer, LETS_ENCRYPT_SERVERS } from "./acme-issuer.ts";

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
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(configsComponent("issuers", build())));

  it("renders ClusterIssuers that validate against the pinned cert-manager v1.21.1 CRD", async () => {
    await expectValidTree([configsComponent("issuers", renders.flatMap(({ build }) => build()))]);
  });
});

describe("acmeClusterIssuer rejects bad props", () => {
  it("rejects a plain-HTTP directory and a missing solver", () => {
    expect(thrownMessage(() => acmeClusterIssuer({ name: "le", server: "http://acme.example.org/directory", email: "ops@example.org", accountKeySecretName: "le-key" }))).toBe(
      ['acmeClusterIssuer "le": server: expected an https:// URL', 'acmeClusterIssuer "le": give a solver: cloudflare (DNS-01) and/or http01'].join("\n"),
    );
  });
});
