import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { emitComponent, thrownMessage, validateComponents } from "../../test/validate-components.ts";
import type { Component } from "../component.ts";
import { tlsOption } from "./tls-option.ts";

const asComponent = (objects: Component["configs"]): Component => ({ name: "traefik", controllers: [new Namespace({ metadata: { name: "traefik" } })], configs: objects });

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
  it.each(renders)("renders $file as its golden file", async ({ file, build }) => {
    await expect(emitComponent(asComponent(build()))).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it("renders TLSOptions that validate against the pinned CRD", async () => {
    const result = await validateComponents([asComponent(renders.flatMap(({ build }) => build()))]);
    expect(result.problems).toEqual([]);
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
