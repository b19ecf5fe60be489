import { describe, expect, it } from "vitest";
import { cell, code, table } from "./markdown.ts";

describe("cell", () => {
  it.each([
    { text: "plain text, with: punctuation (and) `code`", escaped: "plain text, with: punctuation (and) `code`" },
    { text: "a|b", escaped: "a\\|b" },
    { text: "C:\\path", escaped: "C:\\\\path" },
    { text: "two\nlines", escaped: "two lines" },
    { text: "\\|\n", escaped: "\\\\\\| " },
    { text: "", escaped: "" },
  ])("writes $text as $escaped", ({ text, escaped }) => {
    expect(cell(text)).toBe(escaped);
  });

  it("keeps a table's columns whatever the cells hold", () => {
    const rendered = table(["a", "b"], [["x|y", "line\nbreak"], [code("p|q"), "\\"]]);
    for (const line of rendered.trimEnd().split("\n")) expect(line.split(/(?<!\\)\|/).length - 2).toBe(2);
  });
});
