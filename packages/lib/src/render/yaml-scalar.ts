/**
 * Scalar formatting for the YAML emitter.
 *
 * A string is written plain only when every YAML parser a GitOps pipeline
 * meets reads it back as the same string: YAML 1.2 (the `yaml` package,
 * Helm 3, kyaml) and YAML 1.1 (go-yaml v2 behind `sigs.k8s.io/yaml`, which
 * kubectl, Flux and kustomize use). Everything else is double-quoted with
 * escapes that both versions understand, or written as a literal block when
 * it spans several lines.
 */

/**
 * Plain scalars that YAML 1.1 or 1.2 resolve to a boolean, null, number or
 * a merge/value indicator. Compared in lower case.
 */
const RESERVED_PLAIN = new Set([
  "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
]);

/** The length of the longest word in {@link RESERVED_PLAIN}: longer scalars skip the lookup. */
const RESERVED_MAX_LENGTH = Math.max(...Array.from(RESERVED_PLAIN, (word) => word.length));

/**
 * A conservative alphabet for plain scalars: starts with a letter or `/`,
 * continues with letters, digits and `_ . / - @ +` (no `:` or `#`, no
 * spaces), so no indicator, comment or timestamp rule can apply. The words
 * of {@link RESERVED_PLAIN} and {@link BARE_EXPONENT} are still excluded.
 */
const SAFE_PLAIN = /^[A-Za-z/][A-Za-z0-9_./@+-]*$/;

/**
 * Values (never keys) may also hold `:` when it is not the last character:
 * `ghcr.io/org/app:1.2.3`, `https://example.com`. A colon not followed by a
 * space is not an indicator in either YAML version, and since the scalar
 * starts with a letter or `/` it cannot be a YAML 1.1 sexagesimal number.
 */
const SAFE_PLAIN_VALUE = /^[A-Za-z/][A-Za-z0-9_./@+:-]*[A-Za-z0-9_./@+-]$|^[A-Za-z/]$/;

/**
 * Letter-led scalars that the `yaml` package's YAML 1.1 schema reads as a
 * float: its exponent pattern makes the mantissa optional, so `e0` or
 * `E+12` parse as `NaN`.
 */
const BARE_EXPONENT = /^[eE][-+]?[0-9]+$/;

/**
 * Scalars that start with a digit are plain only in one shape common in
 * manifests that no resolver reads as a number, timestamp or sexagesimal
 * integer: a digit run followed by a unit suffix such as `100m`, `128Mi`, `30s`.
 */
const SAFE_QUANTITY = /^[0-9]+(?:m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|ms|s|h)$/;

/**
 * Returns `true` when `value` may be emitted as a plain (unquoted) scalar.
 *
 * @param position - `"key"` for a mapping key (stricter: no `:`), `"value"`
 *   for anything else.
 */
export function isPlainSafe(value: string, position: "key" | "value"): boolean {
  if ((position === "key" ? SAFE_PLAIN : SAFE_PLAIN_VALUE).test(value)) {
    const first = value.charCodeAt(0);
    if ((first === 0x65 || first === 0x45) && BARE_EXPONENT.test(value)) return false;
    return value.length > RESERVED_MAX_LENGTH || !RESERVED_PLAIN.has(value.toLowerCase());
  }
  // Digit-led shapes: only a unit suffix, never an exponent such as `1Ei`.
  return SAFE_QUANTITY.test(value) && !/^[0-9]+[eE]/.test(value);
}

/**
 * Characters that must be escaped inside a double-quoted scalar, or that
 * need the slow path (surrogates). U+FFFE and U+FFFF are noncharacters that
 * go-yaml's reader rejects ("control characters are not allowed").
 */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;

/**
 * Returns `true` for a UTF-16 code unit (not a surrogate) written as an
 * `\x` or `\u` escape: C0 and C1 controls, DEL, NEL, LS, PS, BOM and the
 * noncharacters U+FFFE and U+FFFF.
 */
function isEscaped(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code >= 0xfffe || code === 0xfeff;
}

/**
 * Writes `value` as a YAML double-quoted scalar. Control characters, the
 * C1 range, NEL, LS, PS, BOM, U+FFFE and U+FFFF are escaped, since YAML 1.1
 * treats some of them as line breaks, go-yaml rejects the others unescaped,
 * and none of them is printable.
 *
 * @throws {TypeError} when the string holds a lone surrogate, which has no
 *   UTF-8 encoding and so cannot reach any API server intact.
 */
export function doubleQuoted(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
        continue;
      }
      throw new TypeError("string contains a lone UTF-16 surrogate, which cannot be encoded as UTF-8");
    }
    switch (code) {
      case 0x22: out += '\\"'; break;
      case 0x5c: out += "\\\\"; break;
      case 0x0a: out += "\\n"; break;
      case 0x09: out += "\\t"; break;
      case 0x0d: out += "\\r"; break;
      default:
        if (isEscaped(code)) {
          out += code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
        } else {
          out += value[i];
        }
    }
  }
  return out + '"';
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, "0");
}

/**
 * Characters that may not appear in a literal block scalar: controls other
 * than tab and line feed (so no carriage return), the line separators YAML
 * 1.1 would split on, BOM, the noncharacters go-yaml rejects, surrogates.
 */
// eslint-disable-next-line no-control-regex
const LITERAL_FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;

/**
 * Returns the lines of `value` when it can be written as a literal block
 * scalar (`|`, `|-` or `|+`) that parses back to exactly `value`, or
 * `undefined` when it must be double-quoted instead.
 *
 * Rules: at least one line break and one non-empty line; no trailing spaces
 * or tabs on any line (editors and linters strip them); the first non-empty
 * line does not start with a space (the indentation would be mis-detected).
 */
export function literalLines(
  value: string,
): { lines: string[]; chomp: "" | "-" | "+"; trailingBreaks: number } | undefined {
  if (!value.includes("\n") || LITERAL_FORBIDDEN.test(value)) return undefined;
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x0a) end--;
  if (end === 0) return undefined;
  const trailing = value.length - end;
  const lines = value.slice(0, end).split("\n");
  let firstContent = true;
  for (const line of lines) {
    if (line.length === 0) continue;
    const last = line.charCodeAt(line.length - 1);
    if (last === 0x20 || last === 0x09) return undefined;
    if (firstContent) {
      const first = line.charCodeAt(0);
      if (first === 0x20 || first === 0x09) return undefined;
      firstContent = false;
    }
  }
  return { lines, chomp: trailing === 0 ? "-" : trailing === 1 ? "" : "+", trailingBreaks: trailing };
}

/**
 * Formats a number as YAML. Integers are written in decimal; other finite
 * numbers use the shortest round-trip form, with an exponent sign and a
 * fraction point so YAML 1.1 resolvers also read a float.
 *
 * @throws {TypeError} for `NaN` and infinities, which JSON (and so the
 *   Kubernetes API) cannot carry.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`number ${value} cannot be represented in a Kubernetes manifest`);
  if (Object.is(value, -0)) return "0";
  const text = String(value);
  if (!/[eE]/.test(text)) return text;
  // 1e+21 → 1.0e+21, 5e-7 → 5.0e-7: YAML 1.1's float pattern requires a point.
  const [mantissa, exponent] = text.split(/[eE]/) as [string, string];
  const signed = exponent.startsWith("-") || exponent.startsWith("+") ? exponent : `+${exponent}`;
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}e${signed}`;
}

/**
 * Formats a string as a single-line scalar (plain or double-quoted, never a
 * block scalar), for a mapping key or a value.
 */
export function formatInlineString(value: string, position: "key" | "value"): string {
  return isPlainSafe(value, position) ? value : doubleQuoted(value);
}
