/**
 * Props shared by the chart-based components of the observability and
 * scaling-storage sections: the namespace, the exact chart version, the
 * values override merged last, container resources and durations.
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

/** A `values` prop: chart values merged last, over everything the component sets. */
export function valuesProp(chart: string) {
  return z
    .record(z.string(), z.unknown())
    .optional()
    .describe(`Chart values merged last (deep merge; arrays replace), over what the component sets: for any other setting of the ${chart} chart. Default: none.`);
}

/**
 * `T` with every field optional and open to other keys, recursively:
 * arrays are replaced whole, so their items stay as they are.
 */
export type OpenPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: OpenPartial<T[K]> } & Record<string, unknown> : T;

/**
 * The type of a component's `values` override: the chart values the
 * component types (checked where given), all optional, plus any other key
 * of the chart at any level.
 */
export type ValuesOverride<V> = OpenPartial<V>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges chart values: `override` wins; objects merge key by key,
 * arrays and scalars replace; an `undefined` override keeps the base.
 * Neither input is changed.
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

/** A Kubernetes resource quantity such as `100m`, `1.5`, `512Mi` or `2Gi`. */
export const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/** A resource quantity prop. */
export function quantity() {
  return z.string().regex(QUANTITY, "expected a Kubernetes quantity such as 100m, 512Mi or 2Gi");
}

/** The defaults of a {@link resourcesProp}. */
export interface ResourcesDefaults {
  /** The default CPU request, e.g. `100m`. */
  readonly cpu: string;
  /** The default memory request, e.g. `128Mi`. */
  readonly memory: string;
  /** The default memory limit, e.g. `256Mi`. */
  readonly memoryLimit: string;
}

/** The parsed `resources` of a container: CPU and memory requests, a memory limit (no CPU limit: it throttles). */
export interface ContainerResources {
  /** What the scheduler reserves. */
  readonly requests: { readonly cpu: string; readonly memory: string };
  /** The memory limit. */
  readonly limits: { readonly memory: string };
}

/**
 * A container `resources` prop: CPU and memory requests and a memory
 * limit, each with its default.
 */
export function resourcesProp(defaults: ResourcesDefaults, what: string) {
  return z
    .object({
      requests: z
        .object({
          cpu: quantity().default(defaults.cpu).describe(`The CPU request. Default: ${defaults.cpu}.`),
          memory: quantity().default(defaults.memory).describe(`The memory request. Default: ${defaults.memory}.`),
        })
        .strict()
        .prefault({})
        .describe("What the scheduler reserves."),
      limits: z
        .object({ memory: quantity().default(defaults.memoryLimit).describe(`The memory limit. Default: ${defaults.memoryLimit}.`) })
        .strict()
        .prefault({})
        .describe("The memory limit; no CPU limit is set, as it throttles."),
    })
    .strict()
    .prefault({})
    .describe(`The resources of ${what}. Default: requests ${defaults.cpu} CPU and ${defaults.memory} memory, memory limit ${defaults.memoryLimit}.`);
}

/** A Prometheus duration (`30s`, `5m`, `12h`, `15d`, `1h30m`), as Prometheus, Alertmanager and the operator's CRDs read it. */
export const PROMETHEUS_DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

/** A Prometheus duration prop; the empty string is refused. */
export function prometheusDuration() {
  return z.string().min(1, "expected a Prometheus duration such as 30s, 5m or 12h").regex(PROMETHEUS_DURATION, "expected a Prometheus duration such as 30s, 5m or 12h");
}

/** An AWS IAM role ARN, for IRSA (`eks.amazonaws.com/role-arn`). */
export const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::[0-9]{12}:role\/[\w+=,.@\/-]{1,512}$/;

/** An IAM role ARN prop. */
export function roleArn() {
  return z.string().regex(ROLE_ARN, "expected an IAM role ARN such as arn:aws:iam::123456789012:role/my-role");
}

/** The ServiceAccount annotation that EKS IAM Roles for Service Accounts (IRSA) reads. */
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

const HOST_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A fully qualified host name such as `grafana.example.org`: lower-case DNS labels, no wildcard, no port. */
export function hostName() {
  return z.string().superRefine((value, ctx) => {
    const labels = value.split(".");
    if (value.length > 253 || labels.length < 2 || labels.some((label) => label.length > 63 || !HOST_LABEL.test(label))) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} is not a fully qualified host name such as grafana.example.org: use lower-case letters, digits, '-' and '.'` });
    }
  });
}

/** A Kubernetes label or annotation map. */
export const stringMap = z.record(z.string(), z.string());
