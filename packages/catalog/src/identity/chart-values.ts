/**
 * Merging a component's chart values with the user's `values` override.
 */

/** Whether `value` is a plain object (not an array, not null). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges chart values: `override` wins; objects merge key by key,
 * arrays and scalars are replaced; an `undefined` override keeps the base.
 * Neither input is changed.
 */
export function mergeChartValues<T extends object>(base: T, override: object | undefined): T {
  if (override === undefined) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeChartValues(current, value) : value;
  }
  return out as T;
}
