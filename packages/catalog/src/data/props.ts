/**
 * Prop building blocks shared by the data components: exact chart
 * versions, Kubernetes quantities, container resources, storage claims and
 * the typed `values` override merged last into a chart's values.
 */
import { chartVersionProblem, dns1123LabelProblem, objectName } from "@typed-gitops/lib";
import { z } from "zod";
import type { PinnedChart } from "../versions.ts";

/** A Kubernetes quantity such as `10Gi`, `500m` or `2`. */
const QUANTITY = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?[0-9]+))?$/;

/** A Kubernetes resource quantity, e.g. `10Gi` or `500m`. */
export function quantity(example = "10Gi"): z.ZodString {
  return z.string().regex(QUANTITY, `expected a Kubernetes quantity such as ${example}`);
}

/** A namespace prop with a default: a DNS-1123 label. */
export function namespaceProp(fallback: string, what: string) {
  return z
    .string()
    .default(fallback)
    .superRefine((value, ctx) => {
      const problem = dns1123LabelProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(`${what}; a DNS-1123 label. Default: ${fallback}.`);
}

/** The exact chart version prop, defaulting to the pin. */
export function chartVersionProp(pin: PinnedChart, app: string) {
  return z
    .string()
    .default(pin.version)
    .superRefine((value, ctx) => {
      const problem = chartVersionProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(`The exact version of the ${pin.chart} chart, no ranges. Default: ${pin.version} (${app}).`);
}

/** CPU and memory of one side (requests or limits). */
const resourceAmounts = z
  .object({
    cpu: quantity("500m").optional().describe("CPU, e.g. 500m or 2. Default: none."),
    memory: quantity("512Mi").optional().describe("Memory, e.g. 512Mi or 2Gi. Default: none."),
  })
  .strict();

/** Container resources: requests and limits of CPU and memory. */
export const resourcesSchema = z
  .object({
    requests: resourceAmounts.optional().describe("What the scheduler reserves. Default: none."),
    limits: resourceAmounts.optional().describe("The most the container may use. Default: none."),
  })
  .strict();

/** The input of {@link resourcesSchema}. */
export type ResourcesInput = z.input<typeof resourcesSchema>;

/** The parsed form of {@link resourcesSchema}. */
export type Resources = z.output<typeof resourcesSchema>;

/** The resources in the shape Kubernetes and the charts take, leaving out empty sides. */
export function resourcesOf(resources: Resources | undefined): { requests?: Record<string, string>; limits?: Record<string, string> } | undefined {
  if (resources === undefined) return undefined;
  const side = (amounts: z.output<typeof resourceAmounts> | undefined) => {
    if (amounts === undefined) return undefined;
    const out: Record<string, string> = {};
    if (amounts.cpu !== undefined) out.cpu = amounts.cpu;
    if (amounts.memory !== undefined) out.memory = amounts.memory;
    return Object.keys(out).length === 0 ? undefined : out;
  };
  const requests = side(resources.requests);
  const limits = side(resources.limits);
  if (requests === undefined && limits === undefined) return undefined;
  return { ...(requests === undefined ? {} : { requests }), ...(limits === undefined ? {} : { limits }) };
}

/** A persistent volume claim's size and class. */
export function storageSchema(defaultSize: string, what: string) {
  return z
    .object({
      size: quantity("10Gi").default(defaultSize).describe(`The size of ${what}. Default: ${defaultSize}.`),
      storageClass: z
        .string()
        .min(1)
        .optional()
        .describe("The StorageClass of the claim. Default: none, the cluster's default StorageClass."),
    })
    .strict();
}

/** The typed override merged last into the chart values. */
export const valuesOverrideSchema = z
  .record(z.string(), z.unknown())
  .default({})
  .describe("Chart values merged last over the ones this component sets (objects merge key by key, arrays and scalars replace). Default: none.");

/** A plain object (not an array, not null). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Merges `override` into `base`: objects merge key by key, anything else
 * (arrays, scalars, null) replaces. Neither input is modified.
 */
export function mergeValues<T extends object>(base: T, override: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return out as T;
}

/** An RFC 1123 host name served by Traefik, e.g. `minio.example.com`. */
export const hostNameSchema = z
  .string()
  .regex(/^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/, "expected a lower-case host name such as minio.example.com");

/** A Traefik entry point name. */
export const entryPointSchema = z
  .string()
  .regex(/^[A-Za-z0-9][-A-Za-z0-9_]*$/, "expected a Traefik entry point name such as websecure")
  .default("websecure")
  .describe("The Traefik entry point that serves the host. Default: websecure.");

/** An error function that says `is required` for a missing value and leaves other messages to zod. */
export function requiredError(issue: { readonly input?: unknown }): string | undefined {
  return issue.input === undefined ? "is required" : undefined;
}

/** The name of a Secret the user creates (never rendered here), with the key holding the value. */
export function existingSecretSchema(defaultKey: string, what: string) {
  return z
    .object({
      name: objectName()
        .describe(`The name of the existing Secret (in the component's namespace) that holds ${what}; create it with SOPS, a SealedSecret or an ExternalSecret.`),
      key: z
        .string()
        .regex(/^[-._a-zA-Z0-9]+$/, "expected a Secret key: letters, digits, '-', '_' and '.'")
        .default(defaultKey)
        .describe(`The key in the Secret. Default: ${defaultKey}.`),
    }, { error: requiredError })
    .strict();
}
