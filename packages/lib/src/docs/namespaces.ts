/**
 * The page's namespace section: every namespace the tree uses, the
 * component that creates it and what lives in it.
 */
import { byCodeUnit, code, table } from "./markdown.ts";
import type { PageObject } from "./page-objects.ts";

/** Namespaces every cluster has. */
const BUILTIN = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);

/** Renders the namespaces section. */
export function namespacesSection(objects: readonly PageObject[]): string {
  let out = "## Namespaces\n\n";
  const created = new Map<string, string>();
  for (const object of objects) if (object.group === "" && object.kind === "Namespace") created.set(object.name, object.component);
  const used = new Map<string, PageObject[]>();
  for (const object of objects) {
    if (object.namespace === "") continue;
    const list = used.get(object.namespace);
    if (list === undefined) used.set(object.namespace, [object]);
    else list.push(object);
  }
  const names = [...new Set([...created.keys(), ...used.keys()])].sort(byCodeUnit);
  if (names.length === 0) return `${out}The tree holds only cluster-scoped objects.\n`;
  const rows = names.map((name) => {
    const list = used.get(name) ?? [];
    const components = [...new Set(list.map((object) => object.component))].sort(byCodeUnit);
    const creator = created.get(name);
    const origin = creator !== undefined ? code(creator) : BUILTIN.has(name) ? "built in" : "outside the tree (preexisting)";
    return [code(name), origin, components.map(code).join(", "), String(list.length)];
  });
  out += table(["namespace", "created by", "used by components", "objects"], rows);
  return out;
}
