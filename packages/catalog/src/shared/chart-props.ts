/**
 * The props every chart-based component has: the namespace it installs
 * into, the exact chart version (defaulting to its pin in `versions.ts`)
 * and the `values` override merged last into the chart values. Each has
 * the same checks and messages in every component.
 */
import { chartVersionProblem, dns1123LabelProblem } from "@typed-gitops/lib";
import { z } from "zod";
import type { PinnedChart } from "../versions.ts";

/**
 * A DNS-1123 label prop with a default, such as a namespace or a
 * component's name.
 *
 * @param fallback - the default.
 * @param what - what the prop names, for the description, e.g. `The namespace of the updater`.
 */
export function dnsLabelProp(fallback: string, what: string) {
  return z
    .string()
    .default(fallback)
    .superRefine((value, ctx) => {
      const problem = dns1123LabelProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(`${what}; a DNS-1123 label. Default: ${fallback}.`);
}

/**
 * The namespace prop of a component: a DNS-1123 label with a default.
 *
 * @param fallback - the default namespace.
 * @param holds - what goes there, for the description, e.g. `Traefik, its HelmRepository and HelmRelease`.
 */
export function namespaceProp(fallback: string, holds: string) {
  return dnsLabelProp(fallback, `The namespace of ${holds}`);
}

/**
 * The chart version prop: the exact version (ranges and tags are refused
 * with the lib's messages), defaulting to the pin.
 *
 * @param pin - the pinned chart.
 * @param deploys - what the pinned version deploys, for the description, e.g. `Traefik v3.7.11`. @default nothing said
 */
export function chartVersionProp(pin: PinnedChart, deploys?: string) {
  return z
    .string()
    .default(pin.version)
    .superRefine((value, ctx) => {
      const problem = chartVersionProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(`The exact version of the ${pin.chart} chart, no ranges. Default: ${pin.version}${deploys === undefined ? "" : ` (${deploys})`}.`);
}

/**
 * The `values` prop: chart values merged last with `mergeValues()`,
 * over what the component sets. Components type its input with their
 * chart's values interface (see `ValuesOverride` in `./merge-values.ts`).
 *
 * @param chart - the chart's name, for the description.
 */
export function valuesProp(chart: string) {
  return z
    .record(z.string(), z.unknown())
    .optional()
    .describe(`Chart values merged last (deep merge; arrays replace), over what the component sets: for any other setting of the ${chart} chart. Default: none.`);
}
