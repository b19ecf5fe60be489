import { describe, expect, it } from "vitest";
import { configsComponent, describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { certManager } from "./cert-manager.ts";
import { certificate } from "./certificate.ts";
import { certManagerIssuers } from "./issuer-refs.ts";

const cloudflare = { apiToken: { secretName: "cloudflare-api-token", key: "api-token" } };
const httpOnly = certManager({ letsEncrypt: { email: "ops@example.org", http01: { ingressClassName: "traefik" } } }).issuers;
const zoned = certManager({ letsEncrypt: { email: "ops@example.org", cloudflare: { ...cloudflare, dnsZones: ["example.org"] }, http01: { ingressClassName: "traefik" } } }).issuers;

const renders = [
  { file: "certificate.default", build: () => [certificate({ name: "web", namespace: "web", dnsNames: ["web.example.org"], issuerRef: certManagerIssuers.production })] },
  {
    file: "certificate.rich",
    build: () => [
      certificate({
        name: "wildcard-example-org",
        namespace: "web",
        dnsNames: ["example.org", "*.example.org"],
        secretName: "wildcard-example-org-tls",
        issuerRef: zoned.production,
        duration: "2160h",
        renewBefore: "360h",
        privateKey: { algorithm: "RSA", size: 4096 },
        secretLabels: { "reflector.example.org/share": "true" },
      }),
      certificate({ name: "internal", namespace: "web", dnsNames: ["internal.example.net"], issuerRef: { name: "internal-ca", kind: "Issuer" }, duration: "720h", renewBefore: "240h", privateKey: { algorithm: "Ed25519" } }),
    ],
  },
] as const;

describe("certificate", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(configsComponent("certs", build(), "web")));

  it("renders Certificates that validate against the pinned cert-manager v1.21.1 CRD", async () => {
    await expectValidTree([configsComponent("certs", renders.flatMap(({ build }) => build()), "web")]);
  });

  it("rotates an ECDSA P-256 key at every renewal by default", () => {
    expect(renders[0].build()[0]!.spec!.privateKey).toEqual({ algorithm: "ECDSA", size: 256, rotationPolicy: "Always" });
  });

  it("accepts a wildcard from an issuer it knows nothing about, or one whose DNS-01 zones cover it", () => {
    expect(() => certificate({ name: "w", namespace: "web", dnsNames: ["*.example.org"], issuerRef: certManagerIssuers.production })).not.toThrow();
    expect(() => certificate({ name: "w", namespace: "web", dnsNames: ["*.apps.example.org"], issuerRef: zoned.production })).not.toThrow();
  });
});

const invalid = [
  {
    label: "a wildcard from an HTTP-01-only issuer",
    build: () => certificate({ name: "wildcard", namespace: "web", dnsNames: ["example.org", "*.example.org"], issuerRef: httpOnly.production }),
    message: [
      `certificate "wildcard": dnsNames[1]: "*.example.org" is a wildcard, which ACME issues only through DNS-01, and the issuer solves only HTTP-01 (issuer "letsencrypt-production")`,
      "  hint: give certManager({ letsEncrypt }) a cloudflare DNS-01 solver for this zone, or list the host names instead of the wildcard",
    ].join("\n"),
  },
  {
    label: "a wildcard outside the issuer's DNS-01 zones",
    build: () => certificate({ name: "wildcard", namespace: "web", dnsNames: ["*.example.com"], issuerRef: zoned.staging }),
    message: [
      `certificate "wildcard": dnsNames[0]: "*.example.com" is a wildcard, which ACME issues only through DNS-01, and the issuer's DNS-01 solver covers only the zones example.org (issuer "letsencrypt-staging")`,
      "  hint: give certManager({ letsEncrypt }) a cloudflare DNS-01 solver for this zone, or list the host names instead of the wildcard",
    ].join("\n"),
  },
  {
    label: "no DNS name, renewal after expiry and an RSA key too small",
    build: () => certificate({ name: "c", namespace: "web", dnsNames: [], issuerRef: certManagerIssuers.production, duration: "720h", renewBefore: "1000h", privateKey: { algorithm: "RSA", size: 1024 } }),
    message: ['certificate "c": dnsNames: give at least one DNS name', 'certificate "c": renewBefore: 1000h must be shorter than duration 720h', 'certificate "c": privateKey.size: 1024 is not a RSA key size: use one of 2048, 3072, 4096, 8192'].join("\n"),
  },
  {
    label: "a DNS name listed twice, a wildcard in the middle, a duration in days and an issuer kind that does not exist",
    build: () => certificate({ name: "c", namespace: "web", dnsNames: ["a.example.org", "a.example.org", "a.*.example.org"], issuerRef: { name: "x", kind: "CertIssuer" as never }, duration: "90d" }),
    message: [
      `certificate "c": dnsNames[2]: "a.*.example.org" is not a host name or wildcard such as example.org or *.example.org: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`,
      `certificate "c": issuerRef.kind: Invalid option: expected one of "ClusterIssuer"|"Issuer"`,
      "certificate \"c\": duration: expected a duration in hours, minutes or seconds, such as 2160h or 720h",
    ].join("\n"),
  },
] as const;

describeRejections("certificate", invalid);
