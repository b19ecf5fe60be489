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
 * Mappings with at most this many keys are ordered by an insertion sort,
 * which allocates nothing; larger ones by the built-in sort.
 */
const INSERTION_SORT_MAX = 24;

/**
 * Returns the defined keys of `mapping` in render order.
 *
 * @param mapping - a plain object; keys whose value is `undefined` are left out.
 * @param position - where the mapping sits.
 */
export function orderedKeys(mapping: Record<string, unknown>, position: MappingPosition): string[] {
  const leading = LEADING[position];
  const keys = Object.keys(mapping);
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (mapping[key] !== undefined) keys[count++] = key;
  }
  keys.length = count;
  if (count <= INSERTION_SORT_MAX) {
    for (let i = 1; i < count; i++) {
      const key = keys[i]!;
      const rank = leading.indexOf(key);
      let j = i - 1;
      while (j >= 0 && precedes(key, rank, keys[j]!, leading)) {
        keys[j + 1] = keys[j]!;
        j--;
      }
      keys[j + 1] = key;
    }
    return keys;
  }
  // The default sort compares strings by UTF-16 code units, like `<`, without calling back into JS.
  const head = keys.filter((key) => leading.includes(key)).sort((a, b) => leading.indexOf(a) - leading.indexOf(b));
  const rest = head.length === 0 ? keys : keys.filter((key) => !leading.includes(key));
  rest.sort();
  return head.length === 0 ? rest : head.concat(rest);
}

/** Whether `key` (at `rank` in `leading`, or -1) goes before `other`. */
function precedes(key: string, rank: number, other: string, leading: readonly string[]): boolean {
  const otherRank = leading.indexOf(other);
  if (rank !== -1) return otherRank === -1 || rank < otherRank;
  return otherRank === -1 && key < other;
}
