/**
 * The Kubernetes quantity library (`k8s.io/apiserver/pkg/cel/library`,
 * `quantity.go`): `quantity("500Mi")`, `isQuantity(s)` and the methods
 * `sign`, `isInteger`, `asInteger`, `asApproximateFloat`, `add`, `sub`,
 * `isGreaterThan`, `isLessThan`, `compareTo`, with `==` comparing values
 * (`quantity("1") == quantity("1000m")`). Quantities are exact rationals.
 */
import { EvaluationError, type Environment } from "@marcbachmann/cel-js";

const BINARY_SUFFIXES: Readonly<Record<string, bigint>> = { Ki: 2n ** 10n, Mi: 2n ** 20n, Gi: 2n ** 30n, Ti: 2n ** 40n, Pi: 2n ** 50n, Ei: 2n ** 60n };
const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-])?(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function gcd(left: bigint, right: bigint): bigint {
  let a = left < 0n ? -left : left;
  let b = right;
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** A `resource.Quantity` as an exact fraction `numerator / denominator`. */
export class Quantity {
  readonly numerator: bigint;
  readonly denominator: bigint;

  constructor(numerator: bigint, denominator = 1n) {
    const divisor = gcd(numerator, denominator);
    this.numerator = numerator / divisor;
    this.denominator = denominator / divisor;
  }

  /** -1, 0 or 1 by how this compares to `other`. */
  compareTo(other: unknown): number {
    if (!(other instanceof Quantity)) throw new EvaluationError("no such overload: a quantity compares only to a quantity");
    const difference = this.numerator * other.denominator - other.numerator * this.denominator;
    return difference > 0n ? 1 : difference < 0n ? -1 : 0;
  }

  /** The sum with `other`. */
  plus(other: Quantity): Quantity {
    return new Quantity(this.numerator * other.denominator + other.numerator * this.denominator, this.denominator * other.denominator);
  }

  /** Whether it is a whole number that fits an int64. */
  isInteger(): boolean {
    return this.denominator === 1n && this.numerator >= INT64_MIN && this.numerator <= INT64_MAX;
  }

  toString(): string {
    return this.denominator === 1n ? this.numerator.toString() : `${this.numerator.toString()}/${this.denominator.toString()}`;
  }
}

/**
 * Parses a quantity as `resource.ParseQuantity`: a signed decimal number
 * and an optional suffix (`Ki`…`Ei`, `n`, `u`, `m`, `k`, `M`, `G`, `T`,
 * `P`, `E`, or an exponent like `e3`).
 *
 * @returns `undefined` when the text is not a quantity.
 */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (match === null) return undefined;
  const [, sign = "", number = "", suffix = ""] = match;
  const [whole = "", fraction = ""] = number.split(".");
  let numerator = BigInt(`${whole}${fraction}` === "" ? "0" : `${whole}${fraction}`);
  let denominator = 10n ** BigInt(fraction.length);
  if (sign === "-") numerator = -numerator;
  const binary = BINARY_SUFFIXES[suffix];
  const exponent = binary === undefined ? (DECIMAL_EXPONENTS[suffix] ?? Number(suffix.slice(1))) : 0;
  if (binary !== undefined) numerator *= binary;
  else if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  return new Quantity(numerator, denominator);
}

function quantity(text: string): Quantity {
  const parsed = parseQuantity(text);
  if (parsed === undefined) throw new EvaluationError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  return parsed;
}

function asInteger(value: Quantity): bigint {
  if (!value.isInteger()) throw new EvaluationError("cannot convert value to integer");
  return value.numerator;
}

const TYPE = "kubernetes.Quantity";

/** Registers `quantity`, `isQuantity` and the methods of `kubernetes.Quantity`. */
export function registerQuantity(env: Environment): void {
  env
    .registerType(TYPE, Quantity)
    .registerFunction(`quantity(string): ${TYPE}`, quantity)
    .registerFunction("isQuantity(string): bool", (text: string) => parseQuantity(text) !== undefined)
    .registerFunction(`${TYPE}.sign(): int`, (value: Quantity) => BigInt(value.compareTo(new Quantity(0n))))
    .registerFunction(`${TYPE}.isInteger(): bool`, (value: Quantity) => value.isInteger())
    .registerFunction(`${TYPE}.asInteger(): int`, asInteger)
    .registerFunction(`${TYPE}.asApproximateFloat(): double`, (value: Quantity) => Number(value.numerator) / Number(value.denominator))
    .registerFunction(`${TYPE}.add(${TYPE}): ${TYPE}`, (value: Quantity, other: Quantity) => value.plus(other))
    .registerFunction(`${TYPE}.add(int): ${TYPE}`, (value: Quantity, other: bigint) => value.plus(new Quantity(other)))
    .registerFunction(`${TYPE}.sub(${TYPE}): ${TYPE}`, (value: Quantity, other: Quantity) => value.plus(new Quantity(-other.numerator, other.denominator)))
    .registerFunction(`${TYPE}.sub(int): ${TYPE}`, (value: Quantity, other: bigint) => value.plus(new Quantity(-other)))
    .registerFunction(`${TYPE}.isGreaterThan(${TYPE}): bool`, (value: Quantity, other: Quantity) => value.compareTo(other) > 0)
    .registerFunction(`${TYPE}.isLessThan(${TYPE}): bool`, (value: Quantity, other: Quantity) => value.compareTo(other) < 0)
    .registerFunction(`${TYPE}.compareTo(${TYPE}): int`, (value: Quantity, other: Quantity) => BigInt(value.compareTo(other)))
    .registerOperator(`${TYPE} == ${TYPE}`, (value: Quantity, other: Quantity) => value.compareTo(other) === 0);
}
