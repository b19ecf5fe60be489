/**
 * The `exports` map of package.json, derived from the generated kinds, in
 * the layout of the published `@kubernetes-models/*` packages: the import
 * path names the API group and version, a deep import per kind.
 */
import type { KindId } from "./crds.ts";

/** The folder of the generated tree, relative to the package. */
export const GENERATED_DIR = "gen";

/** One entry of the map: the declarations for TypeScript, the module for everything else. */
export interface ExportTarget {
  readonly types: string;
  readonly default: string;
}

/** The `exports` field of package.json. */
export type ExportMap = Readonly<Record<string, ExportTarget | string>>;

function target(path: string): ExportTarget {
  return { types: `./${GENERATED_DIR}/${path}.d.ts`, default: `./${GENERATED_DIR}/${path}.js` };
}

/**
 * The map for some kinds:
 * - `.` → every group, as namespaces (`postgresOperatorCrunchydataCom.v1beta1.PostgresCluster`);
 * - `./<group>` and `./<group>/<version>` → their index modules;
 * - `./<group>/<version>/*` → one module per kind, e.g.
 *   `./postgres-operator.crunchydata.com/v1beta1/PostgresCluster`;
 * - `./package.json`.
 * Keys are sorted (by code unit), so the map does not depend on input order.
 */
export function exportMap(kinds: readonly KindId[]): ExportMap {
  const entries = new Map<string, ExportTarget | string>([
    [".", target("index")],
    ["./package.json", "./package.json"],
  ]);
  for (const kind of kinds) {
    const [group, version] = kind.split("/") as [string, string, string];
    entries.set(`./${group}`, target(`${group}/index`));
    entries.set(`./${group}/${version}`, target(`${group}/${version}/index`));
    entries.set(`./${group}/${version}/*`, target(`${group}/${version}/*`));
  }
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
