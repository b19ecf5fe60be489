/**
 * The typed escape hatch for kinds that have no `@kubernetes-models` class,
 * such as a CRD of your own.
 */
import type { ApiObject, ObjectMeta } from "./api-object.ts";
import { recordSource } from "./source-location.ts";

/** What a kind is: its `apiVersion`, `kind` and scope. */
export interface KindDefinition<A extends string, K extends string> {
  /** `group/version` of the kind, e.g. `example.com/v1`. */
  readonly apiVersion: A;
  /** The kind, e.g. `Widget`. */
  readonly kind: K;
  /**
   * Whether objects of this kind live in a namespace.
   * @default true
   */
  readonly namespaced?: boolean;
}

/** An object of a kind made by {@link defineKind}: identity fields plus `Body`. */
export type KindObject<A extends string, K extends string, Body extends object> = {
  readonly apiVersion: A;
  readonly kind: K;
  metadata: ObjectMeta & { name: string };
} & Body;

/** Builds objects of one kind; `namespaced` tells the renderer the scope. */
export interface KindFactory<A extends string, K extends string, Body extends object> {
  (input: { metadata: ObjectMeta & { name: string } } & Body): KindObject<A, K, Body> & ApiObject;
  /** The kind's `apiVersion`. */
  readonly apiVersion: A;
  /** The kind. */
  readonly kind: K;
  /** Whether objects of this kind are namespaced. */
  readonly namespaced: boolean;
}

/**
 * Declares a kind with a typed body and returns a factory for its objects.
 *
 * @example
 * const Widget = defineKind<{ spec: { size: number } }>()({ apiVersion: "example.com/v1", kind: "Widget" });
 * const widget = Widget({ metadata: { name: "w", namespace: "demo" }, spec: { size: 3 } });
 */
export function defineKind<Body extends object>() {
  return <A extends string, K extends string>(definition: KindDefinition<A, K>): KindFactory<A, K, Body> => {
    const factory = (input: { metadata: ObjectMeta & { name: string } } & Body) => {
      const object = { apiVersion: definition.apiVersion, kind: definition.kind, ...input } as KindObject<A, K, Body> & ApiObject;
      recordSource(object);
      return object;
    };
    return Object.assign(factory, {
      apiVersion: definition.apiVersion,
      kind: definition.kind,
      namespaced: definition.namespaced ?? true,
    });
  };
}
