/**
 * How a component's `values` override is merged into the chart values it
 * computed: objects merge key by key; arrays, scalars and `null` (which
 * Helm reads as "delete this key") replace.
 */

/** Whether `value` is a plain object (not an array, not null). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns `base` with `override` merged in last: objects merge key by key,
 * arrays, scalars and `null` replace. Neither input is changed; an
 * `undefined` override, and override keys whose value is `undefined`, keep
 * the base.
 *
 * @param base - the chart values the component computed.
 * @param override - the user's `values` prop. @default none
 */
export function mergeValues<T extends object>(base: T, override: object | undefined): T {
  if (override === undefined) return base;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return merged as T;
}

/**
 * The type of a component's `values` override: the chart values the
 * component types (checked where given), every field optional at every
 * depth, and each object open to any other key of the chart. Arrays are
 * replaced whole, so their items keep their type.
 */
export type ValuesOverride<T> = T extends readonly unknown[] ? T : T extends object ? { readonly [K in keyof T]?: ValuesOverride<T[K]> } & Record<string, unknown> : T;
