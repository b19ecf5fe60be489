/**
 * CEL equality, ordering and string conversion of runtime values, for the
 * library functions written here (`indexOf`, `isSorted`, `min`, `sets.*`,
 * `format`). Values are as `@marcbachmann/cel-js` represents them: `bigint`
 * (int), `number` (double), strings, booleans, `null`, arrays, plain
 * objects and `Map`s, `Date` (timestamp) and its `Duration`.
 */
import { EvaluationError } from "@marcbachmann/cel-js";
import { Duration } from "@marcbachmann/cel-js/evaluator";

/** A runtime value with its own CEL ordering, like `kubernetes.Quantity`. */
export interface Comparable {
  compareTo(other: unknown): number;
}

function isComparable(value: unknown): value is Comparable {
  return typeof value === "object" && value !== null && typeof (value as Partial<Comparable>).compareTo === "function";
}

function isPlainMap(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function entriesOf(value: unknown): [unknown, unknown][] | undefined {
  if (value instanceof Map) return [...value.entries()];
  if (isPlainMap(value)) return Object.entries(value);
  return undefined;
}

function durationNanos(value: Duration): bigint {
  return value.seconds * 1_000_000_000n + BigInt(value.nanos);
}

/** CEL's `==` (heterogeneous numbers compare by value; lists and maps element-wise). */
export function celEquals(left: unknown, right: unknown): boolean {
  if ((typeof left === "bigint" || typeof left === "number") && (typeof right === "bigint" || typeof right === "number")) {
    return typeof left === typeof right ? left === right : Number(left) === Number(right);
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    return Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every((item: unknown, index) => celEquals(item, right[index]));
  }
  if (left instanceof Duration && right instanceof Duration) return durationNanos(left) === durationNanos(right);
  if (left instanceof Date && right instanceof Date) return left.getTime() === right.getTime();
  if (isComparable(left) && isComparable(right) && left.constructor === right.constructor) return left.compareTo(right) === 0;
  const leftEntries = entriesOf(left);
  const rightEntries = entriesOf(right);
  if (leftEntries !== undefined && rightEntries !== undefined) {
    if (leftEntries.length !== rightEntries.length) return false;
    const rightMap = new Map(rightEntries);
    return leftEntries.every(([key, value]) => rightMap.has(key) && celEquals(value, rightMap.get(key)));
  }
  return left === right;
}

function sign(value: number | bigint): number {
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/**
 * CEL's ordering of two values of one comparable type: numbers (int and
 * double mixed), strings, booleans, durations, timestamps, and values with
 * a `compareTo` method.
 *
 * @returns -1, 0 or 1.
 * @throws {EvaluationError} when the values are not comparable.
 */
export function celCompare(left: unknown, right: unknown): number {
  if ((typeof left === "bigint" || typeof left === "number") && (typeof right === "bigint" || typeof right === "number")) {
    return typeof left === "bigint" && typeof right === "bigint" ? sign(left - right) : sign(Number(left) - Number(right));
  }
  if (typeof left === "string" && typeof right === "string") return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === "boolean" && typeof right === "boolean") return Number(left) - Number(right);
  if (left instanceof Duration && right instanceof Duration) return sign(durationNanos(left) - durationNanos(right));
  if (left instanceof Date && right instanceof Date) return sign(left.getTime() - right.getTime());
  if (isComparable(left) && isComparable(right)) return left.compareTo(right);
  throw new EvaluationError(`no such overload: cannot compare ${celString(left)} and ${celString(right)}`);
}

/** CEL's `string()` of a value, as `%s` in `format` prints it. */
export function celString(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  if (value === null || value === undefined) return "null";
  if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8");
  if (value instanceof Date) return value.toISOString().replace(".000Z", "Z");
  if (Array.isArray(value)) return `[${value.map((item: unknown) => celString(item)).join(", ")}]`;
  const entries = entriesOf(value);
  if (entries !== undefined) return `{${entries.map(([key, item]) => `${celString(key)}: ${celString(item)}`).join(", ")}}`;
  return String(value);
}
