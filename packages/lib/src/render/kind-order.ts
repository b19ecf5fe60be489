/**
 * The order kinds are listed in: what others depend on comes first
 * (Namespaces and CRDs, then identities, configuration and storage, then
 * workloads and the rest in alphabetical order).
 */
const FIRST_KINDS = [
  "Namespace",
  "CustomResourceDefinition",
  "PriorityClass",
  "ResourceQuota",
  "LimitRange",
  "ServiceAccount",
  "ClusterRole",
  "ClusterRoleBinding",
  "Role",
  "RoleBinding",
  "Secret",
  "ConfigMap",
  "StorageClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "Service",
];

const RANK = new Map(FIRST_KINDS.map((kind, index) => [kind, index]));

/** Compares two kinds by install order, then by code units. */
export function compareKinds(a: string, b: string): number {
  const rankA = RANK.get(a) ?? FIRST_KINDS.length;
  const rankB = RANK.get(b) ?? FIRST_KINDS.length;
  if (rankA !== rankB) return rankA - rankB;
  return a < b ? -1 : a > b ? 1 : 0;
}
