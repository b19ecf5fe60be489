import { describe, expect, it } from "vitest";
import { hostName, hostNameProblem } from "./host-name.ts";

const REST = "use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit";

describe("hostNameProblem", () => {
  it.each(["app.example.org", "a-b.c.example.org", "localhost", `${"a".repeat(63)}.example.org`])("accepts %s", (value) => {
    expect(hostNameProblem(value)).toBeUndefined();
  });

  it.each([
    ["App.example.org", {}, `"App.example.org" is not a host name such as app.example.org: ${REST}`],
    ["https://app.example.org", {}, `"https://app.example.org" is not a host name such as app.example.org: ${REST}`],
    [`${"a".repeat(64)}.example.org`, {}, `"${"a".repeat(64)}.example.org" is not a host name such as app.example.org: ${REST}`],
    ["app", { fullyQualified: true }, `"app" is not a fully qualified host name such as app.example.org: ${REST}`],
    ["*.example.org", {}, `"*.example.org" is a wildcard: give one host name such as app.example.org`],
    ["a.*.example.org", { wildcard: true }, `"a.*.example.org" is not a host name or wildcard such as example.org or *.example.org: ${REST}`],
    ["*.org", { wildcard: true, fullyQualified: true }, `"*.org" is not a fully qualified host name or wildcard such as example.org or *.example.org: ${REST}`],
  ] as const)("rejects %s with %o", (value, options, message) => {
    expect(hostNameProblem(value, options)).toBe(message);
  });

  it("accepts a wildcard only where asked", () => {
    expect(hostNameProblem("*.example.org", { wildcard: true })).toBeUndefined();
    expect(hostNameProblem("*.example.org", { wildcard: true, fullyQualified: true })).toBeUndefined();
  });
});

describe("hostName", () => {
  it("says a missing host is required", () => {
    expect(hostName().safeParse(undefined).error?.issues[0]?.message).toBe("is required");
  });
});
