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
  const keys = orderedKeys(document, "document");
  if (keys.length === 0) return "{}\n";
  return emitMapping(document, keys, 0, "", "document");
}

/**
 * Emits any JSON value as a YAML document body, with the nested key order.
 * Used for values such as Helm values files that are not manifests.
 */
export function emitValue(value: unknown): string {
  const normalized = normalize(value, "");
  if (isMapping(normalized)) {
    const keys = orderedKeys(normalized, "nested");
    return keys.length === 0 ? "{}\n" : emitMapping(normalized, keys, 0, "", "nested");
  }
  if (Array.isArray(normalized)) {
    return normalized.length === 0 ? "[]\n" : emitSequence(normalized, 0, "");
  }
  return `${scalar(normalized, "")}\n`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves `toJSON()` for values that carry one (Dates are rejected). */
function normalize(value: unknown, path: string): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null) {
      if (value instanceof Date) throw new YamlEmitError(path, "a Date has no single YAML form; pass an ISO 8601 string");
      // Model instances keep their data as own properties: read those directly.
      if (Object.keys(value).length > 0) return value;
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") return normalize(toJSON.call(value), path);
      throw new YamlEmitError(path, `a ${proto.constructor?.name ?? "class"} instance has no JSON form`);
    }
  }
  return value;
}

function emitMapping(
  mapping: Record<string, unknown>,
  keys: readonly string[],
  indent: number,
  path: string,
  position: MappingPosition,
): string {
  const pad = indentOf(indent);
  let out = "";
  for (const key of keys) {
    const childPath = path === "" ? key : `${path}.${key}`;
    const value = normalize(mapping[key], childPath);
    out += keyHead(key, pad, path) + emitNode(value, indent, childPath, position === "document" && key === "metadata" ? "metadata" : "nested");
  }
  return out;
}

/**
 * The longest key text an implicit key (`key: value`) may have: YAML
 * parsers reject a `:` more than 1024 characters after the key's start.
 * Measured in UTF-16 code units, which are never fewer than characters.
 */
const MAX_IMPLICIT_KEY = 1024;

/**
 * Writes a mapping key up to and including its `:`: `key:` or, for a key
 * too long to be implicit, the explicit form `? key` and `:` on the next line.
 */
function keyHead(key: string, pad: string, path: string): string {
  let text: string;
  try {
    text = formatInlineString(key, "key");
  } catch (error) {
    throw new YamlEmitError(path, `key: ${(error as Error).message}`);
  }
  return text.length > MAX_IMPLICIT_KEY ? `${pad}? ${text}\n${pad}:` : `${pad}${text}:`;
}

/** Emits what follows `key:` or `-`: either ` scalar\n` or `\n` and a block. */
function emitNode(value: unknown, indent: number, path: string, position: MappingPosition): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? " []\n" : `\n${emitSequence(value, indent + 2, path)}`;
  }
  if (isMapping(value)) {
    const keys = orderedKeys(value, position);
    return keys.length === 0 ? " {}\n" : `\n${emitMapping(value, keys, indent + 2, path, position)}`;
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
  return ` ${scalar(value, path)}\n`;
}

function emitSequence(items: readonly unknown[], indent: number, path: string): string {
  const pad = indentOf(indent);
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const itemPath = `${path}[${i}]`;
    const item = normalize(items[i] === undefined ? null : items[i], itemPath);
    if (isMapping(item) || Array.isArray(item)) {
      const node = emitNode(item, indent, itemPath, "nested");
      if (node.charCodeAt(0) === 0x0a) {
        // A block: put its first line after the dash, `- key: value`.
        out += `${pad}- ${node.slice(indent + 3)}`;
        continue;
      }
      out += `${pad}-${node}`;
      continue;
    }
    out += `${pad}-${emitNode(item, indent, itemPath, "nested")}`;
  }
  return out;
}

function scalar(value: unknown, path: string): string {
  switch (typeof value) {
    case "string":
      try {
        return formatInlineString(value, "value");
      } catch (error) {
        throw new YamlEmitError(path, (error as Error).message);
      }
    case "number":
      try {
        return formatNumber(value);
      } catch (error) {
        throw new YamlEmitError(path, (error as Error).message);
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
  throw new YamlEmitError(path, `a ${typeof value} cannot be written to a manifest`);
}
