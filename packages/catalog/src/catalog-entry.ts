/**
 * How a component describes itself for the catalog page, which is
 * generated from these entries and the zod descriptions of their props, so
 * the documentation cannot drift from the code.
 */
import type { z } from "zod";

/** The catalog's sections, in page order. */
export const CATALOG_GROUPS = [
  { id: "gitops", title: "GitOps" },
  { id: "traffic", title: "Ingress and traffic" },
  { id: "certificates", title: "Certificates" },
  { id: "secrets", title: "Secrets" },
  { id: "identity", title: "Identity" },
  { id: "edge", title: "Edge" },
  { id: "data", title: "Data" },
  { id: "observability", title: "Observability" },
  { id: "scaling-storage", title: "Scaling and storage" },
  { id: "applications", title: "Applications" },
] as const;

/** A catalog section id. */
export type CatalogGroup = (typeof CATALOG_GROUPS)[number]["id"];

/** One component (or helper) on the catalog page. */
export interface CatalogEntry {
  /** The exported function, e.g. `certManager`. */
  readonly name: string;
  /** The section it is listed under. */
  readonly group: CatalogGroup;
  /** One or two sentences: what it renders and where (which layers). */
  readonly summary: string;
  /** The zod schema of its props; every field's `.describe()` is shown with its default. */
  readonly props: z.ZodType;
  /** A short TypeScript example of its use in a cluster definition. */
  readonly example: string;
  /** The pinned chart or app versions it deploys, e.g. `cert-manager v1.21.1`. @default none */
  readonly pins?: readonly string[];
}
