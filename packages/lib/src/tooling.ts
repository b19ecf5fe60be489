/**
 * typed-gitops tooling: the engines behind the commands other than `gen`
 * and `check`: the pinned tools, the schema store, offline validation
 * (kubeconform, kustomize builds, CEL rules), the secret operations that
 * run sops, age and kubeseal, `diff`, `doctor`, `new` and `gen --watch`.
 *
 * Definitions import `@typed-gitops/lib`; this entry point is for scripts
 * and tests that drive those engines. It is separate so that loading a
 * cluster definition does not load them.
 */
export { installTools, resolveTool, toolPath, TOOLS_DIR } from "./tools/install-tools.ts";
export type { InstallToolsOptions, ToolInstallResult } from "./tools/install-tools.ts";
export { PINNED_TOOLS, MINIMUM_GO } from "./tools/versions.ts";
export type { PinnedTool, ToolName } from "./tools/versions.ts";
export { buildTargets, buildWithKustomize } from "./validate/kustomize-build.ts";
export type { BuildResult, BuildTarget } from "./validate/kustomize-build.ts";
export { buildSchemaStore, schemaStorePath, SCHEMAS_CACHE_DIR } from "./schemas/build-store.ts";
export type { BuildSchemaStoreOptions, BuildSchemaStoreResult } from "./schemas/build-store.ts";
export { convertKubernetesSpec, JSON_SCHEMA_DRAFT } from "./schemas/kubernetes-openapi.ts";
export type { ConvertedKubernetesSpec, KubernetesKindSchema } from "./schemas/kubernetes-openapi.ts";
export { convertCrd } from "./schemas/crd-schema.ts";
export type { ConvertCrdOptions, CrdKindSchema } from "./schemas/crd-schema.ts";
export { crdCelRules } from "./schemas/cel-rules.ts";
export type { CelRule, CelRuleSet } from "./schemas/cel-rules.ts";
export { findCrds, parseCrds, toCustomResourceDefinition, isCrdDocument } from "./schemas/crd-documents.ts";
export type { CustomResourceDefinition, CrdVersion } from "./schemas/crd-documents.ts";
export { writeCrdSchemas, readObjectMetaSchema } from "./schemas/cluster-schemas.ts";
export type { WriteCrdSchemasOptions, WriteCrdSchemasResult } from "./schemas/cluster-schemas.ts";
export { schemaLocations, kubernetesSchemaLocation, crdSchemaLocation, kubernetesSchemaDir, kubernetesSchemaFile, crdSchemaFile, celRulesFile, CRDS_DIR, CEL_DIR, OBJECT_META_FILE } from "./schemas/layout.ts";
export type { SchemaLocationsOptions } from "./schemas/layout.ts";
export { loadSources, parseSources, sourcesSchema, SOURCES_FILE } from "./schemas/sources.ts";
export type { LoadedSources, SchemaSources, SourceFile } from "./schemas/sources.ts";
export type { JsonObject, JsonSchema, JsonValue } from "./schemas/json.ts";
export { evaluateCelRules } from "./cel/evaluate.ts";
export type { CelEvaluation, CelUnsupportedRule, CelViolation, EvaluateCelRulesOptions } from "./cel/evaluate.ts";
export { compileCelExpression } from "./cel/compile.ts";
export type { CompileOptions, CompileResult, CompiledExpression, UnsupportedExpression } from "./cel/compile.ts";
export { celFunctionUsage } from "./cel/function-usage.ts";
export type { FunctionUsage } from "./cel/function-usage.ts";
export { CelRuleIndex, celProblems } from "./validate/cel-check.ts";
export { validateCluster, readTreeObjects } from "./validate/validate-cluster.ts";
export type { ClusterValidation, TreeObject } from "./validate/validate-cluster.ts";
export { runKubeconform, parseKubeconformReport, pointerToField } from "./validate/kubeconform.ts";
export type { KubeconformOptions, KubeconformResult } from "./validate/kubeconform.ts";
export { generateAgeKey } from "./secrets/age.ts";
export type { AgeKeyPair, AgeToolOptions } from "./secrets/age.ts";
export { editSecret } from "./secrets/edit-secret.ts";
export type { EditSecretOptions, EditSecretResult } from "./secrets/edit-secret.ts";
export { DEFAULT_SOPS_KEY_SECRET, fluxKeySecretCommand, initClusterKey } from "./secrets/init-cluster-key.ts";
export type { InitClusterKeyOptions } from "./secrets/init-cluster-key.ts";
export { listSealedSecretFiles, listSopsSecretFiles } from "./secrets/list-secret-files.ts";
export { diffRecipients } from "./secrets/recipients.ts";
export type { RecipientDiff } from "./secrets/recipients.ts";
export { rotateSecrets } from "./secrets/rotate-secrets.ts";
export type { RotatedFile, RotateSecretsOptions } from "./secrets/rotate-secrets.ts";
export { sealSecretValue } from "./secrets/seal-secret-value.ts";
export type { SealSecretValueOptions, SealSecretValueResult } from "./secrets/seal-secret-value.ts";
export { checkSealingCertificate } from "./secrets/sealing-certificate.ts";
export type { CheckSealingCertificateOptions, SealingCertificate } from "./secrets/sealing-certificate.ts";
export { setSecretValue } from "./secrets/set-secret-value.ts";
export type { SetSecretValueOptions, SetSecretValueResult } from "./secrets/set-secret-value.ts";
export { verifySecrets } from "./secrets/verify-secrets.ts";
export type { VerifySecretsOptions, VerifySecretsResult } from "./secrets/verify-secrets.ts";
export { diffProject } from "./diff/diff-project.ts";
export type { DiffProjectOptions } from "./diff/diff-project.ts";
export { diffTrees } from "./diff/diff-trees.ts";
export type { ClusterDiff, ObjectChange } from "./diff/diff-trees.ts";
export { fieldChanges, secretRulesOf, formatValue } from "./diff/field-changes.ts";
export type { FieldChange, SecretRules } from "./diff/field-changes.ts";
export { COMMENT_MARKER, formatJson, formatMarkdown, formatText, describeField } from "./diff/format-diff.ts";
export type { DiffColours, ProjectDiff } from "./diff/format-diff.ts";
export { defaultBase, readCommittedTrees, resolveCommit } from "./diff/git-trees.ts";
export { treeEntries } from "./diff/tree-objects.ts";
export type { TreeEntry } from "./diff/tree-objects.ts";
export { runDoctor } from "./doctor/doctor.ts";
export type { CheckStatus, DoctorCheck, DoctorOptions, DoctorReport } from "./doctor/doctor.ts";
export { scaffold } from "./scaffold/scaffold.ts";
export type { ScaffoldOptions, ScaffoldResult } from "./scaffold/scaffold.ts";
export { registerComponent, RegistrationError } from "./scaffold/register.ts";
export type { Registration } from "./scaffold/register.ts";
export { watchProject, watchedFolders } from "./watch/watch-project.ts";
export type { WatchOptions } from "./watch/watch-project.ts";
export { affectedClusters, clusterInputs } from "./watch/affected.ts";
export type { ClusterInputs } from "./watch/affected.ts";
