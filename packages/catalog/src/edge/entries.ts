/**
 * Catalog section: edge.
 */
import type { CatalogEntry } from "../catalog-entry.ts";

/** The catalog entries of this section, in page order. */
export const entries: readonly CatalogEntry[] = [];
