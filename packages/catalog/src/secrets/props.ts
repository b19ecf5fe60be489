/**
 * Props the secrets components share: a chart version that defaults to its
 * pin, a namespace, a typed `values` override and a Secret key reference,
 * each with the same checks and messages in every component.
 */
import { chartVersionProblem, dns1123LabelProblem, objectName } from "@typed-gitops/lib";
import { z } from "zod";
import type { PinnedChart } from "../versions.ts";

/**
 * The exact chart version, defaulting to the pin; ranges and tags are
 * refused with the lib's messages.
 *
 * @param pin - the pinned chart.
 * @param deploys - what the pinned version deploys, for the description, e.g. `controller 0.36.6`.
 */
export function chartVersionProp(pin: PinnedChart, deploys: string) {
  return z
    .string()
    .default(pin.version)
    .superRefine((value, ctx) => {
      const problem = chartVersionProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(`The exact version of the ${pin.chart} chart, no ranges. Default: ${pin.version} (${deploys}).`);
}

/**
 * A namespace prop: a DNS-1123 label with a default.
 *
 * @param fallback - the default namespace.
 * @param holds - what goes there, for the description.
 */
export function namespaceProp(fallback: string, holds: string) {
  return z
    .string()
    .default(fallback)
    .superRefine((value, ctx) => {
      const problem = dns1123LabelProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(`The namespace of ${holds}; a DNS-1123 label. Default: ${fallback}.`);
}

/** The `values` prop: chart values merged last. Components type it with their chart's values interface. */
export function valuesProp() {
  return z
    .record(z.string(), z.unknown())
    .optional()
    .describe("Chart values merged last over the values the component sets: objects merge key by key, arrays and scalars replace. Default: none.");
}

/** A key of a Secret's data. */
export function secretKeyName() {
  return z
    .string()
    .min(1, "must not be empty")
    .max(253, "must be at most 253 characters")
    .regex(/^[-._a-zA-Z0-9]+$/, "a Secret key has only letters, digits, '-', '_' and '.'");
}

/**
 * A Secret the user creates (from SOPS, a SealedSecret or an
 * ExternalSecret), named by prop: `{ name, key }`, both with defaults.
 *
 * @param name - the default Secret name.
 * @param key - the default key.
 * @param holds - what the key holds, for the description.
 */
export function existingSecretProp(name: string, key: string, holds: string) {
  return z
    .object({
      name: objectName().default(name).describe(`The Secret's name, in the component's namespace. Default: ${name}.`),
      key: secretKeyName().default(key).describe(`The key holding ${holds}. Default: ${key}.`),
    })
    .strict()
    .prefault({})
    .describe(`An existing Secret (never inlined: create it from SOPS, a SealedSecret or an ExternalSecret) whose key holds ${holds}. Default: ${name}/${key}.`);
}

/** The error of a missing required value: `is required`; other messages stay zod's. */
export function requiredError(issue: { readonly input?: unknown }): string | undefined {
  return issue.input === undefined ? "is required" : undefined;
}

/** An `https://` or `http://` URL. */
export function httpUrl(example: string) {
  return z.string({ error: requiredError }).regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, `expected an https:// or http:// URL, e.g. ${example}`);
}
