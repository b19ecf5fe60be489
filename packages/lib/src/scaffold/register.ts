/**
 * Registering a component in a cluster definition: one import after the
 * last import, one entry at the end of the `components` object — a small
 * insertion at a fixed place, so the result is the same every time and the
 * rest of the file is untouched.
 */

/** Why a definition could not be edited, for the message and hint. */
export class RegistrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegistrationError";
  }
}

/**
 * Skips a string, template literal or comment starting at `index`; returns
 * the index after it, or `index` when nothing starts there.
 */
function skipNonCode(text: string, index: number): number {
  const char = text[index];
  if (char === "/" && text[index + 1] === "/") {
    const end = text.indexOf("\n", index);
    return end === -1 ? text.length : end;
  }
  if (char === "/" && text[index + 1] === "*") {
    const end = text.indexOf("*/", index + 2);
    return end === -1 ? text.length : end + 2;
  }
  if (char === '"' || char === "'" || char === "`") {
    let i = index + 1;
    while (i < text.length && text[i] !== char) {
      if (text[i] === "\\") i++;
      else if (char === "`" && text[i] === "$" && text[i + 1] === "{") i = closingBrace(text, i + 1);
      i++;
    }
    return i + 1;
  }
  return index;
}

/** The index of the `}` that closes the `{` at `open`. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const skipped = skipNonCode(text, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  throw new RegistrationError("its braces do not balance");
}

/** Every index where `pattern` matches in code (not in strings or comments). */
function codeMatches(text: string, pattern: RegExp): { index: number; length: number }[] {
  const found: { index: number; length: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const skipped = skipNonCode(text, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const match = pattern.exec(text.slice(i));
    if (match !== null && match.index === 0) {
      found.push({ index: i, length: match[0].length });
      i += match[0].length - 1;
    }
  }
  return found;
}

/** What to register. */
export interface Registration {
  /** The component folder, the key in `components`, e.g. `apps/shop`. */
  readonly key: string;
  /** The function to import and call, e.g. `shop`. */
  readonly identifier: string;
  /** The module specifier, relative to the definition, e.g. `../../apps/shop/shop.ts`. */
  readonly specifier: string;
}

/** Adds `entry` as the last entry of the object literal whose `{` is at `open`, indented like the other entries. */
function appendEntry(source: string, open: number, entry: string): string {
  const close = closingBrace(source, open);
  const inside = source.slice(open + 1, close);
  const lineStart = source.lastIndexOf("\n", close - 1) + 1;
  const closingIndent = /^[ \t]*/.exec(source.slice(lineStart))![0];
  const entryIndent = /\n([ \t]+)\S/.exec(inside)?.[1] ?? `${closingIndent}  `;
  let before = source.slice(0, close).replace(/[ \t]*$/, "");
  const lastCode = before.replace(/\s+$/, "");
  if (!lastCode.endsWith(",") && !lastCode.endsWith("{")) before = `${lastCode},${before.slice(lastCode.length)}`;
  return before.endsWith("\n") ? `${before}${entryIndent}${entry}\n${closingIndent}${source.slice(close)}` : `${before} ${entry} ${source.slice(close)}`;
}

/** The end (exclusive) of the expression starting at `start`: the first `,` or closing bracket outside brackets, strings and comments. */
function expressionEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const skipped = skipNonCode(source, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const char = source[i]!;
    if ("([{".includes(char)) depth++;
    else if (")]}".includes(char)) {
      if (depth === 0) return i;
      depth--;
    } else if (char === "," && depth === 0) return i;
  }
  throw new RegistrationError("its brackets do not balance");
}

/**
 * Turns `components: <expression>` (a function that returns the
 * components, say) into `components: { ...<expression>, <entry> }`, the
 * expression's lines indented one step more.
 */
function spreadExpression(source: string, start: number, entry: string): string {
  const end = expressionEnd(source, start);
  const expression = source.slice(start, end).replace(/\s+$/, "");
  const lineStart = source.lastIndexOf("\n", start - 1) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
  const inner = `${indent}  `;
  const body = expression.includes("`") ? expression : expression.replaceAll("\n", "\n  ");
  return `${source.slice(0, start)}{\n${inner}...${body},\n${inner}${entry}\n${indent}}${source.slice(start + expression.length)}`;
}

/**
 * Adds `import { <identifier> } from "<specifier>";` after the last import
 * and `"<key>": <identifier>(),` as the last entry of `components` — or,
 * when `components` is an expression (`platform({ … })`), turns it into
 * `{ ...platform({ … }), "<key>": <identifier>() }`.
 *
 * @throws {RegistrationError} when the key or the identifier is already
 *   used, or the file has no single `components:` property.
 */
export function registerComponent(source: string, registration: Registration): string {
  const { key, identifier, specifier } = registration;
  if (source.includes(JSON.stringify(key))) throw new RegistrationError(`it already has a component ${JSON.stringify(key)}`);
  const uses = codeMatches(source, new RegExp(`^${identifier}(?![A-Za-z0-9_$])`)).filter((match) => !/[A-Za-z0-9_$.]/.test(source[match.index - 1] ?? ""));
  if (uses.length > 0) throw new RegistrationError(`it already uses the name ${identifier}`);
  // A property of an object literal: after `{` or `,` (not `const components: Type`).
  const properties = codeMatches(source, /^components\s*:\s*/).filter((match) => /[{,]$/.test(source.slice(0, match.index).replace(/(\/\/[^\n]*|\s)+$/, "")));
  if (properties.length !== 1) throw new RegistrationError(properties.length === 0 ? "it has no `components:` property" : "it has more than one `components:` property");
  const start = properties[0]!.index + properties[0]!.length;
  const entry = `${JSON.stringify(key)}: ${identifier}(),`;
  const withEntry = source[start] === "{" ? appendEntry(source, start, entry) : spreadExpression(source, start, entry);
  // The import goes after the last import declaration.
  const importLine = `import { ${identifier} } from ${JSON.stringify(specifier)};\n`;
  const imports = codeMatches(withEntry, /^import\s[^;]*;[ \t]*\n?/);
  const topLevel = imports.filter((match) => match.index === 0 || withEntry[match.index - 1] === "\n");
  if (topLevel.length === 0) return `${importLine}${withEntry}`;
  const last = topLevel.at(-1)!;
  let at = last.index + last.length;
  if (withEntry[at - 1] !== "\n") {
    const end = withEntry.indexOf("\n", at);
    at = end === -1 ? withEntry.length : end + 1;
  }
  return `${withEntry.slice(0, at)}${importLine}${withEntry.slice(at)}`;
}
