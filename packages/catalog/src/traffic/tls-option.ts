/**
 * The Traefik TLSOption (`traefik.io/v1alpha1`): the TLS versions, cipher
 * suites and curves of the routes that use it. One named `default` applies
 * to every route that names no other.
 */
import { TLSOption } from "@kubernetes-models/traefik/traefik.io/v1alpha1/TLSOption";
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";

/**
 * The TLS 1.2 cipher suites allowed by default: ECDHE key exchange with
 * AEAD ciphers only (forward secrecy, no CBC). TLS 1.3 suites are not
 * configurable in Go and are all strong.
 */
export const MODERN_TLS12_CIPHER_SUITES = [
  "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
  "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
  "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
  "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
  "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
] as const;

/** The props of {@link tlsOption}. */
export const tlsOptionProps = z
  .object({
    name: objectName().default("default").describe("The TLSOption's name; `default` applies to every route that names no option. Default: default."),
    namespace: namespaceName().describe("The TLSOption's namespace (Traefik's own for the default option)."),
    minVersion: z.enum(["VersionTLS12", "VersionTLS13"]).default("VersionTLS12").describe("The lowest TLS version accepted. Default: VersionTLS12."),
    cipherSuites: z
      .array(z.string().regex(/^TLS_[A-Z0-9_]+$/, "expected a Go cipher suite name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
      .min(1)
      .default([...MODERN_TLS12_CIPHER_SUITES])
      .describe("The TLS 1.2 cipher suites, in Go's names; left out with minVersion VersionTLS13. Default: ECDHE with AES-GCM or ChaCha20-Poly1305."),
    curvePreferences: z
      .array(z.enum(["X25519MLKEM768", "X25519", "CurveP256", "CurveP384", "CurveP521"]))
      .min(1)
      .default(["X25519", "CurveP256", "CurveP384"])
      .describe("The key exchange curves, most preferred first. Default: X25519, CurveP256, CurveP384."),
    sniStrict: z.boolean().default(false).describe("Whether clients without SNI matching a certificate are refused (some health checkers send none). Default: false."),
  })
  .strict();

/** The input of {@link tlsOption}. */
export type TlsOptionInput = z.input<typeof tlsOptionProps>;

/**
 * Builds a Traefik TLSOption: TLS 1.2 or newer with forward-secret AEAD
 * cipher suites by default.
 *
 * @example
 * tlsOption({ namespace: "traefik" });                                  // the default option
 * tlsOption({ name: "modern", namespace: "traefik", minVersion: "VersionTLS13" });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function tlsOption(input: TlsOptionInput): TLSOption {
  const props = parseProps(tlsOptionProps, input, `tlsOption ${JSON.stringify(input.name ?? "default")}`);
  return new TLSOption({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      minVersion: props.minVersion,
      ...(props.minVersion === "VersionTLS12" ? { cipherSuites: props.cipherSuites } : {}),
      curvePreferences: props.curvePreferences,
      sniStrict: props.sniStrict,
    },
  });
}
