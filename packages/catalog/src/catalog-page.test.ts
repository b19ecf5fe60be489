import { readFileSync } from "node:fs";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { CATALOG_PAGE, propsTable, renderCatalogPage } from "./catalog-page.ts";
import { CATALOG } from "./registry.ts";

describe("the catalog page", () => {
  it("is committed exactly as the entries render it (run `pnpm --filter @typed-gitops/catalog catalog-docs` after changing a component)", () => {
    const committed = readFileSync(new URL(`../../../${CATALOG_PAGE}`, import.meta.url), "utf8");
    expect(committed).toBe(renderCatalogPage(CATALOG));
  });

  it("lists every entry once, with its props table and example", () => {
    const page = renderCatalogPage(CATALOG);
    const names = CATALOG.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(page).toContain(`### ${name}\n`);
  });

  it("shows each prop's type, default and description, nested props with dotted paths", () => {
    const schema = z
      .object({
        name: z.string().describe("The name."),
        replicas: z.number().int().default(2).describe("How many. Default: 2."),
        mode: z.enum(["a", "b"]).default("a").describe("The mode. Default: a."),
        tls: z.object({ issuer: z.string().describe("The issuer.") }).strict().optional().describe("TLS settings."),
      })
      .strict();
    expect(propsTable(schema)).toBe(
      [
        "| Prop | Type | Default | Description |",
        "| --- | --- | --- | --- |",
        "| `name` | `string` | **required** | The name. |",
        "| `replicas` | `number` | `2` | How many. Default: 2. |",
        '| `mode` | `"a" \\| "b"` | `"a"` | The mode. Default: a. |',
        "| `tls` | `object` |  | TLS settings. |",
        "| `tls.issuer` | `string` | **required** | The issuer. |",
        "",
      ].join("\n"),
    );
  });
});
