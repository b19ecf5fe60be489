import { describe, expect, it } from "vitest";
import { configsComponent, emitComponent, expectValidTree, itMatchesGoldenFiles, thrownMessage } from "../../test/validate-components.ts";
import { tlsOption } from "./tls-option.ts";

const renders = [
  { file: "tls-option.default", build: () => [tlsOption({ namespace: "traefik" })] },
  {
    file: "tls-option.rich",
    build: () => [
      tlsOption({ name: "modern", namespace: "traefik", minVersion: "VersionTLS13", curvePreferences: ["X25519MLKEM768", "X25519"], sniStrict: true }),
      tlsOption({ name: "compatible", namespace: "traefik", cipherSuites: ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"] }),
    ],
  },
] as const;

describe("tlsOption", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(configsComponent("traefik", build(), "traefik")));

  it("renders TLSOptions that validate against the pinned CRD", async () => {
    await expectValidTree([configsComponent("traefik", renders.flatMap(({ build }) => build()), "traefik")]);
  });

  it("names the option default, TLS 1.2 and newer, with forward-secret AEAD cipher suites only", () => {
    const option = tlsOption({ namespace: "traefik" });
    expect(option.metadata.name).toBe("default");
    expect(option.spec.minVersion).toBe("VersionTLS12");
    expect(option.spec.cipherSuites!.every((suite) => suite.startsWith("TLS_ECDHE_") && /GCM|CHACHA20/.test(suite))).toBe(true);
  });
});

describe("tlsOption rejects bad props", () => {
  it("rejects TLS 1.1 and a cipher suite in OpenSSL's spelling", () => {
    expect(thrownMessage(() => tlsOption({ namespace: "traefik", minVersion: "VersionTLS11" as never, cipherSuites: ["ECDHE-RSA-AES128-GCM-SHA256"] }))).toBe(
      [
        `tlsOption "default": minVersion: Invalid option: expected one of "VersionTLS12"|"VersionTLS13"`,
        `tlsOption "default": cipherSuites[0]: expected a Go cipher suite name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`,
      ].join("\n"),
    );
  });
});
