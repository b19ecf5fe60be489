/**
 * The Istio CNI node agent: it sets up each injected pod's traffic
 * redirection from the node, so pods need no `istio-init` container with
 * NET_ADMIN and NET_RAW and can run under the `restricted` Pod Security
 * Standard. istiod must be told (`pilot.cni.enabled`), which the cluster
 * does through `istio({ values: { istiod: ... } })`, see {@link ISTIOD_CNI_VALUES}.
 */
import type { Component } from "@typed-gitops/catalog";
import { helmRelease, namespaceName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";

/** The istiod values that make the sidecar injector rely on the CNI agent instead of `istio-init`. */
export const ISTIOD_CNI_VALUES = { pilot: { cni: { enabled: true } } } as const;

/** The props of {@link istioCni}. */
export const istioCniProps = z
  .object({
    version: z
      .string()
      .regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, "expected an exact Istio version such as 1.30.3")
      .describe("The exact version of Istio's cni chart: the same as the istio component's base, istiod and gateway charts."),
    namespace: namespaceName().default("istio-system").describe("The namespace of the HelmRelease and of the istio HelmRepository it uses (the istio component's). Default: istio-system."),
  })
  .strict();

/** The input of {@link istioCni}. */
export type IstioCniProps = z.input<typeof istioCniProps>;

/**
 * Renders the HelmRelease `istio-cni` of Istio's `cni` chart (a privileged
 * DaemonSet in `istio-system`, which carries no Pod Security label), from
 * the `istio` HelmRepository that `istio()` renders, installed after
 * `istio-base`.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function istioCni(input: IstioCniProps): Component {
  const props = parseProps(istioCniProps, input, "istioCni");
  return {
    name: "istio-cni",
    controllers: [
      helmRelease({
        name: "istio-cni",
        namespace: props.namespace,
        releaseName: "istio-cni",
        chart: { name: "cni", version: props.version, sourceRef: { name: "istio" } },
        dependsOn: ["istio-base"],
        values: {},
      }),
    ],
  };
}
