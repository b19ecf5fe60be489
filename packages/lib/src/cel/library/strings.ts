/**
 * The functions of cel-go's strings extension (`ext.Strings`, which the API
 * server enables) that `@marcbachmann/cel-js` lacks: `charAt`, `replace`,
 * `reverse`, `format` and `strings.quote`. The library already has
 * `indexOf`, `lastIndexOf`, `lowerAscii`, `upperAscii`, `split`,
 * `substring`, `trim` and `join`.
 */
import { EvaluationError, type Environment } from "@marcbachmann/cel-js";
import { celString } from "./equality.ts";

function charAt(text: string, index: bigint): string {
  const points = [...text];
  const at = Number(index);
  if (at < 0 || at > points.length) throw new EvaluationError(`index out of range: ${at}`);
  return points[at] ?? "";
}

function replace(text: string, from: string, to: string, limit: bigint = -1n): string {
  if (limit < 0n) return text.replaceAll(from, to);
  let out = text;
  let start = 0;
  for (let count = 0n; count < limit; count += 1n) {
    const at = out.indexOf(from, start);
    if (at === -1) break;
    out = `${out.slice(0, at)}${to}${out.slice(at + from.length)}`;
    start = at + to.length + (from === "" ? 1 : 0);
  }
  return out;
}

function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function toNumber(value: unknown, verb: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  throw new EvaluationError(`format: %${verb} needs a number, got ${celString(value)}`);
}

function toInteger(value: unknown, verb: string): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  throw new EvaluationError(`format: %${verb} needs an integer, got ${celString(value)}`);
}

function formatVerb(verb: string, precision: number | undefined, value: unknown): string {
  switch (verb) {
    case "s":
      return celString(value);
    case "d":
      return toInteger(value, verb).toString();
    case "f":
      return toNumber(value, verb).toFixed(precision ?? 6);
    case "e":
      return toNumber(value, verb)
        .toExponential(precision ?? 6)
        .replace(/e([+-])(\d)$/, "e$10$2");
    case "b":
      return typeof value === "boolean" ? String(value) : toInteger(value, verb).toString(2);
    case "o":
      return toInteger(value, verb).toString(8);
    case "x":
    case "X": {
      const hex =
        typeof value === "string"
          ? Buffer.from(value, "utf8").toString("hex")
          : value instanceof Uint8Array
            ? Buffer.from(value).toString("hex")
            : toInteger(value, verb).toString(16);
      return verb === "X" ? hex.toUpperCase() : hex;
    }
    default:
      throw new EvaluationError(`format: unrecognized formatting clause "%${verb}"`);
  }
}

/**
 * cel-go's `string.format(list)`: `%s`, `%d`, `%f`, `%e` (with an optional
 * `.N` precision), `%b`, `%o`, `%x`, `%X` and `%%`.
 */
export function formatString(template: string, args: readonly unknown[]): string {
  let argument = 0;
  return template.replace(/%(?:\.(\d+))?([a-zA-Z%])/g, (_match, precision: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (argument >= args.length) throw new EvaluationError(`format: index ${argument} out of range`);
    const value = args[argument];
    argument += 1;
    return formatVerb(verb, precision === undefined ? undefined : Number(precision), value);
  });
}

/** The receiver of `strings.quote`. */
class StringsNamespace {}

/** Registers `charAt`, `replace`, `reverse`, `format` and `strings.quote`. */
export function registerStrings(env: Environment): void {
  env
    .registerFunction("string.charAt(int): string", charAt)
    .registerFunction("string.replace(string, string): string", (text: string, from: string, to: string) => replace(text, from, to))
    .registerFunction("string.replace(string, string, int): string", replace)
    .registerFunction("string.reverse(): string", (text: string) => [...text].reverse().join(""))
    .registerFunction("string.format(list): string", formatString)
    .registerType("StringsNamespace", StringsNamespace)
    .registerConstant("strings", "StringsNamespace", new StringsNamespace())
    .registerFunction("StringsNamespace.quote(string): string", (_namespace: StringsNamespace, text: string) => quote(text));
}
