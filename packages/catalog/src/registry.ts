/**
 * Every catalog entry, in page order: the source of the generated catalog
 * page (`docs/catalog.md`).
 */
import { CATALOG_GROUPS, type CatalogEntry } from "./catalog-entry.ts";
import { entries as app } from "./app/entries.ts";
import { entries as certificates } from "./certificates/entries.ts";
import { entries as data } from "./data/entries.ts";
import { entries as edge } from "./edge/entries.ts";
import { entries as gitops } from "./gitops/entries.ts";
import { entries as identity } from "./identity/entries.ts";
import { entries as mesh } from "./mesh/entries.ts";
import { entries as observability } from "./observability/entries.ts";
import { entries as scalingStorage } from "./scaling-storage/entries.ts";
import { entries as secrets } from "./secrets/entries.ts";
import { entries as traffic } from "./traffic/entries.ts";
import { entries as monitoring } from "./monitoring/entries.ts";

/** The catalog, sorted by section in {@link CATALOG_GROUPS} order, then as each section lists it. */
export const CATALOG: readonly CatalogEntry[] = (() => {
  const all = [...gitops, ...traffic, ...mesh, ...certificates, ...secrets, ...identity, ...edge, ...data, ...observability, ...monitoring, ...scalingStorage, ...app];
  const order = new Map<string, number>(CATALOG_GROUPS.map((group, index) => [group.id, index]));
  return all.map((entry, index) => ({ entry, index })).sort((a, b) => order.get(a.entry.group)! - order.get(b.entry.group)! || a.index - b.index).map(({ entry }) => entry);
})();
