/**
 * How a component's `values` override is merged into the chart values it
 * computed: objects merge key by key, everything else (arrays, scalars,
 * `null`, which Helm reads as "delete this key") replaces.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns `base` with `override` merged in last. Neither input is changed;
 * keys whose override is `undefined` keep the base value.
 */
export function mergeValues<T extends object>(base: T, override: Readonly<Record<string, unknown>> | undefined): T {
  if (override === undefined) return base;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return merged as T;
}
