/**
 * The pinned external tools, built from source with `go install` into the
 * project's `.tools/` folder. Each version line carries a Renovate
 * annotation so version bumps arrive as pull requests.
 */

/** One pinned tool. */
export interface PinnedTool {
  /** The command name, also the binary's file name. */
  readonly name: string;
  /** The Go package to install, without version. */
  readonly module: string;
  /** The module version (a release tag). */
  readonly version: string;
  /** Arguments that make the binary print its version, used by `tools list` and `doctor`. */
  readonly versionArgs: readonly string[];
  /**
   * Linker flags the tool's own release builds set (such as the version
   * string), so the binary reports what it is; `{version}` is replaced by
   * {@link version}.
   * @default none
   */
  readonly ldflags?: string;
}

/** The minimum Go version that builds every pinned tool. */
export const MINIMUM_GO = "1.26.2";

/** Every pinned tool, in install order. */
export const PINNED_TOOLS: readonly PinnedTool[] = [
  // renovate: datasource=go depName=github.com/yannh/kubeconform
  { name: "kubeconform", module: "github.com/yannh/kubeconform/cmd/kubeconform", version: "v0.7.0", versionArgs: ["-v"], ldflags: "-X main.version={version}" },
  // renovate: datasource=go depName=github.com/getsops/sops/v3
  { name: "sops", module: "github.com/getsops/sops/v3/cmd/sops", version: "v3.13.3", versionArgs: ["--version", "--disable-version-check"] },
  // renovate: datasource=go depName=filippo.io/age
  { name: "age", module: "filippo.io/age/cmd/age", version: "v1.3.2", versionArgs: ["--version"] },
  // renovate: datasource=go depName=filippo.io/age
  { name: "age-keygen", module: "filippo.io/age/cmd/age-keygen", version: "v1.3.2", versionArgs: ["--version"] },
  // renovate: datasource=go depName=sigs.k8s.io/kustomize/kustomize/v5
  { name: "kustomize", module: "sigs.k8s.io/kustomize/kustomize/v5", version: "v5.8.2", versionArgs: ["version"] },
  // renovate: datasource=go depName=github.com/bitnami-labs/sealed-secrets
  { name: "kubeseal", module: "github.com/bitnami-labs/sealed-secrets/cmd/kubeseal", version: "v0.36.6", versionArgs: ["--version"] },
];

/** The names of the pinned tools. */
export type ToolName = "kubeconform" | "sops" | "age" | "age-keygen" | "kustomize" | "kubeseal";
