import { describe, expect, it } from "vitest";
import { orderedKeys } from "./key-order.ts";

describe("orderedKeys", () => {
  it("puts apiVersion, kind and metadata first at the document level, then the rest by code unit", () => {
    expect(orderedKeys({ spec: 1, zeta: 1, kind: "K", Alpha: 1, metadata: {}, apiVersion: "v1" }, "document")).toEqual([
      "apiVersion", "kind", "metadata", "Alpha", "spec", "zeta",
    ]);
  });

  it("orders metadata as name, namespace, labels, annotations, then the rest", () => {
    expect(orderedKeys({ annotations: {}, finalizers: [], labels: {}, namespace: "n", name: "x" }, "metadata")).toEqual([
      "name", "namespace", "labels", "annotations", "finalizers",
    ]);
  });

  it("puts name first in nested mappings and drops undefined values", () => {
    expect(orderedKeys({ image: "i", name: "c", args: undefined, env: [] }, "nested")).toEqual(["name", "env", "image"]);
  });

  it("does not depend on the locale: upper case sorts before lower case, dotted keys by code unit", () => {
    expect(orderedKeys({ b: 1, "a.b": 1, B: 1, a: 1, "ı": 1, i: 1 }, "nested")).toEqual(["B", "a", "a.b", "b", "i", "ı"]);
  });
});

describe("orderedKeys on large mappings", () => {
  it("orders a mapping too large for the insertion sort like a small one", () => {
    const keys = Array.from({ length: 60 }, (_, i) => `k${(i * 37) % 60}`);
    const mapping = Object.fromEntries([...keys.map((key) => [key, 1]), ["name", "x"], ["skipped", undefined]]);
    const expected = ["name", ...keys.slice().sort()];
    expect(orderedKeys(mapping, "nested")).toEqual(expected);
    // The same keys, a few at a time, order the same way.
    const small = Object.fromEntries([["k9", 1], ["name", "x"], ["k10", 1], ["K1", 1]]);
    expect(orderedKeys(small, "nested")).toEqual(["name", "K1", "k10", "k9"]);
  });
});
