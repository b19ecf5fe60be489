/**
 * Durations as the API server reads them: cel-go's `duration(string)`
 * parses Go's `time.ParseDuration` syntax (`"0"`, `"1h30m"`, `"-1.5s"`,
 * `"300ms"`), and a schema string field with `format: duration` becomes a
 * CEL duration through go-openapi's `strfmt.ParseDuration`, which also
 * accepts `"3 days"` or `"5min"`.
 */
import { EvaluationError, type Environment } from "@marcbachmann/cel-js";
import { Duration } from "@marcbachmann/cel-js/evaluator";

const NANOS_PER_SECOND = 1_000_000_000n;

const GO_UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  "µs": 1_000n,
  "μs": 1_000n,
  ms: 1_000_000n,
  s: NANOS_PER_SECOND,
  m: 60n * NANOS_PER_SECOND,
  h: 3_600n * NANOS_PER_SECOND,
};

const MAX_NANOS = 2n ** 63n - 1n;

function fromNanos(total: bigint): Duration {
  const seconds = total / NANOS_PER_SECOND;
  const nanos = Number(total % NANOS_PER_SECOND);
  return new Duration(seconds, nanos);
}

/**
 * Parses Go's duration syntax, as `time.ParseDuration`.
 *
 * @returns the duration in nanoseconds.
 * @throws {EvaluationError} for anything else.
 */
export function parseGoDurationNanos(text: string): bigint {
  const invalid = (): EvaluationError => new EvaluationError(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest.startsWith("-");
    rest = rest.slice(1);
  }
  if (rest === "0") return 0n;
  if (rest === "") throw invalid();
  let total = 0n;
  while (rest !== "") {
    const match = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (match === null) throw invalid();
    const [whole, integer = "", fraction = "", unit = ""] = match;
    const scale = GO_UNITS[unit];
    if ((integer === "" && fraction === "") || scale === undefined) throw invalid();
    total += BigInt(integer === "" ? "0" : integer) * scale;
    if (fraction !== "") total += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    if (total > MAX_NANOS) throw invalid();
    rest = rest.slice(whole.length);
  }
  return negative ? -total : total;
}

/** {@link parseGoDurationNanos} as a CEL duration. */
export function parseGoDuration(text: string): Duration {
  return fromNanos(parseGoDurationNanos(text));
}

/** go-openapi strfmt's unit names; the last of each is also matched as a prefix (`"mins"`, `"hours"`). */
const STRFMT_UNITS: readonly (readonly [bigint, readonly string[]])[] = [
  [1n, ["ns", "nano"]],
  [1_000n, ["us", "µs", "micro"]],
  [1_000_000n, ["ms", "milli"]],
  [NANOS_PER_SECOND, ["s", "sec"]],
  [60n * NANOS_PER_SECOND, ["m", "min"]],
  [3_600n * NANOS_PER_SECOND, ["h", "hr", "hour"]],
  [86_400n * NANOS_PER_SECOND, ["d", "day"]],
  [604_800n * NANOS_PER_SECOND, ["w", "wk", "week"]],
];

/**
 * Parses a `format: duration` string as go-openapi's
 * `strfmt.ParseDuration`: Go's syntax, or one `<integer> <unit>` with
 * units like `d`, `day`, `days`, `wk`, `hours`.
 *
 * @returns `undefined` when the text is not a duration.
 */
export function parseSchemaDuration(text: string): Duration | undefined {
  try {
    return parseGoDuration(text);
  } catch {
    const match = /^((?:-\s?)?\d+)\s*([A-Za-zµ]+)/.exec(text);
    if (match === null) return undefined;
    const factor = BigInt((match[1] ?? "0").replace(/\s/g, ""));
    const unit = (match[2] ?? "").toLowerCase();
    let total = 0n;
    let matched = false;
    for (const [scale, variants] of STRFMT_UNITS) {
      variants.forEach((variant, index) => {
        if (variant === unit || (index === variants.length - 1 && unit.startsWith(variant))) {
          matched = true;
          total += factor * scale;
        }
      });
    }
    return matched ? fromNanos(total) : undefined;
  }
}

/** Registers `k8s_duration(string)` (cel-go's `duration()`, renamed by `source.ts`) and `k8s_duration(duration)`. */
export function registerDurations(env: Environment): void {
  env
    .registerFunction("k8s_duration(string): google.protobuf.Duration", parseGoDuration)
    .registerFunction("k8s_duration(google.protobuf.Duration): google.protobuf.Duration", (value: Duration) => value);
}
