/**
 * References to the Let's Encrypt ClusterIssuers that `certManager()`
 * renders, typed so other components say `issuer: certManagerIssuers.production`
 * instead of repeating a name. The refs `certManager()` returns also carry
 * which ACME challenges the issuer can solve, so `certificate()` can reject
 * a wildcard that an HTTP-01-only issuer could never get.
 */
import type { IssuerRef } from "../wiring.ts";

/** The key under which an issuer ref records the challenges its issuer solves (not a zod field, so refs still parse as `issuerRefSchema`). */
export const ISSUER_CHALLENGES: unique symbol = Symbol("typed-gitops.issuer-challenges");

/** The ACME challenges an issuer can solve. */
export interface IssuerChallenges {
  /** DNS-01: for every name (`"all"`), for the names in these zones, or not at all (`[]`). */
  readonly dns01: "all" | readonly string[];
  /** Whether HTTP-01 is available (for names not covered by DNS-01). */
  readonly http01: boolean;
}

/** An issuer ref that may know which challenges its issuer solves. */
export type KnownIssuerRef = IssuerRef & { readonly [ISSUER_CHALLENGES]?: IssuerChallenges };

/** The names of the Let's Encrypt ClusterIssuers by default. */
export const LETS_ENCRYPT_ISSUER_NAMES = { staging: "letsencrypt-staging", production: "letsencrypt-production" } as const;

/**
 * The Let's Encrypt ClusterIssuers of `certManager({ letsEncrypt })` with
 * their default names: `issuer: certManagerIssuers.production`. Prefer the
 * `issuers` of the component `certManager()` returns, which follow renamed
 * issuers and know their solvers.
 */
export const certManagerIssuers = {
  /** The Let's Encrypt staging ClusterIssuer (untrusted certificates, generous rate limits). */
  staging: { name: LETS_ENCRYPT_ISSUER_NAMES.staging, kind: "ClusterIssuer" },
  /** The Let's Encrypt production ClusterIssuer. */
  production: { name: LETS_ENCRYPT_ISSUER_NAMES.production, kind: "ClusterIssuer" },
} as const satisfies Record<string, IssuerRef>;

/** An issuer ref that records the challenges its issuer solves. */
export function knownIssuerRef(name: string, challenges: IssuerChallenges): KnownIssuerRef {
  return { name, kind: "ClusterIssuer", [ISSUER_CHALLENGES]: challenges };
}

/** The challenges an issuer ref records, if it records any. */
export function challengesOf(ref: unknown): IssuerChallenges | undefined {
  if (typeof ref !== "object" || ref === null) return undefined;
  return (ref as KnownIssuerRef)[ISSUER_CHALLENGES];
}

/**
 * Why an issuer with `challenges` cannot get a certificate for the
 * wildcard `dnsName`, or `undefined` when it can (or `dnsName` is no wildcard).
 */
export function wildcardProblem(dnsName: string, challenges: IssuerChallenges): string | undefined {
  if (!dnsName.startsWith("*.")) return undefined;
  const domain = dnsName.slice(2);
  const { dns01 } = challenges;
  if (dns01 === "all" || dns01.some((zone) => domain === zone || domain.endsWith(`.${zone}`))) return undefined;
  if (dns01.length === 0) return `${JSON.stringify(dnsName)} is a wildcard, which ACME issues only through DNS-01, and the issuer solves only HTTP-01`;
  return `${JSON.stringify(dnsName)} is a wildcard, which ACME issues only through DNS-01, and the issuer's DNS-01 solver covers only the zones ${dns01.join(", ")}`;
}
