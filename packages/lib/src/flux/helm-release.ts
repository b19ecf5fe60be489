/**
 * The Flux HelmRelease (`helm.toolkit.fluxcd.io/v2`): a Helm chart that
 * helm-controller installs, upgrades, tests and rolls back, with drift
 * detection.
 */
import type { HelmRelease } from "@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2/HelmRelease";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, duration, namespacedRef, namespaceName, objectName, oneOfVariants, refOf, requiredError, requiredString } from "./props.ts";

/** The HelmRelease model, loaded when the builder first runs. */
const helmReleaseModel = lazyModel<typeof import("@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2/HelmRelease")>(import.meta.resolve("@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2/HelmRelease"));

/** An exact semantic version, with an optional leading `v`: `1.2.3`, `v1.2.3-rc.1+build.5`. */
const EXACT_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** Characters and words that make a Helm version constraint a range. */
const RANGE_MARK = /[*^~<>|,\s]|(^|\.)[xX](\.|$)| - /;

/** Why `version` is not an exact chart version, or `undefined` when it is one. */
export function chartVersionProblem(version: string): string | undefined {
  if (EXACT_VERSION.test(version)) return undefined;
  if (RANGE_MARK.test(version)) {
    return `${JSON.stringify(version)} is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`;
  }
  return `${JSON.stringify(version)} is not an exact version: give major.minor.patch, such as "1.2.3"`;
}

const chartVersion = z.string({ error: requiredError }).superRefine((version, ctx) => {
  const problem = chartVersionProblem(version);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

const crdsPolicy = z.enum(["Skip", "Create", "CreateReplace"]);

/** The props of {@link helmRelease}, without the type of `values` (see {@link HelmReleaseInput}). */
export const helmReleaseProps = z
  .object({
    /** The HelmRelease's name, a DNS-1123 subdomain. */
    name: objectName().describe("The HelmRelease's name, a DNS-1123 subdomain."),
    /** The namespace of the HelmRelease, a DNS-1123 label; the release goes there unless `targetNamespace` is set. */
    namespace: namespaceName().describe("The namespace of the HelmRelease."),
    /**
     * The Helm release name, at most 53 characters.
     * By default, Flux uses `name`, or `<targetNamespace>-<name>` when `targetNamespace` is set.
     */
    releaseName: objectName().max(53, "a Helm release name has at most 53 characters").optional().describe("The Helm release name. Default: name, or <targetNamespace>-<name>."),
    /**
     * The namespace to install the release into.
     * @default none: the HelmRelease's namespace
     */
    targetNamespace: namespaceName().optional().describe("The namespace to install the release into. Default: the HelmRelease's namespace."),
    /**
     * The chart: `{ name, version, sourceRef }` from a HelmRepository, with an
     * exact version (no ranges), or `{ chartRef }` to an OCIRepository that
     * pins the chart artifact.
     */
    chart: oneOfVariants({
      repository: {
        /** The chart's name in the repository. */
        name: requiredString().describe("The chart's name in the repository."),
        /** The exact chart version, e.g. `6.9.2`: no ranges (`*`, `^`, `~`, `>`, `x`). */
        version: chartVersion.describe("The exact chart version: no ranges."),
        /** The HelmRepository the chart comes from. */
        sourceRef: z
          .object(
            {
              /**
               * The source's kind.
               * @default "HelmRepository"
               */
              kind: z.literal("HelmRepository").default("HelmRepository").describe("The source's kind. Default: HelmRepository."),
              /** The HelmRepository's name. */
              name: objectName().describe("The HelmRepository's name."),
              /**
               * The HelmRepository's namespace.
               * @default the HelmRelease's namespace
               */
              namespace: namespaceName().optional().describe("The HelmRepository's namespace. Default: the HelmRelease's namespace."),
            },
            { error: requiredError },
          )
          .strict()
          .describe("The HelmRepository the chart comes from."),
      },
      artifact: {
        /** The OCIRepository that holds the chart. */
        chartRef: z
          .object(
            {
              /**
               * The source's kind.
               * @default "OCIRepository"
               */
              kind: z.literal("OCIRepository").default("OCIRepository").describe("The source's kind. Default: OCIRepository."),
              /** The OCIRepository's name. */
              name: objectName().describe("The OCIRepository's name."),
              /**
               * The OCIRepository's namespace.
               * @default the HelmRelease's namespace
               */
              namespace: namespaceName().optional().describe("The OCIRepository's namespace. Default: the HelmRelease's namespace."),
            },
            { error: requiredError },
          )
          .strict()
          .describe("The OCIRepository that holds the chart."),
      },
    }).describe("The chart: { name, version, sourceRef } or { chartRef }."),
    /**
     * The chart values. Typed by {@link HelmReleaseInput}'s `V`; keys whose
     * value is `undefined` are left out.
     * @default none: the chart's defaults
     */
    values: z.record(z.string(), z.unknown()).optional().describe("The chart values. Default: the chart's defaults."),
    /**
     * Values from ConfigMaps and Secrets in the HelmRelease's namespace, merged
     * before `values` in order.
     * @default none
     */
    valuesFrom: z
      .array(
        z
          .object({
            /** `ConfigMap` or `Secret`. */
            kind: z.enum(["ConfigMap", "Secret"], { error: requiredError }).describe("ConfigMap or Secret."),
            /** The object's name. */
            name: objectName().describe("The object's name."),
            /**
             * The key holding the values.
             * @default "values.yaml"
             */
            valuesKey: z.string().regex(/^[-._a-zA-Z0-9]+$/).max(253).optional().describe("The key holding the values. Default: values.yaml."),
            /**
             * The values path the key's content is set at, instead of merging it at the root.
             * @default none: merged at the root
             */
            targetPath: z.string().regex(/^([a-zA-Z0-9_\-.\\/]|\[[0-9]{1,5}\])+$/).max(250).optional().describe("The values path to set the content at. Default: merged at the root."),
            /**
             * Whether a missing object or key is tolerated.
             * @default false
             */
            optional: z.boolean().optional().describe("Whether a missing object or key is tolerated. Default: false."),
          })
          .strict(),
      )
      .optional()
      .describe("Values from ConfigMaps and Secrets. Default: none."),
    /**
     * How often the release is reconciled, correcting drift.
     * @default "30m"
     */
    interval: duration().default("30m").describe("How often the release is reconciled. Default: 30m."),
    /**
     * How long each Helm action (install, upgrade, test, rollback) may take.
     * @default none: Flux's 5m
     */
    timeout: duration().optional().describe("How long each Helm action may take. Default: Flux's 5m."),
    /**
     * HelmReleases that must be ready first: names in the same namespace, or `{ name, namespace }`.
     * @default []
     */
    dependsOn: z.array(namespacedRef()).default([]).describe("HelmReleases that must be ready first. Default: none."),
    /** How the release is installed. */
    install: z
      .object({
        /**
         * What to do with the chart's CRDs.
         * @default "CreateReplace"
         */
        crds: crdsPolicy.default("CreateReplace").describe("What to do with the chart's CRDs: Skip, Create or CreateReplace. Default: CreateReplace."),
        /** What to do when the install fails. */
        remediation: z
          .object({
            /**
             * How many times to retry a failed install (uninstalling between tries); negative for no limit.
             * @default 3
             */
            retries: z.number().int().default(3).describe("How many times to retry a failed install. Default: 3."),
          })
          .strict()
          .prefault({})
          .describe("What to do when the install fails."),
      })
      .strict()
      .prefault({})
      .describe("How the release is installed."),
    /** How the release is upgraded. */
    upgrade: z
      .object({
        /**
         * What to do with the chart's CRDs.
         * @default "CreateReplace"
         */
        crds: crdsPolicy.default("CreateReplace").describe("What to do with the chart's CRDs: Skip, Create or CreateReplace. Default: CreateReplace."),
        /** What to do when the upgrade fails. */
        remediation: z
          .object({
            /**
             * How many times to retry a failed upgrade (rolling back between tries); negative for no limit.
             * @default 3
             */
            retries: z.number().int().default(3).describe("How many times to retry a failed upgrade. Default: 3."),
            /**
             * Whether to roll back after the last failed try too.
             * @default true
             */
            remediateLastFailure: z.boolean().default(true).describe("Whether to roll back after the last failed try. Default: true."),
          })
          .strict()
          .prefault({})
          .describe("What to do when the upgrade fails."),
        /**
         * Whether to delete the objects a failed upgrade created.
         * @default true
         */
        cleanupOnFail: z.boolean().default(true).describe("Whether to delete what a failed upgrade created. Default: true."),
      })
      .strict()
      .prefault({})
      .describe("How the release is upgraded."),
    /** Whether and how changes made in the cluster to the release's objects are detected. */
    driftDetection: z
      .object({
        /**
         * `enabled` corrects drift, `warn` only reports it, `disabled` ignores it.
         * @default "enabled"
         */
        mode: z.enum(["enabled", "warn", "disabled"]).default("enabled").describe("enabled, warn or disabled. Default: enabled."),
      })
      .strict()
      .prefault({})
      .describe("How in-cluster changes to the release's objects are handled."),
    /**
     * The ServiceAccount (in the HelmRelease's namespace) to act as, for multi-tenancy.
     * @default none: helm-controller's own account
     */
    serviceAccountName: objectName().optional().describe("The ServiceAccount to act as. Default: helm-controller's own."),
  })
  .strict();

/**
 * The input of {@link helmRelease}, with `values` typed as `V`, so a
 * component can pass the chart's values interface.
 */
export type HelmReleaseInput<V extends object = Record<string, unknown>> = Omit<z.input<typeof helmReleaseProps>, "values"> & {
  /**
   * The chart values; keys whose value is `undefined` are left out.
   * @default none: the chart's defaults
   */
  values?: V;
};

/**
 * Builds a Flux HelmRelease with remediation, CRD upgrades and drift
 * detection on, and an exact chart version.
 *
 * @example
 * interface PodinfoValues { replicaCount?: number }
 * helmRelease<PodinfoValues>({
 *   name: "podinfo",
 *   namespace: "podinfo",
 *   chart: { name: "podinfo", version: "6.9.2", sourceRef: { name: "podinfo" } },
 *   values: { replicaCount: 2 },
 * });
 * @throws {UserError} naming every invalid or unknown field, and a chart version that is a range.
 */
export function helmRelease<V extends object = Record<string, unknown>>(input: HelmReleaseInput<V>): HelmRelease {
  const props = parseProps(helmReleaseProps, input, builderWhere("helmRelease", input));
  const chart = props.chart;
  return new (helmReleaseModel().HelmRelease)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      releaseName: props.releaseName,
      targetNamespace: props.targetNamespace,
      chart:
        chart.chartRef === undefined
          ? { spec: { chart: chart.name, version: chart.version, sourceRef: { kind: chart.sourceRef.kind, ...refOf(chart.sourceRef) } } }
          : undefined,
      chartRef: chart.chartRef === undefined ? undefined : { kind: chart.chartRef.kind, ...refOf(chart.chartRef) },
      values: props.values,
      valuesFrom: props.valuesFrom,
      interval: props.interval,
      timeout: props.timeout,
      dependsOn: props.dependsOn.length === 0 ? undefined : props.dependsOn.map(refOf),
      install: props.install,
      upgrade: props.upgrade,
      driftDetection: props.driftDetection,
      serviceAccountName: props.serviceAccountName,
    },
  });
}
