/**
 * An index of a cluster's objects by kind, namespace and name, with the
 * component folder that made each one, for the graph checks.
 */
import { describeObject, groupOf, type ApiObject } from "../resource/api-object.ts";

/** An object and the component folder that made it. */
export interface IndexedObject {
  /** The component folder, e.g. `apps/web`. */
  readonly component: string;
  /** The object. */
  readonly object: ApiObject;
}

/** Something declared to exist in the cluster without being in the tree (created by hand or by an operator). */
export interface PreexistingObject {
  /** The kind, e.g. `Secret`. */
  readonly kind: string;
  /** The namespace; omit for cluster-scoped kinds. */
  readonly namespace?: string;
  /** The name. */
  readonly name: string;
  /** Why it is not in the tree, e.g. "created once by `kubectl create secret` during bootstrap". */
  readonly reason: string;
}

/** A reference from one object's field to another object. */
export interface ObjectRef {
  /** The kind referred to. */
  readonly kind: string;
  /** The API group referred to, when the field fixes it; any group of that kind otherwise. */
  readonly group?: string;
  /** The namespace referred to (`""` for cluster-scoped). */
  readonly namespace: string;
  /** The name referred to. */
  readonly name: string;
}

function key(kind: string, namespace: string, name: string): string {
  return `${kind}|${namespace}|${name}`;
}

/** Formats a reference for messages: `GitRepository flux-system/podinfo`. */
export function describeRef(ref: ObjectRef): string {
  return ref.namespace === "" ? `${ref.kind} ${ref.name}` : `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** The objects of one cluster, looked up by kind, namespace and name. */
export class ObjectIndex {
  readonly #byKey = new Map<string, IndexedObject[]>();
  readonly #preexisting = new Map<string, PreexistingObject>();
  /** Every indexed object, in the order given. */
  readonly entries: readonly IndexedObject[];

  constructor(entries: readonly IndexedObject[], preexisting: readonly PreexistingObject[] = []) {
    this.entries = entries;
    for (const entry of entries) {
      const k = key(entry.object.kind, entry.object.metadata?.namespace ?? "", entry.object.metadata?.name ?? "");
      const list = this.#byKey.get(k);
      if (list === undefined) this.#byKey.set(k, [entry]);
      else list.push(entry);
    }
    for (const object of preexisting) this.#preexisting.set(key(object.kind, object.namespace ?? "", object.name), object);
  }

  /** Finds the object a reference points at, in the tree only. */
  find(ref: ObjectRef): IndexedObject | undefined {
    return this.#byKey.get(key(ref.kind, ref.namespace, ref.name))?.find((entry) => ref.group === undefined || groupOf(entry.object.apiVersion) === ref.group);
  }

  /** Whether a reference resolves, in the tree or among the pre-existing objects. */
  resolves(ref: ObjectRef): boolean {
    return this.find(ref) !== undefined || this.#preexisting.has(key(ref.kind, ref.namespace, ref.name));
  }

  /** Every object of a kind (and group, when given). */
  ofKind(kind: string, group?: string): IndexedObject[] {
    return this.entries.filter((entry) => entry.object.kind === kind && (group === undefined || groupOf(entry.object.apiVersion) === group));
  }
}

/** `components["apps/web"]: Deployment web/web`, the "where" of a problem about an object. */
export function whereIs(source: string, entry: IndexedObject): string {
  return `${source}: components[${JSON.stringify(entry.component)}]: ${describeObject(entry.object)}`;
}
