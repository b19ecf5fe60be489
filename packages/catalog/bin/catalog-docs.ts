/**
 * Writes the catalog page, `docs/catalog.md`, from the catalog entries.
 * Usage: pnpm --filter @typed-gitops/catalog catalog-docs
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CATALOG_PAGE, renderCatalogPage } from "../src/catalog-page.ts";
import { CATALOG } from "../src/registry.ts";

const target = fileURLToPath(new URL(`../../../${CATALOG_PAGE}`, import.meta.url));
writeFileSync(target, renderCatalogPage(CATALOG));
console.log(`catalog-docs: wrote ${CATALOG_PAGE} (${CATALOG.length} entries)`);
