import { describe, expect, it } from "vitest";
import { denormalizeCelText, normalizeCelSource } from "./source.ts";

describe("normalizeCelSource", () => {
  it.each([
    ["has(self.a)", "k8s_has(self.a)"],
    ["has (self.a)", "k8s_has (self.a)"],
    ["has(self[0].matches) && self.matches.size() > 0", "k8s_has(self[0].matches) && self.matches.size() > 0"],
    ["self.x.matches('^has(')", "self.x.k8s_matches('^has(')"],
    ['matches(self, r"""duration(""") && duration("1s") > duration(self)', 'k8s_matches(self, r"""duration(""") && k8s_duration("1s") > k8s_duration(self)'],
    ["'it\\'s has(x)' == self.hasValue", "'it\\'s has(x)' == self.hasValue"],
    ["self.?config.hasValue() && self.durations.all(d, d.has)", "self.?config.hasValue() && self.durations.all(d, d.has)"],
  ])("rewrites %s as %s", (source, expected) => {
    expect(normalizeCelSource(source)).toBe(expected);
  });

  it("turns the renamed built-ins in a message back into their names", () => {
    expect(denormalizeCelText("found no matching overload for 'k8s_matches(int, string)'")).toBe("found no matching overload for 'matches(int, string)'");
  });
});
