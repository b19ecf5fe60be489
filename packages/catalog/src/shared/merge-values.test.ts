import { describe, expect, it } from "vitest";
import { mergeValues } from "./merge-values.ts";

describe("mergeValues", () => {
  it("merges objects key by key and lets arrays, scalars and null replace", () => {
    const base = { server: { replicas: 1, metrics: { enabled: false } }, args: ["a"], dex: { enabled: false } };
    expect(mergeValues(base, { server: { metrics: { enabled: true } }, args: ["b"], dex: null, extra: 1 })).toEqual({
      server: { replicas: 1, metrics: { enabled: true } },
      args: ["b"],
      dex: null,
      extra: 1,
    });
    expect(base.server.metrics.enabled).toBe(false);
  });

  it("keeps the base for undefined overrides", () => {
    expect(mergeValues({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(mergeValues({ a: 1 }, { a: undefined })).toEqual({ a: 1 });
  });
});
