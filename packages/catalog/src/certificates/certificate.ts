/**
 * The cert-manager Certificate (`cert-manager.io/v1`): a TLS certificate
 * for some DNS names, signed by an issuer and kept in a Secret that
 * cert-manager renews before it expires.
 */
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { namespaceName, objectName, parseProps, UserError } from "@typed-gitops/lib";
import { z } from "zod";
import { hostName } from "../shared/host-name.ts";
import { stringMap } from "../shared/string-map.ts";
import { certificateIssuerRef } from "../shared/tls-certificate.ts";
import { issuerRefSchema } from "../wiring.ts";
import { challengesOf, wildcardProblem } from "./issuer-refs.ts";

/** A Go duration of hours, minutes and seconds, as cert-manager reads `duration` and `renewBefore`. */
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(h|m|s))+$/;

/** The seconds of a duration matching {@link GO_DURATION}. */
function secondsOf(value: string): number {
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/([0-9]+(?:\.[0-9]+)?)(h|m|s)/g)) total += Number(amount) * (unit === "h" ? 3600 : unit === "m" ? 60 : 1);
  return total;
}

const certDuration = (fallback: string, what: string) =>
  z.string().regex(GO_DURATION, "expected a duration in hours, minutes or seconds, such as 2160h or 720h").default(fallback).describe(`${what} Default: ${fallback}.`);

/** The key sizes cert-manager accepts per algorithm, the first being the default. */
const KEY_SIZES = { ECDSA: [256, 384, 521], RSA: [2048, 3072, 4096, 8192], Ed25519: [] } as const;

/** The props of {@link certificate}. */
export const certificateProps = z
  .object({
    name: objectName().describe("The Certificate's name."),
    namespace: namespaceName().describe("The namespace of the Certificate and its Secret: where the Ingress, IngressRoute or Gateway that uses the Secret is."),
    dnsNames: z
      .array(hostName({ wildcard: true }))
      .min(1, "give at least one DNS name")
      .describe("The DNS names the certificate is for, e.g. [\"example.org\", \"*.example.org\"]; a wildcard needs an issuer that solves DNS-01."),
    secretName: objectName().optional().describe("The Secret cert-manager writes the key pair to (tls.crt, tls.key). Default: the Certificate's name."),
    issuerRef: issuerRefSchema,
    duration: certDuration("2160h", "How long the certificate is valid (Let's Encrypt always issues 90 days)."),
    renewBefore: certDuration("720h", "How long before expiry cert-manager renews; shorter than duration."),
    privateKey: z
      .object({
        algorithm: z.enum(["ECDSA", "RSA", "Ed25519"]).default("ECDSA").describe("The private key algorithm. Default: ECDSA."),
        size: z.number().int().optional().describe("The key size: 256, 384 or 521 for ECDSA, 2048 to 8192 for RSA, none for Ed25519. Default: 256 for ECDSA, 2048 for RSA."),
      })
      .strict()
      .prefault({})
      .describe("The private key, generated anew at each renewal (rotationPolicy Always). Default: ECDSA P-256."),
    secretLabels: stringMap.default({}).describe("Labels on the Secret cert-manager writes (secretTemplate), e.g. for a replicator. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const seen = new Set<string>();
    props.dnsNames.forEach((dnsName, index) => {
      if (seen.has(dnsName)) ctx.addIssue({ code: "custom", path: ["dnsNames", index], message: `${JSON.stringify(dnsName)} is listed twice` });
      seen.add(dnsName);
    });
    if (GO_DURATION.test(props.duration) && GO_DURATION.test(props.renewBefore) && secondsOf(props.renewBefore) >= secondsOf(props.duration)) {
      ctx.addIssue({ code: "custom", path: ["renewBefore"], message: `${props.renewBefore} must be shorter than duration ${props.duration}` });
    }
    const sizes: readonly number[] = KEY_SIZES[props.privateKey.algorithm];
    const { size } = props.privateKey;
    if (size !== undefined && !sizes.includes(size)) {
      const allowed = sizes.length === 0 ? "Ed25519 keys take no size" : `use one of ${sizes.join(", ")}`;
      ctx.addIssue({ code: "custom", path: ["privateKey", "size"], message: `${size} is not a ${props.privateKey.algorithm} key size: ${allowed}` });
    }
  });

/** The input of {@link certificate}. */
export type CertificateInput = z.input<typeof certificateProps>;

/** Where a builder's problems are: `certificate "web"`. */
function where(input: unknown): string {
  const name = typeof input === "object" && input !== null ? (input as { name?: unknown }).name : undefined;
  return typeof name === "string" ? `certificate ${JSON.stringify(name)}` : "certificate";
}

/**
 * Builds a cert-manager Certificate with an ECDSA P-256 key (by default)
 * that is rotated at every renewal, valid 90 days and renewed 30 days
 * before expiry.
 *
 * @example
 * certificate({ name: "wildcard", namespace: "traefik", dnsNames: ["example.org", "*.example.org"], issuerRef: certManagerIssuers.production });
 * @throws {UserError} naming every invalid or unknown field, and a wildcard
 *   whose issuer (a ref returned by `certManager()`) cannot solve DNS-01 for it.
 */
export function certificate(input: CertificateInput): Certificate {
  const props = parseProps(certificateProps, input, where(input));
  const challenges = challengesOf(input.issuerRef);
  if (challenges !== undefined) {
    const problems = props.dnsNames.flatMap((dnsName, index) => {
      const what = wildcardProblem(dnsName, challenges);
      return what === undefined
        ? []
        : [{
            where: `${where(input)}: dnsNames[${index}]`,
            what: `${what} (issuer ${JSON.stringify(props.issuerRef.name)})`,
            hint: "give certManager({ letsEncrypt }) a cloudflare DNS-01 solver for this zone, or list the host names instead of the wildcard",
          }];
    });
    if (problems.length > 0) throw new UserError(problems);
  }
  const algorithm = props.privateKey.algorithm;
  const size = props.privateKey.size ?? (algorithm === "Ed25519" ? undefined : KEY_SIZES[algorithm][0]);
  return new Certificate({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      secretName: props.secretName ?? props.name,
      ...(Object.keys(props.secretLabels).length > 0 ? { secretTemplate: { labels: props.secretLabels } } : {}),
      dnsNames: props.dnsNames,
      duration: props.duration,
      renewBefore: props.renewBefore,
      privateKey: { algorithm, ...(size === undefined ? {} : { size }), rotationPolicy: "Always" },
      issuerRef: certificateIssuerRef(props.issuerRef),
    },
  });
}
