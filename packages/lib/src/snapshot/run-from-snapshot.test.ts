import { describe, expect, it } from "vitest";
import { reExportSource } from "./run-from-snapshot.ts";

describe("reExportSource", () => {
  it("re-exports every export of the shared module, default and names that are not identifiers included", async () => {
    const shared = { default: "the default", plain: 1, "not-an-identifier": [2], fn: () => 3 };
    const url = "file:///somewhere/shared.js";
    (globalThis as Record<symbol, unknown>)[Symbol.for("typed-gitops.snapshot-modules")] = new Map([[url, shared]]);
    const source = reExportSource(url, Object.keys(shared));
    const module = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as Record<string, unknown>;
    expect(Object.keys(module).sort()).toEqual(Object.keys(shared).sort());
    for (const [name, value] of Object.entries(shared)) expect(module[name]).toBe(value);
  });
});
