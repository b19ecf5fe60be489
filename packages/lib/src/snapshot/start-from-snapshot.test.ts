import { describe, expect, it } from "vitest";
import { runsFromSnapshot } from "./start-from-snapshot.ts";

describe("runsFromSnapshot", () => {
  it.each([
    [["gen"], true],
    [["gen", "production"], true],
    [["gen", "--check"], true],
    [["gen", "--watch"], false],
    [["gen", "--help"], false],
    [["gen", "-h"], false],
    [["validate"], false],
    [["snapshot"], false],
    [[], false],
  ])("%j: %s", (argv, expected) => {
    expect(runsFromSnapshot(argv)).toBe(expected);
  });
});
