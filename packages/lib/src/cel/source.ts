/**
 * Rewrites a CEL expression before it is parsed, so that three built-ins
 * behave as in the API server (cel-go) rather than as in
 * `@marcbachmann/cel-js`, which does not let a built-in overload be replaced:
 *
 * - `has(e.f)`: cel-go accepts any operand `e` (`has(self[0].matches)`,
 *   used by Gateway API's HTTPRoute); the library only accepts `a.b.c`.
 * - `matches(re)`: cel-go compiles RE2 (`(?i)` flags, `\A`, `[[:alpha:]]`,
 *   …); the library hands the pattern to `RegExp` unchanged.
 * - `duration(s)`: cel-go parses Go durations (`"0"`, `"1h30m"`); the
 *   library rejects `"0"`.
 *
 * A call of one of these names, `name(` outside string literals, becomes
 * `k8s_name(`, which the Kubernetes environment defines. Field selections
 * with the same name (`self.matches`) are left alone.
 */

/** The built-ins that are renamed, and the prefix they get. */
export const RENAMED_BUILTINS: ReadonlySet<string> = new Set(["has", "matches", "duration"]);

/** The prefix of the renamed built-ins, e.g. `k8s_has`. */
export const RENAMED_PREFIX = "k8s_";

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;

/** The index just past a string literal that starts at `start` (its opening quote, after any `r`/`b` prefix). */
function skipString(text: string, start: number, raw: boolean): number {
  const quote = text[start] ?? "";
  const triple = text.startsWith(quote.repeat(3), start);
  const closing = triple ? quote.repeat(3) : quote;
  let index = start + closing.length;
  while (index < text.length) {
    if (!raw && text[index] === "\\") {
      index += 2;
      continue;
    }
    if (text.startsWith(closing, index)) return index + closing.length;
    index += 1;
  }
  return text.length;
}

function isCallAt(text: string, index: number): boolean {
  let next = index;
  while (next < text.length && /\s/.test(text[next] ?? "")) next += 1;
  return text[next] === "(";
}

/**
 * Returns `expression` with calls of {@link RENAMED_BUILTINS} renamed to
 * `k8s_<name>`; string literals (quoted, triple-quoted, raw, bytes) and
 * field names are kept as they are.
 *
 * @example
 * normalizeCelSource(`has(self[0].matches) && self.x.matches('^a')`)
 * // "k8s_has(self[0].matches) && self.x.k8s_matches('^a')"
 */
export function normalizeCelSource(expression: string): string {
  let out = "";
  let index = 0;
  while (index < expression.length) {
    const char = expression[index] ?? "";
    if (char === '"' || char === "'") {
      const end = skipString(expression, index, false);
      out += expression.slice(index, end);
      index = end;
      continue;
    }
    if (IDENTIFIER_START.test(char)) {
      let end = index + 1;
      while (end < expression.length && IDENTIFIER_PART.test(expression[end] ?? "")) end += 1;
      const word = expression.slice(index, end);
      const quote = expression[end];
      if ((quote === '"' || quote === "'") && /^[rRbB]{1,2}$/.test(word)) {
        const stringEnd = skipString(expression, end, /[rR]/.test(word));
        out += expression.slice(index, stringEnd);
        index = stringEnd;
        continue;
      }
      out += RENAMED_BUILTINS.has(word) && isCallAt(expression, end) ? `${RENAMED_PREFIX}${word}` : word;
      index = end;
      continue;
    }
    out += char;
    index += 1;
  }
  return out;
}

/** Turns the renamed built-ins in a message (e.g. a compiler error) back into their CEL names. */
export function denormalizeCelText(text: string): string {
  return text.replaceAll(new RegExp(`\\b${RENAMED_PREFIX}(${[...RENAMED_BUILTINS].join("|")})\\b`, "g"), "$1");
}
