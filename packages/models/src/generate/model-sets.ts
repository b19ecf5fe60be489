/**
 * The CRD sets of `schemas/sources.json` that this package generates models
 * for: the ones without a published `@kubernetes-models/*` package.
 *
 * Left out on purpose, because a published package serves them at their
 * current API version (see README.md, "What is not here"):
 * - `strimzi` (kafka.strimzi.io/v1, core.strimzi.io/v1):
 *   `@kubernetes-models/strimzi-kafka-operator`;
 * - `vertical-pod-autoscaler` (autoscaling.k8s.io/v1): `@kubernetes-models/autoscaler`.
 * The generator handles both: adding them here and regenerating is all it takes.
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
];
