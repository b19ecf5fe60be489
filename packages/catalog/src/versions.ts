/**
 * Every chart and image version the catalog pins, in one module. Each entry
 * carries a Renovate annotation, so version bumps arrive as reviewed pull
 * requests; a component's `version` prop overrides its default.
 *
 * Sections are grouped like the catalog. Chart versions are exact (no
 * ranges); where a chart ships CRDs, its version matches the CRDs pinned in
 * `schemas/sources.json`, so validation checks against what will run.
 */

/** A pinned Helm chart: where it comes from and its exact version. */
export interface PinnedChart {
  /** The chart's name in its repository. */
  readonly chart: string;
  /** The exact chart version. */
  readonly version: string;
  /** The repository URL: `https://…` for a Helm repository, `oci://…` for an OCI registry. */
  readonly repository: string;
  /** The version of the application the chart deploys, where it differs from `version`. */
  readonly appVersion?: string;
}

/** A pinned container image. */
export interface PinnedImage {
  /** The image repository, e.g. `docker.io/cloudflare/cloudflared`. */
  readonly repository: string;
  /** The exact tag. */
  readonly tag: string;
}

// ── GitOps ───────────────────────────────────────────────────────────────

// ── Ingress and traffic ──────────────────────────────────────────────────

// ── Certificates ─────────────────────────────────────────────────────────

// ── Secrets ──────────────────────────────────────────────────────────────

// ── Identity ─────────────────────────────────────────────────────────────

// ── Edge ─────────────────────────────────────────────────────────────────

// ── Data ─────────────────────────────────────────────────────────────────

// ── Observability ────────────────────────────────────────────────────────

// ── Scaling and storage ──────────────────────────────────────────────────
