/**
 * Props shared by the chart-based components of the traffic and
 * certificates sections: the namespace, the exact chart version, the typed
 * values override merged last, and host names.
 */
import { chartVersionProblem, dns1123LabelProblem } from "@typed-gitops/lib";
import { z } from "zod";

/** A namespace prop with its default: a DNS-1123 label. */
export function namespaceProp(fallback: string, what: string) {
  return z
    .string()
    .default(fallback)
    .superRefine((value, ctx) => {
      const problem = dns1123LabelProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(`The namespace of ${what}; a DNS-1123 label. Default: ${fallback}.`);
}

/** A chart version prop with its default: an exact version, no ranges. */
export function chartVersionProp(fallback: string, what: string) {
  return z
    .string()
    .default(fallback)
    .superRefine((value, ctx) => {
      const problem = chartVersionProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(`The exact version of the ${what} chart, no ranges. Default: ${fallback}.`);
}

const HOST_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why `value` is not a DNS name (lower-case labels joined by `.`, each at
 * most 63 characters, at most 253 in all), or `undefined` when it is one.
 * With `wildcard`, a leading `*.` label is allowed too.
 */
export function dnsNameProblem(value: string, options: { readonly wildcard?: boolean } = {}): string | undefined {
  const name = options.wildcard === true && value.startsWith("*.") ? value.slice(2) : value;
  const labels = name.split(".");
  if (value.length > 253 || labels.some((label) => label.length > 63 || !HOST_LABEL.test(label))) {
    const what = options.wildcard === true ? "a DNS name (or a wildcard such as *.example.org)" : "a host name";
    return `${JSON.stringify(value)} is not ${what}: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`;
  }
  return undefined;
}

/** A host name such as `traefik.example.org` (no wildcard). */
export function hostName() {
  return z.string().superRefine((value, ctx) => {
    const problem = dnsNameProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A Kubernetes label or annotation map. */
export const stringMap = z.record(z.string(), z.string());

/** Whether `value` is a plain object (not an array, not null). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges chart values: `override` wins; objects merge key by key,
 * arrays and scalars are replaced; an `undefined` override keeps the base.
 * Neither input is changed.
 */
export function mergeValues<T extends object>(base: T, override: object | undefined): T {
  if (override === undefined) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return out as T;
}

/** A `values` prop: chart values merged last, over everything the component sets. */
export function valuesProp(chart: string) {
  return z
    .record(z.string(), z.unknown())
    .optional()
    .describe(`Chart values merged last (deep merge; arrays replace), over what the component sets: for any other setting of the ${chart} chart. Default: none.`);
}
