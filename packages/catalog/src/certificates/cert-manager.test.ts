import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees, releaseValues } from "../../test/validate-components.ts";
import { certManager } from "./cert-manager.ts";
import { certManagerIssuers, ISSUER_CHALLENGES } from "./issuer-refs.ts";

const cloudflare = { apiToken: { secretName: "cloudflare-api-token", key: "api-token" } };

const renders = [
  { file: "cert-manager.default", build: () => certManager() },
  {
    file: "cert-manager.rich",
    build: () =>
      certManager({
        namespace: "certs",
        version: "v1.21.0",
        replicas: 2,
        dns01RecursiveNameservers: ["1.1.1.1:53", "9.9.9.9:53"],
        metrics: { labels: { release: "kube-prometheus-stack" } },
        letsEncrypt: {
          email: "ops@example.org",
          staging: { name: "le-staging", accountKeySecretName: "le-staging-key" },
          production: { name: "le-production" },
          cloudflare: { ...cloudflare, dnsZones: ["example.org", "example.net"] },
          http01: { ingressClassName: "traefik" },
        },
        values: { resources: { requests: { cpu: "10m", memory: "64Mi" } }, webhook: { resources: { requests: { cpu: "10m", memory: "32Mi" } } } },
      }),
  },
  {
    file: "cert-manager.gateway",
    build: () => certManager({ letsEncrypt: { email: "ops@example.org", http01: { gateway: { name: "public", namespace: "traefik", sectionName: "http" } } } }),
  },
  { file: "cert-manager.dns01", build: () => certManager({ letsEncrypt: { email: "ops@example.org", cloudflare } }) },
] as const;

describe("certManager", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  itRendersValidTrees(renders, ({ build }) => [build()]);

  it("installs the CRDs with the chart and keeps them when the release goes", () => {
    const values = releaseValues(certManager());
    expect(values.crds).toEqual({ enabled: true, keep: true });
  });

  it("turns on cert-manager's Gateway API support only for a Gateway HTTP-01 solver", () => {
    const configOf = (component: ReturnType<typeof certManager>) => releaseValues(component).config;
    expect(configOf(renders[2].build())).toEqual({ apiVersion: "controller.config.cert-manager.io/v1alpha1", kind: "ControllerConfiguration", enableGatewayAPI: true });
    expect(configOf(renders[1].build())).toBeUndefined();
  });

  it("returns refs to its issuers that know their solvers", () => {
    const { issuers } = renders[1].build();
    expect([issuers!.staging, issuers!.production].map(({ name, kind }) => ({ name, kind }))).toEqual([
      { name: "le-staging", kind: "ClusterIssuer" },
      { name: "le-production", kind: "ClusterIssuer" },
    ]);
    expect(issuers!.production[ISSUER_CHALLENGES]).toEqual({ dns01: ["example.org", "example.net"], http01: true });
    expect(certManager().issuers).toBeUndefined();
    expect(certManagerIssuers.production).toEqual({ name: "letsencrypt-production", kind: "ClusterIssuer" });
  });
});

const invalid = [
  {
    label: "Let's Encrypt without a solver and with an email that is not one",
    build: () => certManager({ letsEncrypt: { email: "ops" } }),
    message: ["certManager: letsEncrypt.email: expected an email address", "certManager: letsEncrypt: give a solver: cloudflare (DNS-01) and/or http01"].join("\n"),
  },
  {
    label: "an HTTP-01 solver that DNS-01 for every name would shadow",
    build: () => certManager({ letsEncrypt: { email: "ops@example.org", cloudflare, http01: { ingressClassName: "traefik" } } }),
    message: "certManager: letsEncrypt.http01: is never used: cloudflare without dnsZones solves every name; give cloudflare.dnsZones, or leave http01 out",
  },
  {
    label: "an HTTP-01 solver with both an Ingress class and a Gateway",
    build: () => certManager({ letsEncrypt: { email: "ops@example.org", http01: { ingressClassName: "traefik", gateway: { name: "public", namespace: "traefik" } } } }),
    message: "certManager: letsEncrypt.http01: ingressClassName and gateway cannot be given together: give one of them",
  },
  {
    label: "a nameserver without a port, a chart version without patch, and a token Secret without a key",
    build: () => certManager({ version: "v1.21", dns01RecursiveNameservers: ["1.1.1.1"], letsEncrypt: { email: "ops@example.org", cloudflare: { apiToken: { secretName: "cloudflare", key: "" } } } }),
    message: [
      `certManager: version: "v1.21" is not an exact version: give major.minor.patch, such as "1.2.3"`,
      "certManager: dns01RecursiveNameservers[0]: expected host:port, such as 1.1.1.1:53",
      "certManager: letsEncrypt.cloudflare.apiToken.key: must not be empty",
    ].join("\n"),
  },
] as const;

describeRejections("certManager", invalid);
