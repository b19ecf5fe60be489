/**
 * The stores an ExternalSecret or ClusterExternalSecret reads from, as
 * references for the graph checks: a store that is not in the cluster is
 * a graph error.
 */
import { asArray, asObject, asString, type JsonMap } from "../resource/json-fields.ts";
import type { FieldRef } from "../graph/references.ts";
import { groupOf, type ApiObject } from "../resource/api-object.ts";
import { EXTERNAL_SECRETS_GROUP } from "./props.ts";

type Json = JsonMap;

/**
 * The references of one ExternalSecret spec: `secretStoreRef` and the
 * `sourceRef.storeRef` of each `data` and `dataFrom` entry. A
 * `ClusterSecretStore` is cluster-scoped; a `SecretStore` (the default
 * kind) is looked up in each of `namespaces`.
 */
function specStoreRefs(spec: Json, prefix: string, namespaces: readonly string[]): FieldRef[] {
  const refs: FieldRef[] = [];
  const add = (field: string, value: unknown): void => {
    const store = asObject(value);
    const name = asString(store?.name);
    if (name === undefined) return;
    const kind = asString(store?.kind) ?? "SecretStore";
    const scopes = kind === "ClusterSecretStore" ? [""] : namespaces;
    for (const namespace of scopes) refs.push({ field, ref: { kind, group: EXTERNAL_SECRETS_GROUP, namespace, name }, optional: false });
  };
  add(`${prefix}.secretStoreRef`, spec.secretStoreRef);
  for (const list of ["data", "dataFrom"] as const) {
    asArray(spec[list]).forEach((entry, i) => add(`${prefix}.${list}[${i}].sourceRef.storeRef`, asObject(asObject(entry)?.sourceRef)?.storeRef));
  }
  return refs;
}

/**
 * Returns the stores a (Cluster)ExternalSecret of `external-secrets.io`
 * refers to, in the shape of the graph checks' references; every other
 * object refers to none.
 *
 * - An ExternalSecret's `SecretStore` is in its own namespace; a
 *   `ClusterSecretStore` has no namespace (`""`).
 * - A ClusterExternalSecret's `SecretStore` must exist in every namespace
 *   it lists under `spec.namespaces` (one reference each). Namespaces it
 *   selects by label are not known before it runs, so they yield no
 *   reference; its `ClusterSecretStore` references are always returned.
 */
export function externalSecretReferences(object: ApiObject): FieldRef[] {
  if (groupOf(object.apiVersion) !== EXTERNAL_SECRETS_GROUP) return [];
  const spec = asObject((object as unknown as Json).spec) ?? {};
  if (object.kind === "ExternalSecret") return specStoreRefs(spec, "spec", [object.metadata?.namespace ?? ""]);
  if (object.kind === "ClusterExternalSecret") {
    const namespaces = asArray(spec.namespaces).flatMap((namespace) => (typeof namespace === "string" ? [namespace] : []));
    return specStoreRefs(asObject(spec.externalSecretSpec) ?? {}, "spec.externalSecretSpec", namespaces);
  }
  return [];
}
