import { describe, expect, it } from "vitest";
import { compileRe2 } from "./re2.ts";

describe("compileRe2", () => {
  it.each([
    ["^(?i)abc$", "ABC", true],
    ["^a(?i)bc$", "aBC", true],
    ["^a(?i)bc$", "ABC", false],
    ["(?i:ab)c", "ABc", true],
    ["(?s)a.b", "a\nb", true],
    ["^(?P<name>[a-z]+)$", "abc", true],
    ["\\Aab\\z", "ab", true],
    ["\\Aab\\z", "xab", false],
    ["^[[:alpha:]][[:digit:]]+$", "a12", true],
    ["^\\pL+$", "héllo", true],
    ["^\\Q.*\\E$", ".*", true],
    ["^\\Q.*\\E$", "ab", false],
    ["^(?:--|/[*]|[*]/)", "--x", true],
    ["^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$", "/a%20b", true],
  ])("matches %s against %j: %s", (pattern, text, expected) => {
    expect(compileRe2(pattern).test(text)).toBe(expected);
  });

  it("rejects an invalid pattern with the pattern in the message", () => {
    expect(() => compileRe2("(a")).toThrow('invalid regular expression "(a"');
  });
});
