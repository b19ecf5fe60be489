/**
 * Property-based round-trip tests of the YAML emitter: whatever JSON value
 * goes in, every parser a GitOps pipeline meets must read back exactly that
 * value: the `yaml` package in YAML 1.2 (core schema) and YAML 1.1 modes,
 * and `sigs.k8s.io/yaml` (go-yaml v2), which kubectl, Flux and kustomize use.
 *
 * Each property checks the `yaml` package inline (so fast-check shrinks a
 * failure to a minimal input) and collects what it emitted; the whole batch
 * then goes to the Go parser in one process.
 *
 * Set `FC_SEED` to replay a reported seed, and `FC_RUNS_SCALE` (e.g. `20`)
 * to multiply the number of runs for a longer soak.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseWithKubernetesYaml, type KubernetesYamlResult } from "../../test/k8s-yaml.ts";
import { emitDocument, emitValue, YamlEmitError } from "./yaml-emit.ts";

/** A JSON value as the tests generate it. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One emitted sample: the input and the YAML written for it. */
interface Sample {
  readonly input: Json;
  readonly text: string;
}

/** Strings that YAML 1.1 or 1.2 would read as something else if written plain. */
const NASTY_STRINGS = [
  "on", "off", "yes", "no", "y", "n", "Y", "NO", "True", "~", "null", "Null",
  "1e3", "1E3", "0x1F", "0o17", "08", "012", "1_000", "1:20", "12:30:45", "2001-12-14",
  "-", "- a", "? x", ": x", "a: b", "a #b", "#c", "&a", "*a", "!tag", "%x", "@x", "`x",
  "|", ">", "'", "\"", "", " ", " lead", "trail ",
  "a\nb", "a\n", "a\n\n", "\n", "\n\na", " a\nb", "a\n b", "a \nb", "a\tb", "\t", "a\r\nb",
  "\u0085", "\u2028", "\u2029", "\ufeff", "\u0000", "\u007f", "=", "<<",
  ".inf", "-.Inf", ".NaN", "100m", "128Mi", "1Ei", "1e", "0.1", "-0", "+1", ".5", "5.",
  "ghcr.io/a/b:1.2", "http://x", "a:", "a::b", "{a}", "[a]", "a,b", "x: y: z",
  // Found by these tests or added alongside: noncharacters go-yaml rejects
  // unescaped, document markers, the prototype key.
  "\ufffe", "\uffff", "a\n\uffff", "---", "...", "a\n---\nb", "__proto__",
];

/**
 * Keys (and values) longer than the 1024 characters an implicit YAML key
 * may span; kept rare because they are large.
 */
const LONG_STRINGS = ["k".repeat(1024), "k".repeat(1025), `"${"q".repeat(1023)}`, "é".repeat(1100), "a\n".repeat(600)];

/** Characters that change how YAML reads a scalar, for short dense strings. */
const SYNTAX_CHARACTERS = [
  " ", "\t", "\n", "\r", ":", "#", "-", "?", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">",
  "'", "\"", "%", "@", "`", "\\", "~", ".", "0", "1", "9", "e", "x", "a", "y", "n", "o", "_",
  "+", "=", "<", "/", "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff",
  "\u0000", "\u001b", "\u007f", "\u{1f600}", "é",
];

/** Lines for multi-line strings, which the emitter may write as literal blocks. */
const line = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SYNTAX_CHARACTERS.filter((c) => c !== "\n")), maxLength: 6 }),
  fc.constantFrom("", " ", "\t", "a", " a", "a ", "  b", "\tb", "---", "...", "# c", "- x", "k: v", "|"),
);

/** Multi-line strings with 0 to 3 trailing line breaks. */
const multiLine = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }))
  .map(([lines, breaks]) => lines.join("\n") + "\n".repeat(breaks));

/** Keys and string values: full Unicode, hand-picked cases, dense syntax, multi-line. */
const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: "binary" }), weight: 4 },
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...SYNTAX_CHARACTERS), maxLength: 10 }), weight: 3 },
  { arbitrary: multiLine, weight: 2 },
  { arbitrary: fc.constantFrom(...LONG_STRINGS), weight: 1 },
);

/** Numbers a JSON document can hold: integers, floats, extreme exponents, -0. */
const number: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    0, -0, 0.1, -1.5e-10, 1e-7, 5e-324, 1e20, 1e21, -1e21, 123456789012345680000,
    Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 2 ** 63, 2 ** 64, Number.MAX_VALUE, -Number.MAX_VALUE,
  ),
);

/** Any JSON value, like `fc.jsonValue`, but with the strings above for keys and values. */
const json: fc.Arbitrary<Json> = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    number,
    text,
    fc.array(tie("json"), { maxLength: 5 }),
    fc.dictionary(text, tie("json"), { maxKeys: 5 }),
  ),
})).json;

/**
 * A canonical JSON text: keys sorted, `-0` written as `0` (as JSON does), so
 * two values compare equal exactly when they mean the same JSON.
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== "object" || inner === null || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) {
      Object.defineProperty(sorted, key, { value: (inner as Record<string, unknown>)[key], enumerable: true });
    }
    return sorted;
  });
}

/** Wraps a value into a manifest, as `data` of a ConfigMap. */
function manifest(data: Json): Record<string, Json> {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data };
}

/** Reads a sample back with the `yaml` package in both YAML versions and checks the text's shape. */
function checkWithYamlPackage(text: string, expected: string): void {
  expect(canonical(parse(text)), "yaml 1.2 (core schema)").toBe(expected);
  expect(canonical(parse(text, { version: "1.1" })), "yaml 1.1").toBe(expected);
  expect(text, "no trailing whitespace, no CR").not.toMatch(/[ \t\r]$/m);
  expect(text.endsWith("\n"), "ends with a line feed").toBe(true);
}

/** Makes every character outside printable ASCII visible as `\u{…}`, for failure reports. */
function visible(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** Formats a Go result for a failure report. */
function describeGoResult(result: KubernetesYamlResult | undefined): string {
  if (result === undefined) return "<missing>";
  return result.error !== undefined ? `error: ${result.error}` : `json: ${visible(canonical(result.json))}`;
}

/** Checks a batch with `sigs.k8s.io/yaml`; fails listing the smallest mismatches. */
async function checkWithKubernetesYaml(samples: readonly Sample[], seed: number): Promise<void> {
  const results = await parseWithKubernetesYaml(samples.map((sample) => sample.text));
  const failures = samples
    .map((sample, i) => ({ ...sample, result: results[i] }))
    .filter(({ input, result }) => result?.error !== undefined || canonical(result?.json) !== canonical(input))
    .sort((a, b) => a.text.length - b.text.length);
  if (failures.length === 0) return;
  const report = failures
    .slice(0, 5)
    .map(({ input, text, result }) => `input: ${visible(canonical(input))}\nyaml:  ${visible(JSON.stringify(text))}\ngo ${describeGoResult(result)}`)
    .join("\n\n");
  expect.fail(`${failures.length} of ${samples.length} samples differ through sigs.k8s.io/yaml (seed ${seed}):\n\n${report}`);
}

/** How many times the default number of runs to do. */
const RUNS_SCALE = Number(process.env.FC_RUNS_SCALE ?? 1);

/** The seed of this run: `FC_SEED` when set, else a fresh one. */
const SEED = process.env.FC_SEED === undefined ? Date.now() ^ (Math.random() * 0x100000000) : Number(process.env.FC_SEED);

/**
 * Runs a round-trip property: emits each generated value with `emit`,
 * checks it with the `yaml` package at once and with the Go parser in one
 * batch at the end. `expected` maps the input to what a parser must return.
 */
async function checkRoundTrip<T extends Json>(
  arbitrary: fc.Arbitrary<T>,
  emit: (value: T) => string,
  expected: (value: T) => Json,
  numRuns: number,
): Promise<void> {
  const samples: Sample[] = [];
  fc.assert(
    fc.property(arbitrary, (value) => {
      const text = emit(value);
      const input = expected(value);
      checkWithYamlPackage(text, canonical(input));
      samples.push({ input, text });
    }),
    { numRuns: Math.ceil(numRuns * RUNS_SCALE), seed: SEED },
  );
  await checkWithKubernetesYaml(samples, SEED);
}

describe("YAML round trip through yaml 1.2, yaml 1.1 and sigs.k8s.io/yaml", () => {
  it("reads back any JSON value as the data of a manifest written by emitDocument", async () => {
    await checkRoundTrip(json, (value) => emitDocument(manifest(value)), manifest, 600);
  });

  it("reads back any bare JSON value written by emitValue", async () => {
    await checkRoundTrip(json, emitValue, (value) => value, 600);
  });

  it("reads back any string as a key, a value and a sequence item", async () => {
    const strings = fc.tuple(text, text).map(([key, value]): Json => ({
      [key]: value,
      "~list": [value, [value], { [key]: value, n: [value] }],
    }));
    await checkRoundTrip(strings, emitValue, (value) => value, 1000);
  });

  it("reads back any number as a value and inside a sequence", async () => {
    const numbers = fc.array(number, { minLength: 1, maxLength: 8 }).map((list): Json => ({ n: list[0]!, list }));
    await checkRoundTrip(numbers, emitValue, (value) => value, 500);
  });
});

/** Escapes `text` for use as a literal inside a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A string holding a lone UTF-16 surrogate, which has no UTF-8 encoding. */
const illFormed = fc
  .tuple(fc.string({ unit: "binary", maxLength: 4 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ unit: "binary", maxLength: 4 }), fc.boolean())
  .map(([before, code, after, withBreak]) => `${before}${withBreak ? "\n" : ""}${String.fromCharCode(code)}${after}`)
  .filter((value) => !value.isWellFormed());

describe("strings with lone surrogates", () => {
  it.each([
    ["a mapping value", (s: string) => emitValue({ k: s }), "k"],
    ["a sequence item", (s: string) => emitValue({ list: ["ok", s] }), "list[1]"],
    ["a bare value", (s: string) => emitValue(s), "<root>"],
    ["a manifest field", (s: string) => emitDocument(manifest({ x: s })), "data.x"],
    ["a mapping key", (s: string) => emitValue({ nested: { [s]: 1 } }), "nested"],
  ])("are rejected as %s with a YamlEmitError naming the field path", (_where, emit, path) => {
    fc.assert(
      fc.property(illFormed, (value) => {
        expect(() => emit(value)).toThrow(YamlEmitError);
        expect(() => emit(value)).toThrow(new RegExp(`^${escapeRegExp(path)}: (key: )?string contains a lone UTF-16 surrogate`));
      }),
      { numRuns: 100, seed: SEED },
    );
  });
});
