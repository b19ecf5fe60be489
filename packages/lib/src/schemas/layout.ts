/**
 * Where schemas live in a store, laid out the way kubeconform's
 * `-schema-location` templates look them up (kubeconform v0.7.0
 * `pkg/registry/registry.go`, `schemaPath`).
 *
 * - Kubernetes kinds: `v<minor>-standalone-strict/<kind><kindSuffix>.json`,
 *   where `kindSuffix` is `-<first DNS label of the group>-<version>`, or
 *   `-<version>` for the core group: `deployment-apps-v1.json`,
 *   `clusterrole-rbac-v1.json`, `configmap-v1.json`.
 * - Custom resources: `crds/<group>/<kind>_<version>.json`, looked up with
 *   `{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json`.
 *
 * Kinds are lowercased, as kubeconform lowercases `.ResourceKind`.
 */
import { join } from "node:path";

/** The folder of a store (or of a cluster's schema folder) that holds custom resource schemas. */
export const CRDS_DIR = "crds";

/** The file at the top of a store with the strict `ObjectMeta` schema its CRD schemas use. */
export const OBJECT_META_FILE = "objectmeta.json";

/** The folder of a store that holds the CEL rules of custom resources, laid out like {@link CRDS_DIR}. */
export const CEL_DIR = "cel";

/** The folder of a Kubernetes minor version's schemas, e.g. `v1.36-standalone-strict`. */
export function kubernetesSchemaDir(kubernetesVersion: string): string {
  return `v${kubernetesVersion}-standalone-strict`;
}

/**
 * kubeconform's `{{ .KindSuffix }}` for an `apiVersion`: `-apps-v1` for
 * `apps/v1`, `-rbac-v1` for `rbac.authorization.k8s.io/v1`, `-v1` for `v1`.
 */
export function kindSuffix(apiVersion: string): string {
  const [groupOrVersion = "", version] = apiVersion.split("/");
  const firstLabel = groupOrVersion.split(".")[0] ?? "";
  return version === undefined ? `-${firstLabel.toLowerCase()}` : `-${firstLabel.toLowerCase()}-${version.toLowerCase()}`;
}

/** The file name of a Kubernetes kind's schema, e.g. `deployment-apps-v1.json`. */
export function kubernetesSchemaFile(kind: string, apiVersion: string): string {
  return `${kind.toLowerCase()}${kindSuffix(apiVersion)}.json`;
}

/** The path of a custom resource's schema below a store, e.g. `crds/cert-manager.io/certificate_v1.json`. */
export function crdSchemaFile(group: string, kind: string, version: string): string {
  return join(CRDS_DIR, group, `${kind.toLowerCase()}_${version}.json`);
}

/** The path of a custom resource's CEL rules below a store, e.g. `cel/gateway.networking.k8s.io/httproute_v1.json`. */
export function celRulesFile(group: string, kind: string, version: string): string {
  return join(CEL_DIR, group, `${kind.toLowerCase()}_${version}.json`);
}

/** The `-schema-location` template of a store's Kubernetes schemas for one minor version. */
export function kubernetesSchemaLocation(store: string, kubernetesVersion: string): string {
  return join(store, kubernetesSchemaDir(kubernetesVersion), "{{ .ResourceKind }}{{ .KindSuffix }}.json");
}

/** The `-schema-location` template of the custom resource schemas below `dir` (a store or a cluster's schema folder). */
export function crdSchemaLocation(dir: string): string {
  return join(dir, CRDS_DIR, "{{ .Group }}", "{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json");
}

/** Options of {@link schemaLocations}. */
export interface SchemaLocationsOptions {
  /** The schema store, see `schemaStorePath`. */
  readonly store: string;
  /** The Kubernetes minor version to validate against, e.g. `"1.36"`. */
  readonly kubernetesVersion: string;
  /**
   * Folders with the schemas of CRDs a cluster installs itself (see
   * `writeCrdSchemas`). They come first, so a cluster's own CRD version wins
   * over the store's.
   * @default []
   */
  readonly clusterSchemas?: readonly string[];
}

/**
 * The `-schema-location` values for kubeconform, in lookup order: the
 * cluster's own CRDs, the Kubernetes kinds, then the store's CRDs.
 * kubeconform tries them in order and uses the first file that exists.
 *
 * The Kubernetes version is part of the path rather than
 * `{{ .NormalizedKubernetesVersion }}`, because kubeconform's
 * `-kubernetes-version` only accepts a full `x.y.z` and the store is per
 * minor version.
 *
 * @example
 * const args = schemaLocations({ store, kubernetesVersion: "1.36" }).flatMap((location) => ["-schema-location", location]);
 */
export function schemaLocations(options: SchemaLocationsOptions): string[] {
  return [
    ...(options.clusterSchemas ?? []).map(crdSchemaLocation),
    kubernetesSchemaLocation(options.store, options.kubernetesVersion),
    crdSchemaLocation(options.store),
  ];
}
