/**
 * Known credential formats, each a pattern precise enough to be reported
 * wherever it appears. Detectors say where a credential starts, never
 * what it is.
 */
import type { FindingKind } from "./finding.ts";

/** A credential format: its kind and how to find the first one in a text. */
export interface CredentialFormat {
  /** The finding kind it produces. */
  readonly kind: FindingKind;
  /** Returns the index of the first credential of this format in `text`, or -1. */
  readonly find: (text: string) => number;
}

/** A detector from a pattern. */
function pattern(kind: FindingKind, regex: RegExp): CredentialFormat {
  return { kind, find: (text) => text.search(regex) };
}

/** The gap between a PEM header and its body: line ends (also escaped, once or more, inside JSON) and RFC 1421 headers. */
const PEM_GAP = String.raw`(?:\s|\\+[rn]|[A-Za-z-]+: ?[^\n\\]*)*`;

/** A password in a URL that is a placeholder rather than a value: `${DB_PASSWORD}`, `{{ .password }}`, `<password>`, `***`. */
const PLACEHOLDER_PASSWORD = /^(?:[$%<*{]|\\u003c)|[{}]|^x+$|^\.+$/i;

/** `scheme://user:password@host`, with a password that is not a placeholder. */
function urlCredentials(text: string): number {
  const regex = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/?#"'<>]+:([^\s@/?#"'<>]+)@[^\s@]/gi;
  for (const match of text.matchAll(regex)) {
    const password = match[1] ?? "";
    if (!PLACEHOLDER_PASSWORD.test(password)) return match.index;
  }
  return -1;
}

/**
 * The known credential formats. A cheap prefilter ({@link mayHoldCredential})
 * runs first, so a text is only searched when one of their markers is in it.
 */
export const CREDENTIAL_FORMATS: readonly CredentialFormat[] = [
  pattern("pem-private-key", new RegExp(String.raw`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----${PEM_GAP}[A-Za-z0-9+/]{16}`)),
  pattern("aws-access-key-id", /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/),
  pattern("github-token", /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})(?![A-Za-z0-9_])/),
  pattern("gitlab-token", /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_.-]{20,}/),
  pattern("slack-token", /(?<![A-Za-z0-9])xox[baprs]-(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9-]{10,}/),
  pattern("slack-webhook", /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/),
  pattern("google-api-key", /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/),
  pattern("stripe-live-key", /(?<![A-Za-z0-9])[sr]k_live_[0-9A-Za-z]{16,}/),
  pattern("age-secret-key", /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/),
  pattern("jwt", /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/),
  { kind: "url-credentials", find: urlCredentials },
];

/** The markers of every format: a text without any of them holds no known credential. */
const MARKERS = /PRIVATE KEY|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[baprs]-|hooks\.slack\.com|AIza|k_live_|AGE-SECRET-KEY-1|eyJ|:\/\/[^\s@/]*:[^\s@/]*@/;

/**
 * The length of the shortest text any format matches: a URL with a
 * password, `ab://c:d@e`. Every other format needs at least 14 characters.
 */
const SHORTEST_CREDENTIAL = 10;

/** Whether `text` may hold a known credential; `false` means it surely holds none. */
export function mayHoldCredential(text: string): boolean {
  return text.length >= SHORTEST_CREDENTIAL && MARKERS.test(text);
}

/** Every known credential format found in `text`, with where the first of each starts. */
export function findCredentialFormats(text: string): { readonly kind: FindingKind; readonly index: number }[] {
  if (!mayHoldCredential(text)) return [];
  const found: { kind: FindingKind; index: number }[] = [];
  for (const format of CREDENTIAL_FORMATS) {
    const index = format.find(text);
    if (index !== -1) found.push({ kind: format.kind, index });
  }
  return found;
}
