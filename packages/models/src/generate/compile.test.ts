import { describe, expect, it } from "vitest";
import { addJsExtensions } from "./compile.ts";

describe("addJsExtensions", () => {
  it.each([
    ['import { validate } from "../../_schemas/OnepasswordComV1OnePasswordItem";', 'import { validate } from "../../_schemas/OnepasswordComV1OnePasswordItem.js";'],
    ['export * from "./OnePasswordItem";', 'export * from "./OnePasswordItem.js";'],
    ['export * as v1 from "./v1/index";', 'export * as v1 from "./v1/index.js";'],
    ['export * from "./Kind.js";', 'export * from "./Kind.js";'],
    ['import { Model } from "@kubernetes-models/base";', 'import { Model } from "@kubernetes-models/base";'],
    [' * see import x from "./y";', ' * see import x from "./y";'],
  ])("turns %s into %s", (input, output) => {
    expect(addJsExtensions(input)).toBe(output);
  });
});
