import { describe, expect, it } from "vitest";
import { ScopedMemo } from "./scoped-memo.ts";

describe("ScopedMemo", () => {
  const counting = () => {
    const calls: number[][] = [];
    const memo = new ScopedMemo((input: number[]) => {
      calls.push(input);
      return input.length;
    });
    return { memo, calls };
  };

  it("derives the value once for every reader inside during", () => {
    const { memo, calls } = counting();
    const input = [1, 2, 3];
    const seen = memo.during(input, () => [memo.of(input), memo.of(input), memo.of(input)]);
    expect(seen).toEqual([3, 3, 3]);
    expect(calls).toHaveLength(1);
  });

  it("derives afresh outside during, and for another input inside it", () => {
    const { memo, calls } = counting();
    const input = [1, 2, 3];
    const other = [4];
    expect(memo.during(input, () => memo.of(other))).toBe(1);
    input.push(4);
    expect(memo.of(input)).toBe(4);
    expect(calls).toEqual([input, other, input]);
  });

  it("restores the outer scope after a nested one, and after a throw", () => {
    const { memo, calls } = counting();
    const outer = [1];
    const inner = [1, 2];
    memo.during(outer, () => {
      memo.during(inner, () => expect(memo.of(inner)).toBe(2));
      expect(memo.of(outer)).toBe(1);
      expect(() => memo.during(inner, () => { throw new Error("stop"); })).toThrow("stop");
      expect(memo.of(outer)).toBe(1);
    });
    expect(calls).toEqual([outer, inner, inner]);
  });
});
