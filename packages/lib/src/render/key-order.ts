/**
 * The fixed key order of rendered manifests.
 *
 * The top level starts with `apiVersion`, `kind`, `metadata`; `metadata`
 * starts with `name`, `namespace`, `labels`, `annotations`; every other
 * mapping starts with `name`. The remaining keys follow in ascending UTF-16
 * code-unit order, which depends on no locale.
 */

/** Where a mapping sits in a manifest, which decides its leading keys. */
export type MappingPosition = "document" | "metadata" | "nested";

const LEADING: Record<MappingPosition, readonly string[]> = {
  document: ["apiVersion", "kind", "metadata"],
  metadata: ["name", "namespace", "labels", "annotations"],
  nested: ["name"],
};

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Returns the defined keys of `mapping` in render order.
 *
 * @param mapping - a plain object; keys whose value is `undefined` are left out.
 * @param position - where the mapping sits.
 */
export function orderedKeys(mapping: Record<string, unknown>, position: MappingPosition): string[] {
  const leading = LEADING[position];
  const head: string[] = [];
  const rest: string[] = [];
  for (const key of Object.keys(mapping)) {
    if (mapping[key] === undefined) continue;
    if (leading.includes(key)) head.push(key);
    else rest.push(key);
  }
  if (head.length > 1) head.sort((a, b) => leading.indexOf(a) - leading.indexOf(b));
  if (rest.length > 1) rest.sort(compareCodeUnits);
  return head.length === 0 ? rest : rest.length === 0 ? head : head.concat(rest);
}
