/**
 * RE2 patterns (what cel-go's `matches`, `find` and `findAll` compile) as
 * JavaScript `RegExp`s. The RE2 syntax that real CRD rules use and
 * JavaScript lacks is translated: flag groups `(?i)` (JavaScript only has
 * the scoped `(?i:…)`), `(?P<name>…)`, `\A`, `\z`, `\Q…\E`, POSIX classes
 * like `[[:alpha:]]` and one-letter Unicode classes like `\pL`. Compiled
 * patterns are cached: rules run the same few patterns over and over.
 */

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-/:-@[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

interface Translation {
  readonly source: string;
  readonly flags: string;
}

/** Scans an RE2 pattern once, rewriting what JavaScript spells differently. */
function translate(pattern: string): Translation {
  let out = "";
  let flags = "";
  // For each open group: how many `(?flags:` wrappers a `(?flags)` inside it opened.
  const openWrappers: number[] = [0];
  let index = 0;
  let inClass = false;
  while (index < pattern.length) {
    const char = pattern[index] ?? "";
    if (char === "\\") {
      const next = pattern[index + 1] ?? "";
      if (next === "Q") {
        const end = pattern.indexOf("\\E", index + 2);
        const literal = pattern.slice(index + 2, end === -1 ? pattern.length : end);
        out += escapeLiteral(literal);
        index = end === -1 ? pattern.length : end + 2;
        continue;
      }
      if (!inClass && next === "A") out += "(?<![\\s\\S])";
      else if (!inClass && next === "z") out += "(?![\\s\\S])";
      else if ((next === "p" || next === "P") && /[A-Za-z]/.test(pattern[index + 2] ?? "")) {
        out += `\\${next}{${pattern[index + 2]}}`;
        index += 3;
        continue;
      } else out += `\\${next}`;
      index += 2;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(index));
      const range = posix === null ? undefined : POSIX_CLASSES[posix[2] ?? ""];
      if (posix !== null && range !== undefined && posix[1] === "") {
        out += range;
        index += posix[0].length;
        continue;
      }
      if (char === "]") inClass = false;
      out += char;
      index += 1;
      continue;
    }
    if (char === "[") {
      inClass = true;
      out += char;
      index += 1;
      if (pattern[index] === "^") {
        out += "^";
        index += 1;
      }
      if (pattern[index] === "]") {
        out += "\\]";
        index += 1;
      }
      continue;
    }
    if (char === "(") {
      const flagGroup = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(pattern.slice(index));
      if (flagGroup !== null) {
        const on = flagGroup[1] ?? "";
        const off = flagGroup[2] ?? "";
        if (out === "" && off === "" && openWrappers.length === 1) {
          flags += on.replaceAll("U", "");
        } else {
          out += `(?${on}${off === "" ? "" : `-${off}`}:`;
          openWrappers[openWrappers.length - 1] = (openWrappers.at(-1) ?? 0) + 1;
        }
        index += flagGroup[0].length;
        continue;
      }
      if (pattern.startsWith("(?P<", index)) {
        out += "(?<";
        index += 4;
        openWrappers.push(0);
        continue;
      }
      openWrappers.push(0);
      out += char;
      index += 1;
      continue;
    }
    if (char === ")") {
      out += ")".repeat(openWrappers.pop() ?? 0);
      if (openWrappers.length === 0) openWrappers.push(0);
      out += char;
      index += 1;
      continue;
    }
    if (char === "|" && (openWrappers.at(-1) ?? 0) > 0) {
      // `a(?i)b|c`: RE2 applies the flag to the rest of the group, across the alternation.
      out += ")".repeat(openWrappers.at(-1) ?? 0);
      out += "|";
      openWrappers[openWrappers.length - 1] = 0;
      index += 1;
      continue;
    }
    out += char;
    index += 1;
  }
  out += ")".repeat(openWrappers.reduce((sum, count) => sum + count, 0));
  return { source: out, flags: [...new Set(flags)].join("") };
}

const cache = new Map<string, RegExp>();

/**
 * Compiles an RE2 pattern into a `RegExp` (unanchored, as RE2's
 * `MatchString`), with the `u` flag when the translation allows it.
 * Results are cached per pattern.
 *
 * @throws {Error} when the pattern is invalid.
 */
export function compileRe2(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  const { source, flags } = translate(pattern);
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, `${flags}u`);
  } catch {
    try {
      compiled = new RegExp(source, flags);
    } catch (error) {
      throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  cache.set(pattern, compiled);
  return compiled;
}

const globalCache = new Map<string, RegExp>();

/** {@link compileRe2} with the `g` flag, for `findAll`; cached too. Reset `lastIndex` is not needed: use it with `matchAll`. */
export function compileRe2Global(pattern: string): RegExp {
  const cached = globalCache.get(pattern);
  if (cached !== undefined) return cached;
  const base = compileRe2(pattern);
  const compiled = new RegExp(base.source, `${base.flags}g`);
  globalCache.set(pattern, compiled);
  return compiled;
}
