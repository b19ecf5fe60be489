/**
 * The three programs of the test stack, pinned and built from source with Go.
 *
 * kine is a plain `go install` of a release. kube-apiserver and
 * kustomize-controller cannot be: their modules use `replace` directives
 * (local staging folders, a local api submodule), which `go install
 * module@version` refuses. Each is built from a small wrapper module under
 * `packages/e2e/go/<name>/` whose go.mod requires the release and repeats
 * those replacements with published versions; its go.mod is the single place
 * that names the version.
 */

/** How one binary is built. */
export type BinarySource =
  | {
      /** `go install <module>@<version>`. */
      readonly kind: "install";
      /** The Go package to install, without version. */
      readonly module: string;
      /** The module version (a release tag). */
      readonly version: string;
    }
  | {
      /** `go build <package>` inside the wrapper module `packages/e2e/go/<dir>`. */
      readonly kind: "wrapper";
      /** The wrapper's folder under `packages/e2e/go/`. */
      readonly dir: string;
      /** The package to build, relative to the wrapper (`.`) or an import path. */
      readonly package: string;
      /** The module whose required version is the binary's version. */
      readonly versionOf: string;
    };

/** One binary of the stack. */
export interface StackBinary {
  /** The command name, also the binary's file name. */
  readonly name: StackBinaryName;
  /** How it is built. */
  readonly source: BinarySource;
  /**
   * Linker flags the upstream release build sets, so the binary reports its
   * version; `{version}`, `{major}` and `{minor}` are replaced.
   * @default none
   */
  readonly ldflags?: string;
}

/** The names of the stack's binaries. */
export type StackBinaryName = "kine" | "kube-apiserver" | "kustomize-controller";

/** Every binary of the stack, in build order (smallest first). */
export const STACK_BINARIES: readonly StackBinary[] = [
  {
    name: "kine",
    // renovate: datasource=go depName=github.com/k3s-io/kine
    source: { kind: "install", module: "github.com/k3s-io/kine", version: "v0.17.5" },
    ldflags: "-X github.com/k3s-io/kine/pkg/version.Version={version}",
  },
  {
    name: "kustomize-controller",
    source: { kind: "wrapper", dir: "kustomize-controller", package: "github.com/fluxcd/kustomize-controller", versionOf: "github.com/fluxcd/kustomize-controller" },
  },
  {
    name: "kube-apiserver",
    source: { kind: "wrapper", dir: "kube-apiserver", package: ".", versionOf: "k8s.io/kubernetes" },
    ldflags: [
      "-X k8s.io/component-base/version.gitVersion={version}",
      "-X k8s.io/component-base/version.gitMajor={major}",
      "-X k8s.io/component-base/version.gitMinor={minor}",
      "-X k8s.io/component-base/version.gitTreeState=clean",
      "-X k8s.io/client-go/pkg/version.gitVersion={version}",
      "-X k8s.io/client-go/pkg/version.gitMajor={major}",
      "-X k8s.io/client-go/pkg/version.gitMinor={minor}",
    ].join(" "),
  },
];
