import { describe, expect, it } from "vitest";
import { doubleQuoted, formatInlineString, formatNumber, isPlainSafe, literalLines } from "./yaml-scalar.ts";

/** Shows a string in a test name: JSON-quoted, every character outside printable ASCII escaped. */
function show(value: string): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Adds `shown`, the printable form of `input`, to each row of a table. */
function named<Row extends { input: string }>(rows: Row[]): Array<Row & { shown: string }> {
  return rows.map((row) => ({ ...row, shown: show(row.input) }));
}

describe("formatInlineString for values", () => {
  it.each(named([
    { input: "nginx", output: "nginx", reason: "letters read as a string in every schema" },
    { input: "ghcr.io/org/app:1.2.3", output: "ghcr.io/org/app:1.2.3", reason: "a colon not followed by a space is no indicator" },
    { input: "http://x", output: "http://x", reason: "a colon inside a letter-led scalar is no indicator or sexagesimal number" },
    { input: "/var/lib/data", output: "/var/lib/data", reason: "a leading slash is no indicator" },
    { input: "a.b_c-d@e+f", output: "a.b_c-d@e+f", reason: "the safe alphabet needs no quotes" },
    { input: "100m", output: "100m", reason: "a digit run with a unit suffix is no number" },
    { input: "128Mi", output: "128Mi", reason: "a binary-prefixed quantity is no number" },
    { input: "30s", output: "30s", reason: "a duration is no number" },
    { input: "on", output: '"on"', reason: "YAML 1.1 reads it as true" },
    { input: "off", output: '"off"', reason: "YAML 1.1 reads it as false" },
    { input: "yes", output: '"yes"', reason: "YAML 1.1 reads it as true" },
    { input: "no", output: '"no"', reason: "YAML 1.1 reads it as false" },
    { input: "y", output: '"y"', reason: "YAML 1.1 reads it as true" },
    { input: "n", output: '"n"', reason: "YAML 1.1 reads it as false" },
    { input: "Y", output: '"Y"', reason: "YAML 1.1 reads it as true" },
    { input: "NO", output: '"NO"', reason: "YAML 1.1 reads it as false" },
    { input: "True", output: '"True"', reason: "both versions read it as true" },
    { input: "null", output: '"null"', reason: "both versions read it as null" },
    { input: "Null", output: '"Null"', reason: "both versions read it as null" },
    { input: "~", output: '"~"', reason: "both versions read it as null" },
    { input: "", output: '""', reason: "an empty plain scalar is null" },
    { input: "1e3", output: '"1e3"', reason: "both versions read it as a float" },
    { input: "1E3", output: '"1E3"', reason: "both versions read it as a float" },
    { input: "1e", output: '"1e"', reason: "a digit-led scalar is plain only with a unit suffix" },
    { input: "1Ei", output: '"1Ei"', reason: "an exponent-like suffix is not trusted" },
    { input: "e0", output: '"e0"', reason: "the yaml package's YAML 1.1 schema reads a bare exponent as NaN" },
    { input: "E+12", output: '"E+12"', reason: "the yaml package's YAML 1.1 schema reads a bare exponent as NaN" },
    { input: "0x1F", output: '"0x1F"', reason: "both versions read it as a hexadecimal integer" },
    { input: "0o17", output: '"0o17"', reason: "YAML 1.2 reads it as an octal integer" },
    { input: "012", output: '"012"', reason: "YAML 1.1 reads it as an octal integer" },
    { input: "08", output: '"08"', reason: "YAML 1.1 reads it as a decimal integer" },
    { input: "1_000", output: '"1_000"', reason: "YAML 1.1 reads it as 1000" },
    { input: "1:20", output: '"1:20"', reason: "YAML 1.1 reads it as the sexagesimal integer 80" },
    { input: "12:30:45", output: '"12:30:45"', reason: "YAML 1.1 reads it as a sexagesimal integer" },
    { input: "2001-12-14", output: '"2001-12-14"', reason: "YAML 1.1 reads it as a timestamp" },
    { input: "0.1", output: '"0.1"', reason: "both versions read it as a float" },
    { input: "-0", output: '"-0"', reason: "both versions read it as an integer" },
    { input: "+1", output: '"+1"', reason: "both versions read it as an integer" },
    { input: ".5", output: '".5"', reason: "both versions read it as a float" },
    { input: "5.", output: '"5."', reason: "both versions read it as a float" },
    { input: ".inf", output: '".inf"', reason: "both versions read it as infinity" },
    { input: "-.Inf", output: '"-.Inf"', reason: "both versions read it as minus infinity" },
    { input: ".NaN", output: '".NaN"', reason: "both versions read it as NaN" },
    { input: "<<", output: '"<<"', reason: "YAML 1.1 reads it as a merge key" },
    { input: "=", output: '"="', reason: "YAML 1.1 reserves it as the value key" },
    { input: "a:", output: '"a:"', reason: "a trailing colon starts a mapping" },
    { input: "a: b", output: '"a: b"', reason: "a colon and space start a mapping" },
    { input: "x: y: z", output: '"x: y: z"', reason: "a colon and space start a mapping" },
    { input: "a #b", output: '"a #b"', reason: "a space and hash start a comment" },
    { input: "#c", output: '"#c"', reason: "a leading hash is a comment" },
    { input: "-", output: '"-"', reason: "a lone dash is a sequence entry" },
    { input: "- a", output: '"- a"', reason: "a dash and space start a sequence entry" },
    { input: "---", output: '"---"', reason: "three dashes mark a document start" },
    { input: "? x", output: '"? x"', reason: "a question mark and space start an explicit key" },
    { input: ": x", output: '": x"', reason: "a colon and space start a value" },
    { input: "&a", output: '"&a"', reason: "an ampersand starts an anchor" },
    { input: "*a", output: '"*a"', reason: "an asterisk starts an alias" },
    { input: "!tag", output: '"!tag"', reason: "an exclamation mark starts a tag" },
    { input: "%x", output: '"%x"', reason: "a percent sign starts a directive" },
    { input: "@x", output: '"@x"', reason: "the at sign is reserved" },
    { input: "`x", output: '"`x"', reason: "the backtick is reserved" },
    { input: "|", output: '"|"', reason: "a bar starts a literal block" },
    { input: ">", output: '">"', reason: "a greater-than sign starts a folded block" },
    { input: "'", output: "\"'\"", reason: "a single quote starts a single-quoted scalar" },
    { input: '"', output: '"\\""', reason: "a double quote starts a double-quoted scalar" },
    { input: "{a}", output: '"{a}"', reason: "a brace starts a flow mapping" },
    { input: "[a]", output: '"[a]"', reason: "a bracket starts a flow sequence" },
    { input: "a,b", output: '"a,b"', reason: "a comma is a flow indicator" },
    { input: " lead", output: '" lead"', reason: "leading spaces are dropped from plain scalars" },
    { input: "trail ", output: '"trail "', reason: "trailing spaces are dropped from plain scalars" },
    { input: "a\tb", output: '"a\\tb"', reason: "a tab is escaped" },
    { input: "a\nb", output: '"a\\nb"', reason: "an inline scalar never spans lines" },
    { input: "__proto__", output: '"__proto__"', reason: "an underscore is outside the safe leading alphabet" },
    { input: "é", output: '"é"', reason: "non-ASCII text is always quoted" },
  ]))("writes $shown as $output because $reason", ({ input, output }) => {
    expect(formatInlineString(input, "value")).toBe(output);
    expect(isPlainSafe(input, "value")).toBe(output === input);
  });
});

describe("formatInlineString for keys", () => {
  it.each(named([
    { input: "app.kubernetes.io/name", output: "app.kubernetes.io/name", reason: "the safe alphabet needs no quotes" },
    { input: "ghcr.io/a:1", output: '"ghcr.io/a:1"', reason: "a key never holds a colon unquoted" },
    { input: "http://x", output: '"http://x"', reason: "a key never holds a colon unquoted" },
    { input: "on", output: '"on"', reason: "YAML 1.1 reads it as the key true" },
    { input: "y", output: '"y"', reason: "YAML 1.1 reads it as the key true" },
    { input: "e5", output: '"e5"', reason: "the yaml package's YAML 1.1 schema reads it as NaN" },
    { input: "100m", output: "100m", reason: "a quantity is no number" },
    { input: "1", output: '"1"', reason: "a number key would be read as a number" },
    { input: "<<", output: '"<<"', reason: "YAML 1.1 reads it as a merge key" },
    { input: "", output: '""', reason: "an empty plain key is null" },
  ]))("writes the key $shown as $output because $reason", ({ input, output }) => {
    expect(formatInlineString(input, "key")).toBe(output);
  });
});

describe("doubleQuoted", () => {
  it.each([
    { name: "a double quote", input: 'a"b', output: '"a\\"b"' },
    { name: "a backslash", input: "a\\b", output: '"a\\\\b"' },
    { name: "a line feed", input: "a\nb", output: '"a\\nb"' },
    { name: "a tab", input: "\t", output: '"\\t"' },
    { name: "a carriage return", input: "a\r\nb", output: '"a\\r\\nb"' },
    { name: "NUL", input: "\u0000", output: '"\\x00"' },
    { name: "ESC", input: "\u001b", output: '"\\x1B"' },
    { name: "DEL", input: "\u007f", output: '"\\x7F"' },
    { name: "NEL, a YAML 1.1 line break", input: "\u0085", output: '"\\x85"' },
    { name: "the line separator", input: "\u2028", output: '"\\u2028"' },
    { name: "the paragraph separator", input: "\u2029", output: '"\\u2029"' },
    { name: "the byte order mark", input: "\ufeff", output: '"\\uFEFF"' },
    { name: "U+FFFE, which go-yaml rejects unescaped", input: "a\ufffe", output: '"a\\uFFFE"' },
    { name: "U+FFFF, which go-yaml rejects unescaped", input: "\uffff", output: '"\\uFFFF"' },
  ])("escapes $name", ({ input, output }) => {
    expect(doubleQuoted(input)).toBe(output);
  });

  it.each([
    { name: "a no-break space", input: "a\u00a0b" },
    { name: "accented letters", input: "é" },
    { name: "a surrogate pair", input: "\u{1f600}" },
    { name: "the replacement character U+FFFD", input: "\ufffd" },
  ])("keeps $name as it is", ({ input }) => {
    expect(doubleQuoted(input)).toBe(`"${input}"`);
  });

  it.each([
    { name: "a lone high surrogate", input: "a\ud800" },
    { name: "a lone low surrogate", input: "\udc00b" },
    { name: "swapped surrogates", input: "\ude00\ud83d" },
  ])("rejects $name with a TypeError", ({ input }) => {
    expect(() => doubleQuoted(input)).toThrow(TypeError);
    expect(() => doubleQuoted(input)).toThrow("lone UTF-16 surrogate");
  });
});

describe("literalLines", () => {
  it.each(named([
    { input: "a\nb", lines: ["a", "b"], chomp: "-", trailingBreaks: 0, reason: "no final line break strips it" },
    { input: "a\n", lines: ["a"], chomp: "", trailingBreaks: 1, reason: "one final line break clips" },
    { input: "a\n\n", lines: ["a"], chomp: "+", trailingBreaks: 2, reason: "several final line breaks keep" },
    { input: "\n\na", lines: ["", "", "a"], chomp: "-", trailingBreaks: 0, reason: "leading empty lines are content" },
    { input: "a\n b", lines: ["a", " b"], chomp: "-", trailingBreaks: 0, reason: "only the first content line sets the indentation" },
    { input: "a\tb\nc", lines: ["a\tb", "c"], chomp: "-", trailingBreaks: 0, reason: "inner tabs are content" },
    { input: "- x\n# y\n", lines: ["- x", "# y"], chomp: "", trailingBreaks: 1, reason: "indicators mean nothing inside a block" },
  ]))("splits $shown into lines with chomping '$chomp' because $reason", ({ input, lines, chomp, trailingBreaks }) => {
    expect(literalLines(input)).toEqual({ lines, chomp, trailingBreaks });
  });

  it.each(named([
    { input: "a", reason: "it has no line break" },
    { input: "\n", reason: "it has no content line" },
    { input: "\n\n", reason: "it has no content line" },
    { input: " a\nb", reason: "a leading space would be read as indentation" },
    { input: "\ta\nb", reason: "a leading tab on the first content line is not indentation" },
    { input: "\n a", reason: "a leading space on the first content line would be read as indentation" },
    { input: "a \nb", reason: "trailing spaces are stripped by editors" },
    { input: "a\t\nb", reason: "trailing tabs are stripped by editors" },
    { input: "a\r\nb", reason: "a carriage return is a line break" },
    { input: "a\n\u0085", reason: "NEL is a YAML 1.1 line break" },
    { input: "a\n\u2028", reason: "LS is a YAML 1.1 line break" },
    { input: "a\n\ufeff", reason: "a BOM is not printable" },
    { input: "a\n\uffff", reason: "go-yaml rejects U+FFFF" },
    { input: "a\n\u0000", reason: "NUL is not printable" },
    { input: "a\n\u{1f600}", reason: "surrogates take the checked double-quoted path" },
  ]))("leaves $shown to double quotes because $reason", ({ input }) => {
    expect(literalLines(input)).toBeUndefined();
  });
});

describe("formatNumber", () => {
  it.each([
    { input: 0, output: "0" },
    { input: -0, output: "0" },
    { input: 42, output: "42" },
    { input: -7, output: "-7" },
    { input: 0.1, output: "0.1" },
    { input: 2 ** 53, output: "9007199254740992" },
    { input: 1e20, output: "100000000000000000000" },
    { input: 1e21, output: "1.0e+21" },
    { input: 1.5e21, output: "1.5e+21" },
    { input: 1e-7, output: "1.0e-7" },
    { input: -2.5e-8, output: "-2.5e-8" },
    { input: 5e-324, output: "5.0e-324" },
    { input: Number.MAX_VALUE, output: "1.7976931348623157e+308" },
  ])("writes $input as $output", ({ input, output }) => {
    expect(formatNumber(input)).toBe(output);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("rejects %s, which JSON cannot carry", (input) => {
    expect(() => formatNumber(input)).toThrow(TypeError);
    expect(() => formatNumber(input)).toThrow(`number ${input} cannot be represented in a Kubernetes manifest`);
  });
});
