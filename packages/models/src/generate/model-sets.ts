/**
 * The CRD sets of `schemas/sources.json` that this package generates models
 * for: the ones without a published `@kubernetes-models/*` package at the
 * pinned version. Strimzi and the VPA have published packages, but generated
 * from older CRDs (Strimzi 1.0.0: its validation rejects 1.2.0's `tlsroute`
 * listener; the VPA one lacks `startupBoost`), so they are generated here
 * from the same pinned CRDs the schema store validates against.
 */

/** A CRD set to generate models for. */
export interface ModelSet {
  /** The set's `component` in `schemas/sources.json`. */
  readonly component: string;
  /**
   * The API groups of its CRDs. A CRD of any other group fails the
   * generation, so a set that changes under us is noticed, not shipped.
   */
  readonly groups: readonly string[];
}

/** The sets, in the order their models are generated. */
export const MODEL_SETS: readonly ModelSet[] = [
  { component: "crunchydata-pgo", groups: ["postgres-operator.crunchydata.com"] },
  { component: "flux-operator", groups: ["fluxcd.controlplane.io"] },
  { component: "onepassword-operator", groups: ["onepassword.com"] },
  { component: "strimzi", groups: ["kafka.strimzi.io", "core.strimzi.io"] },
  { component: "vertical-pod-autoscaler", groups: ["autoscaling.k8s.io"] },
];
