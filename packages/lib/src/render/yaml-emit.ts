/**
 * A deterministic block-style YAML emitter for JSON-shaped values.
 *
 * It writes what `kubectl`, Flux, kustomize and Helm read back as exactly
 * the input (see `yaml-scalar.ts` for the scalar rules), with the key order
 * of `key-order.ts`, two-space indentation, indented sequences, no line
 * folding and LF line ends. It is several times faster than a general YAML
 * library because it supports only what a manifest can hold: mappings,
 * sequences, strings, finite numbers, booleans and null.
 */
import { orderedKeys, type MappingPosition } from "./key-order.ts";
import { formatInlineString, formatNumber, literalLines } from "./yaml-scalar.ts";

/** An error raised for a value that has no place in a manifest. */
export class YamlEmitError extends Error {
  /** The field path of the offending value, e.g. `spec.template.spec.containers[0].env`. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path === "" ? "<root>" : path}: ${message}`);
    this.name = "YamlEmitError";
    this.path = path;
  }
}

const INDENTS: string[] = [];
function indentOf(width: number): string {
  return (INDENTS[width] ??= " ".repeat(width));
}

/**
 * A failure inside the emitter. It carries the path segments of the value,
 * innermost first, added while it unwinds, so that the path is built only
 * when something fails.
 */
class EmitFailure {
  readonly message: string;
  readonly segments: (string | number)[] = [];
  constructor(message: string) {
    this.message = message;
  }
}

/** Adds `segment` to the path of an emitter failure passing through. */
function within(error: unknown, segment: string | number): unknown {
  if (error instanceof EmitFailure) error.segments.push(segment);
  return error;
}

/** The {@link YamlEmitError} of a failure, e.g. at `spec.containers[0].env`. */
function toEmitError(error: unknown): unknown {
  if (!(error instanceof EmitFailure)) return error;
  let path = "";
  for (let i = error.segments.length - 1; i >= 0; i--) {
    const segment = error.segments[i]!;
    path = typeof segment === "number" ? `${path}[${segment}]` : path === "" ? segment : `${path}.${segment}`;
  }
  return new YamlEmitError(path, error.message);
}

/**
 * Emits one manifest as a YAML document body (no `---` marker), ending with
 * a line feed.
 *
 * Objects that are not plain (such as `@kubernetes-models` instances) are
 * read through their own enumerable properties; a `toJSON()` method is used
 * for values that are neither plain objects nor arrays.
 *
 * @throws {YamlEmitError} for `NaN`, infinities, functions, symbols,
 *   bigints and strings with lone surrogates, naming the field path.
 */
export function emitDocument(document: Record<string, unknown>): string {
  if (!isMapping(document)) throw new YamlEmitError("", "a manifest must be a mapping");
  try {
    const keys = orderedKeys(document, "document");
    return keys.length === 0 ? "{}\n" : emitMapping(document, keys, 0, "document", undefined);
  } catch (error) {
    throw toEmitError(error);
  }
}

/**
 * Emits any JSON value as a YAML document body, with the nested key order.
 * Used for values such as Helm values files that are not manifests.
 */
export function emitValue(value: unknown): string {
  try {
    const normalized = normalize(value);
    if (isMapping(normalized)) {
      const keys = orderedKeys(normalized, "nested");
      return keys.length === 0 ? "{}\n" : emitMapping(normalized, keys, 0, "nested", undefined);
    }
    if (Array.isArray(normalized)) {
      return normalized.length === 0 ? "[]\n" : emitSequence(normalized, 0, undefined);
    }
    return `${scalar(normalized)}\n`;
  } catch (error) {
    throw toEmitError(error);
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves `toJSON()` for values that carry one (Dates are rejected). */
function normalize(value: unknown): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null) {
      if (value instanceof Date) throw new EmitFailure("a Date has no single YAML form; pass an ISO 8601 string");
      // Model instances keep their data as own properties: read those directly.
      if (Object.keys(value).length > 0) return value;
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") return normalize(toJSON.call(value));
      throw new EmitFailure(`a ${proto.constructor?.name ?? "class"} instance has no JSON form`);
    }
  }
  return value;
}

/**
 * Emits the entries of a mapping at `indent`. The first key is written
 * after `firstLead` instead of the indentation when given: `- ` (or `- - `)
 * for a mapping that is a sequence item.
 */
function emitMapping(
  mapping: Record<string, unknown>,
  keys: readonly string[],
  indent: number,
  position: MappingPosition,
  firstLead: string | undefined,
): string {
  let out = "";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const head = i === 0 && firstLead !== undefined ? firstLead + keyText(key, indent) : keyHead(key, indent);
    const value = mapping[key];
    if (typeof value === "string" && value.length <= SCALAR_MEMO_MAX_LENGTH) {
      const text = SCALAR_LINES.get(value) ?? scalarLine(value);
      if (text !== undefined) {
        out += head + text;
        continue;
      }
    }
    try {
      out += head + emitNode(normalize(value), indent, position === "document" && key === "metadata" ? "metadata" : "nested");
    } catch (error) {
      throw within(error, key);
    }
  }
  return out;
}

/**
 * The longest key text an implicit key (`key: value`) may have: YAML
 * parsers reject a `:` more than 1024 characters after the key's start.
 * Measured in UTF-16 code units, which are never fewer than characters.
 */
const MAX_IMPLICIT_KEY = 1024;

/** Keys seen per indentation, with their indented heads; manifests repeat the same few keys. */
const KEY_HEADS: Map<string, string>[] = [];

/** How many keys each indentation remembers; rarer keys are formatted each time. */
const KEY_HEADS_MAX = 4096;

/** The indented head of `key` (see {@link keyText}), remembered for keys that recur. */
function keyHead(key: string, indent: number): string {
  const heads = (KEY_HEADS[indent] ??= new Map());
  let head = heads.get(key);
  if (head === undefined) {
    head = indentOf(indent) + keyText(key, indent);
    if (heads.size < KEY_HEADS_MAX) heads.set(key, head);
  }
  return head;
}

/**
 * Writes a mapping key up to and including its `:`: `key:` or, for a key
 * too long to be implicit, the explicit form `? key` and `:` on the next
 * line, at `indent`.
 */
function keyText(key: string, indent: number): string {
  let text: string;
  try {
    text = formatInlineString(key, "key");
  } catch (error) {
    throw new EmitFailure(`key: ${(error as Error).message}`);
  }
  return text.length > MAX_IMPLICIT_KEY ? `? ${text}\n${indentOf(indent)}:` : `${text}:`;
}

/** Short one-line string values seen, with their ` scalar\n` text: manifests repeat the same few values. */
const SCALAR_LINES = new Map<string, string>();

/** How many values {@link SCALAR_LINES} remembers. */
const SCALAR_LINES_MAX = 8192;

/** The longest value {@link SCALAR_LINES} remembers. */
const SCALAR_MEMO_MAX_LENGTH = 64;

/**
 * The ` scalar\n` text of a short string value, remembered; `undefined`
 * for a value that spans lines or cannot be written (the caller's general
 * path reports it).
 */
function scalarLine(value: string): string | undefined {
  if (value.includes("\n") || SURROGATE.test(value)) return undefined;
  const text = ` ${formatInlineString(value, "value")}\n`;
  if (SCALAR_LINES.size < SCALAR_LINES_MAX) SCALAR_LINES.set(value, text);
  return text;
}

/** Surrogates, which may be lone ones that fail to format: left to the general path, which names the field. */
const SURROGATE = /[\ud800-\udfff]/;

/** Emits what follows `key:` or `-`: either ` scalar\n` or `\n` and a block. */
function emitNode(value: unknown, indent: number, position: MappingPosition): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? " []\n" : `\n${emitSequence(value, indent + 2, undefined)}`;
  }
  if (isMapping(value)) {
    const keys = orderedKeys(value, position);
    return keys.length === 0 ? " {}\n" : `\n${emitMapping(value, keys, indent + 2, position, undefined)}`;
  }
  if (typeof value === "string") {
    const literal = literalLines(value);
    if (literal !== undefined) {
      const pad = indentOf(indent + 2);
      let out = ` |${literal.chomp}\n`;
      for (const line of literal.lines) out += line.length === 0 ? "\n" : `${pad}${line}\n`;
      if (literal.chomp === "+") out += "\n".repeat(literal.trailingBreaks - 1);
      return out;
    }
  }
  return ` ${scalar(value)}\n`;
}

/**
 * Emits the items of a sequence at `indent`, the first one after
 * `firstLead` instead of the indentation when given (a sequence in a
 * sequence: `- - item`). A mapping or sequence item starts on the dash's
 * line: `- key: value`.
 */
function emitSequence(items: readonly unknown[], indent: number, firstLead: string | undefined): string {
  const pad = indentOf(indent);
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const lead = i === 0 && firstLead !== undefined ? firstLead : pad;
    try {
      const item = normalize(items[i] === undefined ? null : items[i]);
      if (isMapping(item)) {
        const keys = orderedKeys(item, "nested");
        out += keys.length === 0 ? `${lead}- {}\n` : emitMapping(item, keys, indent + 2, "nested", `${lead}- `);
      } else if (Array.isArray(item)) {
        out += item.length === 0 ? `${lead}- []\n` : emitSequence(item, indent + 2, `${lead}- `);
      } else {
        out += `${lead}-${emitNode(item, indent, "nested")}`;
      }
    } catch (error) {
      throw within(error, i);
    }
  }
  return out;
}

function scalar(value: unknown): string {
  switch (typeof value) {
    case "string":
      try {
        return formatInlineString(value, "value");
      } catch (error) {
        throw new EmitFailure((error as Error).message);
      }
    case "number":
      try {
        return formatNumber(value);
      } catch (error) {
        throw new EmitFailure((error as Error).message);
      }
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      break;
    case "undefined":
      return "null";
    default:
      break;
  }
  throw new EmitFailure(`a ${typeof value} cannot be written to a manifest`);
}
