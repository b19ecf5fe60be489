import { describe, expect, it } from "vitest";
import { compileCelExpression } from "../compile.ts";

/** Runs an expression with `self` bound, failing on compile errors. */
function run(expression: string, self: unknown = null, resultType: "bool" | "string" = "bool"): unknown {
  const compiled = compileCelExpression(expression, { resultType });
  if (compiled.kind === "unsupported") throw new Error(`does not compile: ${compiled.reason}`);
  return compiled.program({ self });
}

/** Runs an expression that must fail at run time, and returns the error's message. */
function failure(expression: string, self: unknown = null): string {
  try {
    run(expression, self);
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
  }
  return "no error";
}

const TRUE_EXPRESSIONS: Readonly<Record<string, readonly (readonly [expression: string, self?: unknown])[]>> = {
  "macros and has()": [
    ["has(self[0].matches) && !has(self[1].matches)", [{ matches: [] }, {}]],
    ["!has(self.?a.b) && has(self.?c.d)", { c: { d: 1n } }],
    ["self.all(x, x > 0) && self.exists(x, x == 2) && self.exists_one(x, x == 3)", [1n, 2n, 3n]],
    ["self.map(x, x * 2) == [2, 4] && self.filter(x, x > 1) == [2]", [1n, 2n]],
    ["self.?a.optMap(v, v + 1).orValue(0) == 2 && self.?b.optMap(v, v + 1).orValue(0) == 0", { a: 1n }],
    ["self.?a.optFlatMap(v, optional.of(v * 2)).value() == 4", { a: 2n }],
    ["cel.bind(x, self.size(), x == 3)", "abc"],
  ],
  "durations and timestamps": [
    ["duration('0') == duration('0s') && duration('1h30m') == duration('90m') && duration('-1.5s') < duration('0')"],
    ["duration('300ms') + duration('700ms') == duration('1s')"],
    ["timestamp('2024-01-15T14:30:45Z').getFullYear() == 2024"],
  ],
  "regular expressions with RE2 syntax": [
    [String.raw`self.matches(r"""^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$""")`, "Foo.Bar_1"],
    ["matches(self, '^[[:alpha:]]+$') && !self.matches('\\\\Aa\\\\z')", "abc"],
    ["self.find('[0-9]+') == '123' && self.findAll('[a-z]') == ['a', 'b'] && self.findAll('[a-z]', 1) == ['a']", "a123b"],
    ["self.find('x') == ''", "abc"],
  ],
  "strings": [
    ["self.lowerAscii() == 'abc' && self.upperAscii() == 'ABC'", "aBc"],
    ["self.split('/') == ['a', 'b'] && ['a', 'b'].join('-') == 'a-b'", "a/b"],
    ["self.indexOf('b') == 1 && self.lastIndexOf('b') == 2 && self.substring(1, 3) == 'bb'", "abbc"],
    ["self.replace('b', 'x') == 'axxc' && self.replace('b', 'x', 1) == 'axbc'", "abbc"],
    ["self.trim() == 'a' && ' a'.charAt(1) == 'a' && 'abc'.reverse() == 'cba'", " a "],
    ["'%s has %d replicas, %.2f%%'.format(['web', 3, 99.5]) == 'web has 3 replicas, 99.50%'"],
    ["strings.quote('a\"b') == '\"a\\\\\"b\"'"],
  ],
  "lists and sets": [
    ["self.isSorted() && !['b', 'a'].isSorted()", [1n, 2n, 3n]],
    ["self.sum() == 6 && self.min() == 1 && self.max() == 3", [1n, 2n, 3n]],
    ["[1.5, 2.5].sum() == 4.0 && [duration('1s'), duration('2s')].sum() == duration('3s')"],
    ["self.indexOf('b') == 1 && self.lastIndexOf('a') == 2 && self.indexOf('z') == -1", ["a", "b", "a"]],
    ["sets.contains([1, 2, 3], [3, 1]) && sets.equivalent([1, 2], [2, 1, 1]) && sets.intersects([1], [2, 1]) && !sets.intersects([1], [2])"],
  ],
  "quantities": [
    ["quantity('1Gi').asInteger() == 1073741824 && quantity('1.5').asApproximateFloat() == 1.5"],
    ["quantity('1') == quantity('1000m') && quantity('500Mi').isLessThan(quantity('1Gi')) && quantity('2k').isGreaterThan(quantity('1e3'))"],
    ["quantity('100m').add(quantity('900m')) == quantity('1') && quantity('1').sub(1).sign() == 0 && quantity('-1').sign() == -1"],
    ["quantity('1Ki').compareTo(quantity('1k')) == 1 && !quantity('1.5').isInteger() && quantity('2').isInteger()"],
    ["isQuantity('10Mi') && isQuantity('.5') && !isQuantity('10MB') && !isQuantity('')"],
  ],
  "URLs": [
    ["url('https://user@example.com:8443/a%20b?x=1&x=2&y=').getScheme() == 'https'"],
    ["url('https://example.com:8443/p').getHost() == 'example.com:8443' && url('https://example.com:8443/p').getHostname() == 'example.com'"],
    ["url('https://[::1]:80/').getHostname() == '::1' && url('https://[::1]:80/').getPort() == '80' && url('https://example.com/').getPort() == ''"],
    ["url('https://example.com/a%20b').getEscapedPath() == '/a%20b' && url('/p?x=1&x=2&y=').getQuery() == {'x': ['1', '2'], 'y': ['']}"],
    ["isURL('oci://ghcr.io/a/b:v1') && isURL('/absolute/path') && isURL('mailto:a@example.com') && !isURL('example.com/path') && !isURL('https://exa mple.com')"],
  ],
  "IPs and CIDRs": [
    ["isIP('10.0.0.1') && isIP('2001:db8::1') && !isIP('10.0.0.01') && !isIP('::ffff:10.0.0.1') && !isIP('fe80::1%eth0') && !isIP('example.com')"],
    ["ip('10.0.0.1').family() == 4 && ip('::1').family() == 6 && ip('127.0.0.1').isLoopback() && ip('0.0.0.0').isUnspecified()"],
    ["ip('169.254.1.1').isLinkLocalUnicast() && ip('224.0.0.1').isLinkLocalMulticast() && ip('8.8.8.8').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast()"],
    ["string(ip('2001:DB8:0:0:0:0:0:1')) == '2001:db8::1' && ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1') && ip('10.0.0.1') == ip('10.0.0.1')"],
    ["cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP(ip('11.0.0.1')) && cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')"],
    ["cidr('10.1.2.3/8').masked() == cidr('10.0.0.0/8') && cidr('10.0.0.0/8').prefixLength() == 8 && string(cidr('10.1.2.3/8').ip()) == '10.1.2.3'"],
    ["isCIDR('2001:db8::/32') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0')"],
  ],
  "formats": [
    ["!format.dns1123Label().validate('my-name').hasValue() && format.dns1123Label().validate('My_Name').hasValue()"],
    ["format.dns1123Label().validate(self).value() == ['must be no more than 63 characters']", "a".repeat(64)],
    ["!format.named('dns1123Subdomain').value().validate('example.com').hasValue() && !format.named('nope').hasValue()"],
    ["!format.qualifiedName().validate('example.com/MyName').hasValue() && format.qualifiedName().validate('/x').value() == ['prefix part must be non-empty']"],
    ["!format.labelValue().validate('').hasValue() && !format.dns1123LabelPrefix().validate('my-').hasValue() && !format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()"],
  ],
};

describe("the Kubernetes CEL libraries", () => {
  describe.each(Object.entries(TRUE_EXPRESSIONS))("%s", (_library, cases) => {
    it.each(cases.map(([expression, self]) => ({ expression, self })))("evaluate $expression to true", ({ expression, self }) => {
      expect(run(expression, self)).toBe(true);
    });
  });

  it("gives the API server's messages for an invalid DNS-1123 label", () => {
    expect(run("format.dns1123Label().validate(self).value()[0]", "a_b", "string")).toEqual(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it.each([
    ["quantity('1.5').asInteger() > 0", "cannot convert value to integer"],
    ["url('example.com').getScheme() == ''", 'URL parse error during conversion from string: parse "example.com": invalid URI for request'],
    ["ip('10.0.0.01').family() == 4", 'IP Address "10.0.0.01" parse error during conversion from string: ParseAddr("10.0.0.01"): unable to parse IP'],
    ["self.min() == 0", "min() called on an empty list"],
    ["duration('1d') > duration('0s')", 'time: invalid duration "1d"'],
  ])("fails %s at run time with %s", (expression, message) => {
    expect(failure(expression, [])).toBe(message);
  });
});
