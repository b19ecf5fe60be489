/**
 * Helpers for the secret scan's tests (not part of the library): fake
 * credentials of every format, built at run time from a seed so that no
 * credential-shaped literal sits in the source (where other scanners,
 * such as a forge's push protection, would rightly object).
 */
import type { FindingKind } from "./finding.ts";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const BASE64URL = `${ALPHANUMERIC}-_`;
const BASE64 = `${ALPHANUMERIC}+/`;
const BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
const HEX = "0123456789abcdef";

/** `length` characters of `alphabet`, pseudo-random but fixed by `seed`. */
export function fakeChars(alphabet: string, length: number, seed: number): string {
  let state = seed >>> 0 || 1;
  let out = "";
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += alphabet[(state >>> 8) % alphabet.length];
  }
  return out;
}

/** A fake credential: the text as it would appear, and the part of it that is secret. */
export interface FakeCredential {
  /** What the case is, for test names. */
  readonly label: string;
  /** The finding kind it must produce. */
  readonly kind: FindingKind;
  /** The text as it appears in a value. */
  readonly text: string;
  /** The secret part of `text`, of which no finding may show more than 4 characters. */
  readonly secret: string;
}

function joined(...parts: string[]): string {
  return parts.join("");
}

/** A PEM block of `type` with a 64-column base64 body. */
function pem(type: string, seed: number, newline = "\n"): { text: string; secret: string } {
  const body = fakeChars(BASE64, 256, seed);
  const lines = body.match(/.{1,64}/g) ?? [];
  const dashes = "-----";
  return { text: [joined(dashes, "BEGIN ", type, dashes), ...lines, joined(dashes, "END ", type, dashes)].join(newline), secret: body };
}

function jwt(seed: number): string {
  const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
  const payload = Buffer.from(JSON.stringify({ sub: fakeChars(HEX, 12, seed), iat: 1_700_000_000 })).toString("base64url");
  return [header, payload, fakeChars(BASE64URL, 43, seed + 1)].join(".");
}

function credential(label: string, kind: FindingKind, secret: string, text: string = secret): FakeCredential {
  return { label, kind, text, secret };
}

/** One fake credential of every format the scan knows, and of the generic rule. */
export function fakeCredentials(): FakeCredential[] {
  const rsa = pem("RSA PRIVATE KEY", 1);
  const pkcs8 = pem("PRIVATE KEY", 2);
  const openssh = pem("OPENSSH PRIVATE KEY", 3);
  const escaped = pem("EC PRIVATE KEY", 4, "\\n");
  const password = fakeChars(`${ALPHANUMERIC}!#%+-_`, 24, 40);
  const hexSecret = fakeChars(HEX, 32, 41);
  const propertiesValue = fakeChars(ALPHANUMERIC, 28, 42);
  const jsonValue = fakeChars(BASE64URL, 32, 43);
  const urlPassword = fakeChars(ALPHANUMERIC, 18, 44);
  const fineGrained = joined(fakeChars(ALPHANUMERIC, 22, 12), "_", fakeChars(ALPHANUMERIC, 59, 13));
  const webhook = joined("T", fakeChars(UPPER_ALPHANUMERIC, 8, 20), "/B", fakeChars(UPPER_ALPHANUMERIC, 10, 21), "/", fakeChars(ALPHANUMERIC, 24, 22));
  return [
    credential("an RSA private key", "pem-private-key", rsa.secret, rsa.text),
    credential("a PKCS #8 private key", "pem-private-key", pkcs8.secret, pkcs8.text),
    credential("an OpenSSH private key", "pem-private-key", openssh.secret, openssh.text),
    credential("an EC private key with escaped line ends", "pem-private-key", escaped.secret, escaped.text),
    credential("an AWS access key ID (AKIA)", "aws-access-key-id", joined("AK", "IA", fakeChars(UPPER_ALPHANUMERIC, 16, 5))),
    credential("an AWS temporary access key ID (ASIA)", "aws-access-key-id", joined("AS", "IA", fakeChars(UPPER_ALPHANUMERIC, 16, 6))),
    ...["p", "o", "u", "s", "r"].map((letter, i) => credential(`a GitHub gh${letter}_ token`, "github-token", joined("gh", letter, "_", fakeChars(ALPHANUMERIC, 36, 7 + i)))),
    // The secret of a fine-grained token is what follows its public prefix `github_pat_`, which the kind "github-token" names anyway.
    credential("a GitHub fine-grained token", "github-token", fineGrained, joined("github", "_pat_", fineGrained)),
    credential("a GitLab personal access token", "gitlab-token", joined("gl", "pat-", fakeChars(BASE64URL, 20, 14))),
    credential("a Slack bot token", "slack-token", joined("xo", "xb-", fakeChars("0123456789", 12, 15), "-", fakeChars("0123456789", 13, 16), "-", fakeChars(ALPHANUMERIC, 24, 17))),
    credential("a Slack user token", "slack-token", joined("xo", "xp-", fakeChars("0123456789", 12, 18), "-", fakeChars(HEX, 32, 19))),
    credential("a Slack webhook URL", "slack-webhook", webhook, joined("https://hooks", ".slack.com/services/", webhook)),
    credential("a Google API key", "google-api-key", joined("AI", "za", fakeChars(BASE64URL, 35, 23))),
    credential("a Stripe live secret key", "stripe-live-key", joined("sk", "_live_", fakeChars(ALPHANUMERIC, 24, 24))),
    credential("a Stripe live restricted key", "stripe-live-key", joined("rk", "_live_", fakeChars(ALPHANUMERIC, 24, 25))),
    credential("an age secret key", "age-secret-key", joined("AGE-SECRET", "-KEY-1", fakeChars(BECH32, 58, 26))),
    credential("a JWT", "jwt", jwt(27)),
    credential("a database URL with a password", "url-credentials", urlPassword, joined("postgres://app:", urlPassword, "@postgres.web.svc:5432/web")),
    credential("a password in a properties file", "secret-assignment", propertiesValue, `spring.datasource.url=jdbc:postgresql://db/app\nspring.datasource.password=${propertiesValue}\n`),
    credential("a token in a JSON document", "secret-assignment", jsonValue, `{"endpoint": "https://api.example.com", "apiKey": "${jsonValue}"}`),
    credential("a client secret in YAML", "secret-assignment", password, `oidc:\n  clientId: web\n  client_secret: "${password}"\n`),
    credential("an exported token in an env file", "secret-assignment", hexSecret, `export API_TOKEN=${hexSecret}\n`),
  ];
}
