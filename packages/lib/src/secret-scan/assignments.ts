/**
 * The generic rule: a key that names a password, secret, token or key,
 * given a random-looking value, whether as a structured key and value
 * (an env var, a ConfigMap key, an annotation) or as `key=value`,
 * `key: value` and `--key=value` inside a text (a properties, YAML, JSON
 * or env file, a command-line flag).
 */
import { looksRandom } from "./random-looking.ts";

/** The words of a key that name a secret. */
const SECRET_WORDS = new Set(["password", "passwd", "passphrase", "secret", "token", "apikey", "credential", "credentials", "privatekey", "accesskey"]);

/** Pairs of words that together name a secret: `api_key`, `private-key`, `accessKey`, `client_secret`. */
const SECRET_PAIRS = new Set(["api key", "private key", "access key", "secret key", "auth key", "signing key", "encryption key", "account key"]);

/**
 * Words that make a key name something about a secret rather than the
 * secret: `checksum/secret`, `SECRET_NAME`, `token_path`, `tokenAudience`.
 */
const METADATA_WORDS = new Set([
  "checksum", "hash", "digest", "sha", "sha1", "sha256", "sha512", "md5", "fingerprint",
  "name", "names", "path", "file", "dir", "url", "uri", "endpoint", "ref", "header", "audience", "issuer",
  "ttl", "expiry", "expiration", "length", "size", "mount", "version", "type", "kind", "format", "enabled", "mode",
  "template", "prefix", "suffix", "namespace", "selector", "policy", "count", "timeout", "interval", "duration",
  "rotation", "public", "source", "provider", "store",
]);

/** The words of a key: `DB_PASSWORD` → `db password`, `apiKey` → `api key`, `spring.datasource.password` → `spring datasource password`. */
function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

/** Keys already judged by {@link isSecretKey}: the same few annotation, env and data keys recur in every object. */
const SECRET_KEY_ANSWERS = new Map<string, boolean>();

/** How many keys {@link SECRET_KEY_ANSWERS} remembers. */
const SECRET_KEY_ANSWERS_MAX = 8192;

/**
 * Whether a key names a secret: one of its words is `password`, `token`,
 * `secret`…, or two adjacent words are `api key`, `private key`…, and none
 * of its words says it is about the secret (`name`, `path`, `checksum`…).
 */
export function isSecretKey(key: string): boolean {
  let answer = SECRET_KEY_ANSWERS.get(key);
  if (answer === undefined) {
    answer = namesSecret(wordsOf(key));
    if (SECRET_KEY_ANSWERS.size < SECRET_KEY_ANSWERS_MAX) SECRET_KEY_ANSWERS.set(key, answer);
  }
  return answer;
}

/** Whether the words of a key name a secret (see {@link isSecretKey}). */
function namesSecret(words: readonly string[]): boolean {
  if (words.some((word) => METADATA_WORDS.has(word))) return false;
  return words.some((word, i) => SECRET_WORDS.has(word) || SECRET_PAIRS.has(`${word} ${words[i + 1] ?? ""}`));
}

/** Whether a key and its value look like a secret assigned in plain text. */
export function isSecretAssignment(key: string, value: string): boolean {
  return isSecretKey(key) && looksRandom(value.trim());
}

/** `key = value`, `key: value`, `"key": "value"`, `export KEY=value` and `--key=value` inside a text, quoted or not. */
const ASSIGNMENT = /(?<![A-Za-z0-9_./-])(?:--?)?["']?([A-Za-z_][A-Za-z0-9_./-]*)["']?[ \t]*[:=][ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"',;&}\]\\]+))/g;

/** A text with JSON string escapes (`\n`, `\"`, `\\`) undone, so that a document inside a JSON string reads as it would on its own. */
function unescaped(text: string): string {
  if (!text.includes("\\")) return text;
  let out = text;
  for (let i = 0; i < 3 && out.includes("\\"); i++) out = out.replace(/\\[nrt]/g, "\n").replace(/\\(["'\\/])/g, "$1");
  return out;
}

/**
 * Text that every key {@link isSecretKey} accepts contains, in any case:
 * each of the secret words and pairs holds one of these.
 */
const SECRET_KEY_MARKER = /pass|secret|token|key|credential/i;

/**
 * Whether `text` may hold a key that names a secret; `false` means it
 * surely holds none, so it holds no secret assignment either. Unescaping
 * (see {@link unescaped}) cannot make a marker appear: it only turns
 * escapes into line breaks and drops a backslash before a quote, a slash
 * or a backslash, which joins no two letters.
 */
export function mayNameSecret(text: string): boolean {
  return SECRET_KEY_MARKER.test(text);
}

/** The index of the first secret assignment in `text` (in its unescaped form, see {@link unescaped}), or -1. */
export function findSecretAssignment(text: string): number {
  if (!mayNameSecret(text)) return -1;
  for (const match of unescaped(text).matchAll(ASSIGNMENT)) {
    const key = match[1] ?? "";
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    if (isSecretAssignment(key, value)) return match.index;
  }
  return -1;
}
