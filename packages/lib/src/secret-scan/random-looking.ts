/**
 * Whether a value looks like a generated secret rather than a name, a
 * path, a template or a word: the test behind the generic "password=…"
 * rule, tuned so that configuration values do not trip it.
 */

/** The shortest value the generic rule reports; shorter human passwords are not caught. */
export const MINIMUM_SECRET_LENGTH = 16;

/** Shannon entropy of a string, in bits per character. */
export function entropyOf(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  const length = [...value].length;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Values that stand for something else, or that are clearly not secrets. */
const NOT_A_SECRET: readonly RegExp[] = [
  /\s/, // prose, lists
  /^(?:\/|\.\.?\/|~|\$|<|%|@|#|\\)/, // paths, variables, placeholders, references
  /\$\{|\{\{|\$\(|:\/\//, // substitutions, templates, URLs
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // a UUID
  /^(?:sha1|sha256|sha384|sha512|md5):/i, // a digest
  /^ENC\[/, // SOPS ciphertext
  /^[a-z0-9]+(?:[-.][a-z0-9]+)+$/, // a Kubernetes or DNS name
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // an environment variable's name
  /^[a-z0-9][a-z0-9.-]*(?::[0-9]+)?(?:\/[a-z0-9._-]+)+(?:[:@][A-Za-z0-9._:-]+)?$/, // an image reference, or an API group and path
];

/**
 * Whether `value` looks generated: at least {@link MINIMUM_SECRET_LENGTH}
 * characters, no whitespace, not a path, name, template, UUID or digest,
 * and either three kinds of character (lower, upper, digit, symbol) with
 * an entropy of 3.5 bits per character, or letters and digits over 20 or
 * more characters with 3.3 bits (hex and base32 tokens).
 */
export function looksRandom(value: string): boolean {
  if (value.length < MINIMUM_SECRET_LENGTH) return false;
  if (NOT_A_SECRET.some((regex) => regex.test(value))) return false;
  const lower = /[a-z]/.test(value);
  const upper = /[A-Z]/.test(value);
  const digit = /[0-9]/.test(value);
  const symbol = /[^A-Za-z0-9]/.test(value);
  const classes = [lower, upper, digit, symbol].filter(Boolean).length;
  const entropy = entropyOf(value);
  if (classes >= 3 && entropy >= 3.5) return true;
  return digit && (lower || upper) && value.length >= 20 && entropy >= 3.3;
}
