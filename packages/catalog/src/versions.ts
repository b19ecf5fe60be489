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

/**
 * The argo-cd chart: 10.3.3 deploys Argo CD v3.5.1, the version whose CRDs
 * the schema store pins (argo-helm release argo-cd-10.3.3, "Update
 * dependency argoproj/argo-cd to v3.5.1", argoproj/argo-helm#4015).
 */
// renovate: datasource=helm depName=argo-cd registryUrl=https://argoproj.github.io/argo-helm
export const ARGO_CD_CHART: PinnedChart = { version: "10.3.3", chart: "argo-cd", repository: "https://argoproj.github.io/argo-helm", appVersion: "v3.5.1" };

/**
 * The argo-rollouts chart: 2.41.1 deploys Argo Rollouts v1.9.1, the version
 * whose CRDs the schema store pins (its Chart.yaml: appVersion v1.9.1).
 */
// renovate: datasource=helm depName=argo-rollouts registryUrl=https://argoproj.github.io/argo-helm
export const ARGO_ROLLOUTS_CHART: PinnedChart = { version: "2.41.1", chart: "argo-rollouts", repository: "https://argoproj.github.io/argo-helm", appVersion: "v1.9.1" };

// Istio (service mesh): the base, istiod and gateway charts are versioned
// like Istio itself and must move together; 1.30.3 is the release whose
// CRDs the schema store pins.

/** The Istio base chart: the CRDs and cluster-wide roles. */
// renovate: datasource=helm depName=base registryUrl=https://istio-release.storage.googleapis.com/charts
export const ISTIO_BASE_CHART: PinnedChart = { version: "1.30.3", chart: "base", repository: "https://istio-release.storage.googleapis.com/charts" };

/** The istiod chart: the control plane (pilot, sidecar injector, CA). */
// renovate: datasource=helm depName=istiod registryUrl=https://istio-release.storage.googleapis.com/charts
export const ISTIOD_CHART: PinnedChart = { version: "1.30.3", chart: "istiod", repository: "https://istio-release.storage.googleapis.com/charts" };

/** The Istio CNI chart: the node agent that redirects injected pods' traffic, so pods need no privileged istio-init. */
// renovate: datasource=helm depName=cni registryUrl=https://istio-release.storage.googleapis.com/charts
export const ISTIO_CNI_CHART: PinnedChart = { version: "1.30.3", chart: "cni", repository: "https://istio-release.storage.googleapis.com/charts" };

/** The Istio gateway chart: an Envoy ingress gateway Deployment and Service. */
// renovate: datasource=helm depName=gateway registryUrl=https://istio-release.storage.googleapis.com/charts
export const ISTIO_GATEWAY_CHART: PinnedChart = { version: "1.30.3", chart: "gateway", repository: "https://istio-release.storage.googleapis.com/charts" };

// ── Ingress and traffic ──────────────────────────────────────────────────

/**
 * The Traefik chart: 41.3.0 deploys Traefik v3.7.11, whose traefik.io CRDs
 * are identical to the v3.7.9 ones the schema store pins.
 */
// renovate: datasource=helm depName=traefik registryUrl=https://traefik.github.io/charts
export const TRAEFIK_CHART: PinnedChart = { version: "41.3.0", chart: "traefik", repository: "https://traefik.github.io/charts", appVersion: "v3.7.11" };

/**
 * The ingress-nginx chart: 4.15.1 deploys controller v1.15.1, the last
 * release found before the project was retired (archived 2026-03-24).
 */
// renovate: datasource=helm depName=ingress-nginx registryUrl=https://kubernetes.github.io/ingress-nginx
export const INGRESS_NGINX_CHART: PinnedChart = { version: "4.15.1", chart: "ingress-nginx", repository: "https://kubernetes.github.io/ingress-nginx", appVersion: "1.15.1" };

// ── Certificates ─────────────────────────────────────────────────────────

/**
 * The cert-manager chart: versioned like cert-manager itself, so v1.21.1
 * deploys the version whose CRDs the schema store pins.
 */
// renovate: datasource=helm depName=cert-manager registryUrl=https://charts.jetstack.io
export const CERT_MANAGER_CHART: PinnedChart = { version: "v1.21.1", chart: "cert-manager", repository: "https://charts.jetstack.io" };

// ── Secrets ──────────────────────────────────────────────────────────────

/**
 * The external-secrets chart: versioned like the operator, so 2.9.0 is
 * External Secrets v2.9.0, the version whose CRDs the schema store pins and
 * the lib's ExternalSecret and store builders target.
 */
// renovate: datasource=helm depName=external-secrets registryUrl=https://charts.external-secrets.io
export const EXTERNAL_SECRETS_CHART: PinnedChart = { version: "2.9.0", chart: "external-secrets", repository: "https://charts.external-secrets.io", appVersion: "v2.9.0" };

/**
 * The sealed-secrets chart: 2.18.5 ships controller 0.36.6, the version
 * whose CRD the schema store pins and whose kubeseal the tools pin. The
 * chart is still published at bitnami-labs.github.io/sealed-secrets.
 */
// renovate: datasource=helm depName=sealed-secrets registryUrl=https://bitnami-labs.github.io/sealed-secrets
export const SEALED_SECRETS_CHART: PinnedChart = { version: "2.18.5", chart: "sealed-secrets", repository: "https://bitnami-labs.github.io/sealed-secrets", appVersion: "0.36.6" };

/**
 * The HashiCorp vault chart: 0.32.0 deploys Vault 1.21.2 (its Chart.yaml:
 * appVersion 1.21.2, as quoted by two independent deployments; the
 * vault-helm snapshot available offline stops at 0.30.x with Vault 1.20.1,
 * whose values keys 0.32.0 keeps). Vault has no CRDs to match.
 */
// renovate: datasource=helm depName=vault registryUrl=https://helm.releases.hashicorp.com
export const VAULT_CHART: PinnedChart = { version: "0.32.0", chart: "vault", repository: "https://helm.releases.hashicorp.com", appVersion: "1.21.2" };

/**
 * The 1Password connect chart: 2.4.1 deploys Connect 1.8.2 and the
 * 1Password operator v1.12.0 (chart CHANGELOG: 2.4.0 "Bump Connect version
 * to v1.8.2", 2.4.1 "Operator image is updated to v1.12.0"), whose
 * OnePasswordItem CRD the schema store pins.
 */
// renovate: datasource=helm depName=connect registryUrl=https://1password.github.io/connect-helm-charts
export const ONEPASSWORD_CONNECT_CHART: PinnedChart = { version: "2.4.1", chart: "connect", repository: "https://1password.github.io/connect-helm-charts", appVersion: "1.8.2" };

// ── Identity ─────────────────────────────────────────────────────────────

/**
 * The authentik chart: versioned like authentik itself (chart 2026.8.3
 * deploys authentik 2026.8.3). The values keys were read from the chart's
 * README at 2026.8.0 (goauthentik/helm); 2026.8.3 is the newest patch
 * release found pinned by Renovate against https://charts.goauthentik.io.
 * Since 2025.10 authentik needs no Redis, and the chart bundles only
 * PostgreSQL.
 */
// renovate: datasource=helm depName=authentik registryUrl=https://charts.goauthentik.io
export const AUTHENTIK_CHART: PinnedChart = { version: "2026.8.3", chart: "authentik", repository: "https://charts.goauthentik.io", appVersion: "2026.8.3" };

// ── Edge ─────────────────────────────────────────────────────────────────

/**
 * cloudflared, the Cloudflare Tunnel connector: 2026.9.3 is the newest
 * release found (tags are `YYYY.M.patch`, no `v`).
 */
// renovate: datasource=docker depName=docker.io/cloudflare/cloudflared
export const CLOUDFLARED_IMAGE: PinnedImage = { tag: "2026.9.3", repository: "docker.io/cloudflare/cloudflared" };

/**
 * favonia/cloudflare-ddns, a Cloudflare DNS record updater: 1.17.1 is the
 * newest release its README names (the first with a GHCR mirror).
 */
// renovate: datasource=docker depName=docker.io/favonia/cloudflare-ddns
export const CLOUDFLARE_DDNS_IMAGE: PinnedImage = { tag: "1.17.1", repository: "docker.io/favonia/cloudflare-ddns" };

// ── Data ─────────────────────────────────────────────────────────────────

/**
 * The community MinIO chart (charts.min.io, minio/minio `helm/minio`): 5.4.0
 * deploys MinIO RELEASE.2024-12-18T13-15-44Z (its Chart.yaml). It is the last
 * release: MinIO's community edition went into maintenance mode in late
 * 2025, so chart and server are frozen; the image is overridable by prop.
 */
// renovate: datasource=helm depName=minio registryUrl=https://charts.min.io
export const MINIO_CHART: PinnedChart = { version: "5.4.0", chart: "minio", repository: "https://charts.min.io", appVersion: "RELEASE.2024-12-18T13-15-44Z" };

/**
 * The CrunchyData PGO chart (OCI): versioned like the operator, so 6.0.3
 * deploys PGO v6.0.3, whose CRDs the schema store pins (seen pinned as
 * `helm template … crunchydata/pgo --version 6.0.3` with the v1 API served).
 */
// renovate: datasource=docker depName=registry.developers.crunchydata.com/crunchydata/pgo
export const PGO_CHART: PinnedChart = { version: "6.0.3", chart: "pgo", repository: "oci://registry.developers.crunchydata.com/crunchydata/pgo", appVersion: "6.0.3" };

/**
 * The Strimzi cluster operator chart (OCI): versioned like Strimzi, so 1.2.0
 * deploys the operator whose `kafka.strimzi.io/v1` CRDs the schema store pins.
 */
// renovate: datasource=docker depName=quay.io/strimzi-helm/strimzi-kafka-operator
export const STRIMZI_CHART: PinnedChart = { version: "1.2.0", chart: "strimzi-kafka-operator", repository: "oci://quay.io/strimzi-helm/strimzi-kafka-operator", appVersion: "1.2.0" };

/**
 * The CloudPirates Redis chart (OCI, Apache-2.0): 0.35.4 deploys the
 * official `redis` 8.10.2 image and `oliver006/redis_exporter`, both pinned
 * by digest in the chart. Chosen over Bitnami's, whose free images stopped
 * being published in 2025.
 */
// renovate: datasource=docker depName=registry-1.docker.io/cloudpirates/redis
export const REDIS_CHART: PinnedChart = { version: "0.35.4", chart: "redis", repository: "oci://registry-1.docker.io/cloudpirates/redis", appVersion: "8.10.2" };

// ── Observability ────────────────────────────────────────────────────────

/**
 * The kube-prometheus-stack chart: 88.2.0 deploys prometheus-operator
 * v0.93.0, the version whose CRDs the schema store pins (the operator bump
 * to v0.93.0 arrived in chart 88.0.0, prometheus-community/helm-charts#7152;
 * 88.1.5 and 88.2.0 report appVersion v0.93.0, later 88.5+ charts v0.93.1).
 */
// renovate: datasource=helm depName=kube-prometheus-stack registryUrl=https://prometheus-community.github.io/helm-charts
export const KUBE_PROMETHEUS_STACK_CHART: PinnedChart = { version: "88.2.0", chart: "kube-prometheus-stack", repository: "https://prometheus-community.github.io/helm-charts", appVersion: "v0.93.0" };

// ── Scaling and storage ──────────────────────────────────────────────────

/** The metrics-server chart: 3.13.1 deploys metrics-server v0.8.1 (chart release notes, 2026-06). */
// renovate: datasource=helm depName=metrics-server registryUrl=https://kubernetes-sigs.github.io/metrics-server
export const METRICS_SERVER_CHART: PinnedChart = { version: "3.13.1", chart: "metrics-server", repository: "https://kubernetes-sigs.github.io/metrics-server", appVersion: "0.8.1" };

/**
 * The cluster-autoscaler chart: 9.59.0 (appVersion 1.35.0). The component
 * sets the image tag from the cluster's Kubernetes minor, so the chart only
 * brings the manifests.
 */
// renovate: datasource=helm depName=cluster-autoscaler registryUrl=https://kubernetes.github.io/autoscaler
export const CLUSTER_AUTOSCALER_CHART: PinnedChart = { version: "9.59.0", chart: "cluster-autoscaler", repository: "https://kubernetes.github.io/autoscaler", appVersion: "1.35.0" };

/** The Cluster Autoscaler image for Kubernetes 1.35 (a minor must match the cluster's: keep Renovate within 1.35.x). */
// renovate: datasource=docker depName=registry.k8s.io/autoscaling/cluster-autoscaler
export const CLUSTER_AUTOSCALER_IMAGE_1_35: PinnedImage = { tag: "v1.35.0", repository: "registry.k8s.io/autoscaling/cluster-autoscaler" };

/** The Cluster Autoscaler image for Kubernetes 1.36 (keep Renovate within 1.36.x). */
// renovate: datasource=docker depName=registry.k8s.io/autoscaling/cluster-autoscaler
export const CLUSTER_AUTOSCALER_IMAGE_1_36: PinnedImage = { tag: "v1.36.0", repository: "registry.k8s.io/autoscaling/cluster-autoscaler" };

/**
 * The upstream vertical-pod-autoscaler chart of kubernetes/autoscaler:
 * 0.11.0 deploys VPA 1.7.1, the version whose CRD the schema store pins
 * (kubernetes/autoscaler#10057 "Default to latest VPA release - 1.7.1";
 * its CRDs are still in the chart's crds/ folder, moved to templates in 0.12.0).
 */
// renovate: datasource=helm depName=vertical-pod-autoscaler registryUrl=https://kubernetes.github.io/autoscaler
export const VERTICAL_POD_AUTOSCALER_CHART: PinnedChart = { version: "0.11.0", chart: "vertical-pod-autoscaler", repository: "https://kubernetes.github.io/autoscaler", appVersion: "1.7.1" };

/**
 * The aws-efs-csi-driver chart. The 4.x charts deploy driver 3.x (4.0.0 is
 * driver 3.0.0); the release tag helm-chart-aws-efs-csi-driver-4.4.2 exists,
 * its exact driver version could not be confirmed offline.
 */
// renovate: datasource=helm depName=aws-efs-csi-driver registryUrl=https://kubernetes-sigs.github.io/aws-efs-csi-driver
export const AWS_EFS_CSI_DRIVER_CHART: PinnedChart = { version: "4.4.2", chart: "aws-efs-csi-driver", repository: "https://kubernetes-sigs.github.io/aws-efs-csi-driver" };

/** The helper image k3s's local-path provisioner runs to create and delete volume directories (k3s ships it in its airgap images). */
// renovate: datasource=docker depName=docker.io/rancher/mirrored-library-busybox
export const LOCAL_PATH_HELPER_IMAGE: PinnedImage = { tag: "1.37.0", repository: "docker.io/rancher/mirrored-library-busybox" };
