/**
 * The models as a definition of the platform uses them: TypeScript run by
 * Node's type stripping, importing them by their package paths.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("imports and validates the models from TypeScript run by Node's type stripping", () => {
  const script = fileURLToPath(new URL("fixtures/use-models.ts", import.meta.url));
  const output = execFileSync(process.execPath, [script], { encoding: "utf8" });
  expect(JSON.parse(output)).toEqual([
    { kind: "PostgresCluster", outcome: "valid" },
    { kind: "FluxInstance", outcome: "valid" },
    { kind: "OnePasswordItem", outcome: "valid" },
    { kind: "OnePasswordItem", outcome: "data/spec/itemPath must be string" },
  ]);
});
