/**
 * typed-gitops: typed definitions of Kubernetes platforms rendered to a
 * deterministic tree of plain YAML that Flux or Argo CD reconciles.
 */
export { defineCluster, clusterInputSchema, KUBERNETES_VERSIONS } from "./cluster/define-cluster.ts";
export type { ClusterDefinition, ClusterInput, ComponentOutput, GitOpsInput, GitOpsRepository, KubernetesVersion, PreexistingInput } from "./cluster/define-cluster.ts";
export { discoverClusters, loadCluster, CLUSTER_FILE } from "./cluster/load-clusters.ts";
export type { ClusterSource } from "./cluster/load-clusters.ts";
export { UserError, EnvironmentError, ProblemList, formatProblem, isUserError } from "./errors/user-error.ts";
export type { Problem } from "./errors/user-error.ts";
export { parseProps, formatFieldPath } from "./props/parse-props.ts";
export { describeObject, groupOf, identityKey, identityOf } from "./resource/api-object.ts";
export type { ApiObject, ObjectIdentity, ObjectMeta } from "./resource/api-object.ts";
export { defineKind } from "./resource/define-kind.ts";
export type { KindDefinition, KindFactory, KindObject } from "./resource/define-kind.ts";
export { dns1123LabelProblem, dns1123SubdomainProblem, kindProblem } from "./resource/names.ts";
export { objectProblems } from "./resource/validate-object.ts";
export { emitDocument, emitValue, YamlEmitError } from "./render/yaml-emit.ts";
export { folderProblem, KUSTOMIZATION_FILE } from "./render/layout.ts";
export { renderCluster, generatedHeader } from "./render/render-cluster.ts";
export type { RenderedTree, RenderOptions } from "./render/render-cluster.ts";
export { checkProject, orphanedTrees, renderProject, writeProject, GENERATED_DIR } from "./project/generate.ts";
export type { ProjectDrift, RenderedProject, RenderProjectOptions, WriteProjectResult } from "./project/generate.ts";
export { checkTree, hasDrift } from "./write/check-tree.ts";
export type { ChangedFile, DriftReport } from "./write/check-tree.ts";
export { INVENTORY_FILE } from "./write/existing-tree.ts";
export { writeTree } from "./write/write-tree.ts";
export type { WriteResult } from "./write/write-tree.ts";
export type { TreeChanges } from "./write/plan-changes.ts";
export { installTools, resolveTool, toolPath, TOOLS_DIR } from "./tools/install-tools.ts";
export type { InstallToolsOptions, ToolInstallResult } from "./tools/install-tools.ts";
export { PINNED_TOOLS, MINIMUM_GO } from "./tools/versions.ts";
export type { PinnedTool, ToolName } from "./tools/versions.ts";
export { buildTargets, buildWithKustomize } from "./validate/kustomize-build.ts";
export type { BuildResult, BuildTarget } from "./validate/kustomize-build.ts";
export { checkGraph, BUILTIN_NAMESPACES } from "./graph/check-graph.ts";
export type { GraphInput } from "./graph/check-graph.ts";
export type { PreexistingObject } from "./graph/object-index.ts";
export { expandGitOps } from "./gitops/expand-gitops.ts";
export type { GitOpsExpansion } from "./gitops/expand-gitops.ts";
export { LAYERS, layerOf } from "./gitops/layers.ts";
export type { Layer } from "./gitops/layers.ts";
export { DEFAULT_FLUX_CONTROLLERS, FLUX_CONTROLLERS, FLUX_NAMESPACE, FLUX_VERSION, fluxInstallObjects } from "./gitops/flux-install.ts";
export type { FluxController, FluxInstallOptions } from "./gitops/flux-install.ts";
export { ARGOCD_NAMESPACE, ARGOCD_PROJECT } from "./gitops/argo-tree.ts";
export { captureSourceLocations, sourceOf } from "./resource/source-location.ts";
