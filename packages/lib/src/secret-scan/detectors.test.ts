import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findSecretAssignment, isSecretAssignment, isSecretKey, mayNameSecret } from "./assignments.ts";
import { findCredentialFormats } from "./credential-formats.ts";
import type { FindingKind } from "./finding.ts";
import { entropyOf, looksRandom } from "./random-looking.ts";
import { fakeChars, fakeCredentials } from "./test-support.ts";

/** Every kind the detectors find in a text, the generic rule included. */
function kindsIn(text: string): FindingKind[] {
  const kinds: FindingKind[] = findCredentialFormats(text).map(({ kind }) => kind);
  if (findSecretAssignment(text) !== -1) kinds.push("secret-assignment");
  return kinds;
}

describe("credential detectors: true positives", () => {
  it.each(fakeCredentials())("finds $label as $kind, and nothing else", ({ text, kind }) => {
    expect(kindsIn(text)).toEqual([kind]);
  });

  it.each(fakeCredentials())("finds $label in the middle of prose and JSON", ({ text, kind }) => {
    expect(kindsIn(`see below:\n${text}\n(rotate quarterly)`)).toContain(kind);
    expect(kindsIn(JSON.stringify({ note: "value", value: text }))).toContain(kind);
  });
});

const HEX = "0123456789abcdef";
const sha256 = fakeChars(HEX, 64, 90);
const certificateBody = fakeChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 128, 91);

/** Texts that look close to a credential and are not one. */
const NEAR_MISSES: readonly { readonly label: string; readonly text: string }[] = [
  { label: "the word AKIA in prose", text: "Access key IDs that start with AKIA are long-term; ASIA ones are temporary session keys." },
  { label: "a public certificate", text: `-----BEGIN CERTIFICATE-----\n${certificateBody}\n-----END CERTIFICATE-----\n` },
  { label: "a public key", text: `-----BEGIN PUBLIC KEY-----\n${certificateBody}\n-----END PUBLIC KEY-----\n` },
  { label: "a PEM private key header in documentation, without a key", text: "Paste the key, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----, into the field." },
  { label: "a sha256 digest", text: `ghcr.io/fluxcd/source-controller:v1.7.0@sha256:${sha256}` },
  { label: "a UUID", text: "123e4567-e89b-12d3-a456-426614174000" },
  { label: "a Kubernetes service-account token path", text: "/var/run/secrets/kubernetes.io/serviceaccount/token" },
  { label: "a token file setting", text: "bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token" },
  { label: "an age recipient (public key)", text: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p" },
  { label: "a GitHub token prefix in documentation", text: "Personal access tokens start with ghp_ and fine-grained ones with github_pat_." },
  { label: "a Slack token placeholder", text: "SLACK_TOKEN=xoxb-your-bot-token-here" },
  { label: "a JWT without a signature", text: "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0." },
  { label: "a URL with a user and no password", text: "https://git@github.com/example/platform.git" },
  { label: "a URL whose password is a substitution", text: "postgres://app:${DB_PASSWORD}@postgres:5432/app" },
  { label: "a URL whose password is a Go template", text: "postgres://{{ .username }}:{{ .password }}@postgres:5432/app" },
  { label: "a URL whose password is masked", text: "redis://default:****@redis:6379" },
  { label: "a URL with a port and no user", text: "http://localhost:9090/metrics" },
  { label: "a password set from a variable", text: "password=${DB_PASSWORD}" },
  { label: "a password set from a template", text: 'password: "{{ .Values.password }}"' },
  { label: "a short human password", text: "password: hunter2" },
  { label: "a password read from a file", text: "admin_password = $__file{/etc/secrets/admin-password}" },
  { label: "a Secret named in a setting", text: "existingSecret: web-database-credentials" },
  { label: "a checksum of a Secret", text: `checksum/secret: ${sha256}` },
  { label: "a token endpoint", text: "token_url: https://auth.example.com/oauth2/token" },
  { label: "a token audience", text: "tokenAudience: sts.amazonaws.com" },
  { label: "a secret's image", text: "secretImage: ghcr.io/acme/secret-manager:v1.2.3-rc.1" },
  { label: "an environment variable name as a value", text: "tokenFrom: VAULT_TOKEN_FROM_ENV" },
  { label: "a SOPS ciphertext", text: `ENC[AES256_GCM,data:${fakeChars(HEX, 24, 92)},iv:${fakeChars(HEX, 32, 93)},tag:${fakeChars(HEX, 24, 94)},type:str]` },
  { label: "a SOPS-encrypted value in a JSON file", text: `{"github_password": "ENC[AES256_GCM,data:${fakeChars(HEX, 16, 99)},iv:${fakeChars(HEX, 32, 100)},tag:${fakeChars(HEX, 24, 101)},type:str]"}` },
  { label: "a tokenizer setting", text: "tokenizer: 4xZq9kP2mW7vR3tY8nB5cL1hJ6gF0dS" },
];

describe("credential detectors: command-line flags and connection strings", () => {
  it("finds a token given as a --flag=value", () => {
    expect(findSecretAssignment(`--log-level=info --api-token=${fakeChars(HEX, 40, 102)}`)).toBe(17);
  });

  it("finds an Azure storage account key in a connection string", () => {
    const key = fakeChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 86, 103);
    expect(findSecretAssignment(`DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${key}==;EndpointSuffix=core.windows.net`)).not.toBe(-1);
  });
});

describe("credential detectors: near misses", () => {
  it.each(NEAR_MISSES)("finds nothing in $label", ({ text }) => {
    expect(kindsIn(text)).toEqual([]);
  });
});

describe("isSecretKey", () => {
  it.each(["password", "DB_PASSWORD", "apiKey", "api-key", "client_secret", "clientSecret", "GITHUB_TOKEN", "spring.datasource.password", "privateKey", "AWS_SECRET_ACCESS_KEY", "passphrase"])(
    "calls %s a secret's key",
    (key) => {
      expect(isSecretKey(key)).toBe(true);
    },
  );

  it.each(["checksum/secret", "SECRET_NAME", "token_path", "tokenAudience", "api_key_header", "PASSWORD_MIN_LENGTH", "tokenizer", "keyId", "publicKey", "secretStoreRef", "key"])(
    "does not call %s a secret's key",
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );
});

describe("mayNameSecret", () => {
  /** Words keys are made of: every secret word and pair word, metadata words, and others. */
  const WORDS = ["password", "passwd", "passphrase", "secret", "token", "apikey", "credential", "credentials", "privatekey", "accesskey", "api", "private", "access", "auth", "signing", "encryption", "account", "key", "name", "path", "db", "client", "spring", "datasource", "x", "id"];
  const word = fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom("lower", "upper", "capital")).map(([text, style]) => (style === "lower" ? text : style === "upper" ? text.toUpperCase() : text[0]!.toUpperCase() + text.slice(1)));
  const key = fc.tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom("", "_", "-", ".", "/")).map(([words, separator]) => words.join(separator));

  it("holds for every key isSecretKey accepts, so skipping texts without a marker misses nothing", () => {
    fc.assert(
      fc.property(key, (candidate) => {
        if (isSecretKey(candidate)) expect(mayNameSecret(candidate)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("finds an assignment in escaped text only where the text itself holds a marker", () => {
    fc.assert(
      fc.property(key, fc.constantFrom("=", ": ", '\\":\\"', "\\n"), (candidate, glue) => {
        const text = `${candidate}${glue}Zq8#vT2!mW9@xL4$`;
        if (findSecretAssignment(text) !== -1) expect(mayNameSecret(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("is false for configuration without any secret word", () => {
    expect(mayNameSecret("server:\n  port: 8080\nlogging:\n  level: info\n")).toBe(false);
    expect(mayNameSecret("--config=/etc/app/config.yaml")).toBe(false);
    expect(mayNameSecret("DB_PASSWORD=x")).toBe(true);
    expect(mayNameSecret("apiKey: x")).toBe(true);
  });
});

describe("looksRandom", () => {
  it.each([
    { label: "a base64 token", value: fakeChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 32, 95) },
    { label: "a hex token", value: fakeChars(HEX, 32, 96) },
    { label: "a generated password with symbols", value: fakeChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%", 20, 97) },
  ])("accepts $label", ({ value }) => {
    expect(looksRandom(value)).toBe(true);
  });

  it.each([
    { label: "a short value", value: "S3cr3t!" },
    { label: "a Kubernetes name", value: "web-database-credentials" },
    { label: "a path", value: "/etc/secrets/database/password" },
    { label: "a UUID", value: "123e4567-e89b-12d3-a456-426614174000" },
    { label: "a digest", value: `sha256:${sha256}` },
    { label: "a sentence", value: "use the password from the vault" },
    { label: "a repeated word", value: "passwordpasswordpassword" },
    { label: "an image reference", value: "registry.example.com:5000/acme/app:v1.2.3" },
    { label: "a CamelCase identifier", value: "ExternalSecretsOperatorTokenRefresher" },
  ])("rejects $label", ({ value }) => {
    expect(looksRandom(value)).toBe(false);
  });

  it("measures entropy in bits per character", () => {
    expect(entropyOf("aaaa")).toBe(0);
    expect(entropyOf("abcd")).toBe(2);
  });
});

describe("isSecretAssignment", () => {
  it("needs both a secret's key and a random-looking value", () => {
    const value = fakeChars(HEX, 32, 98);
    expect(isSecretAssignment("DB_PASSWORD", value)).toBe(true);
    expect(isSecretAssignment("DB_HOST", value)).toBe(false);
    expect(isSecretAssignment("DB_PASSWORD", "changeme")).toBe(false);
  });
});

describe("the shortest credential", () => {
  it("is a ten-character URL with a password, which is still found", () => {
    expect(findCredentialFormats("ab://c:d@e").map((found) => found.kind)).toEqual(["url-credentials"]);
    expect(findCredentialFormats("b://c:d@e")).toEqual([]);
  });
});
