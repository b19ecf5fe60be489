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
  // The default sort compares strings by UTF-16 code units, like compareCodeUnits, without calling back into JS.
  if (rest.length > 1) rest.sort();
  return head.length === 0 ? rest : rest.length === 0 ? head : head.concat(rest);
}
