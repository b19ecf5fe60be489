/**
 * The shape every rendered object has, whether it comes from a
 * `@kubernetes-models` class or from {@link defineKind}.
 */

/** Object metadata the renderer reads. Other fields pass through unchanged. */
export interface ObjectMeta {
  /** The object's name; a DNS-1123 subdomain for most kinds. */
  name?: string;
  /** The namespace of a namespaced object; omitted for cluster-scoped kinds. */
  namespace?: string;
  /** Labels. */
  labels?: Record<string, string>;
  /** Annotations. */
  annotations?: Record<string, string>;
}

/**
 * A Kubernetes API object ready to render. `@kubernetes-models` instances
 * satisfy it, and so do objects made by {@link defineKind}.
 */
export interface ApiObject {
  /** `group/version`, or `v1` for the core group. */
  readonly apiVersion: string;
  /** The kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The object's metadata; `name` is required when rendering. */
  metadata?: ObjectMeta;
  /**
   * Checks the object against its schema and throws on the first violation.
   * Present on `@kubernetes-models` classes; by default, objects without it
   * are checked only for their identity fields.
   */
  validate?(): void;
}

/** What identifies an object in a cluster: group, kind, namespace and name. */
export interface ObjectIdentity {
  /** The API group, `""` for the core group. */
  readonly group: string;
  /** The kind. */
  readonly kind: string;
  /** The namespace, `""` for cluster-scoped objects. */
  readonly namespace: string;
  /** The name. */
  readonly name: string;
}

/** Returns the API group of an `apiVersion` (`""` for `v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}

/** Returns the identity of an object. */
export function identityOf(object: ApiObject): ObjectIdentity {
  return {
    group: groupOf(object.apiVersion),
    kind: object.kind,
    namespace: object.metadata?.namespace ?? "",
    name: object.metadata?.name ?? "",
  };
}

/** Formats an object for messages: `Deployment apps/web` or `Namespace web`. */
export function describeObject(object: Pick<ApiObject, "kind" | "metadata">): string {
  const namespace = object.metadata?.namespace;
  const name = object.metadata?.name ?? "<unnamed>";
  return namespace === undefined ? `${object.kind} ${name}` : `${object.kind} ${namespace}/${name}`;
}

/** A string key for an identity, unique per cluster. */
export function identityKey(identity: ObjectIdentity): string {
  return `${identity.group}|${identity.kind}|${identity.namespace}|${identity.name}`;
}
