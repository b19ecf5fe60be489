/**
 * Changing a cluster's definition in a copy of its project, for the update
 * test: remove components, scale Deployments, set ConfigMap values. The
 * change is made to the definition (the input of `gen`), by a wrapper
 * `cluster.ts` that loads the original and changes what it returns, so it
 * does not depend on how the definition is written.
 *
 * This module is imported by that wrapper, inside the copied project: it
 * must import nothing at run time.
 */
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One field of one object set to a value. */
export interface FieldChange {
  readonly apiVersion: string;
  readonly kind: string;
  /** The namespace, `""` for a cluster-scoped object. */
  readonly namespace: string;
  readonly name: string;
  /** The path of the field, e.g. `["spec", "replicas"]`. */
  readonly path: readonly string[];
  readonly value: unknown;
}

/** A change to a cluster definition. */
export interface DefinitionChange {
  /** Component keys (folders such as `apps/web`) to remove. */
  readonly removeComponents: readonly string[];
  /** Fields to set. */
  readonly setFields: readonly FieldChange[];
}

interface MutableObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  [key: string]: unknown;
}

/**
 * Returns the definition input with the change made. Objects are changed in
 * place (they are built for this one render).
 *
 * @throws {Error} when the change names a component or object the definition does not have.
 */
export function changeDefinition<T extends { components: Readonly<Record<string, readonly unknown[]>> }>(definition: T, change: DefinitionChange): T {
  const components: Record<string, readonly unknown[]> = { ...definition.components };
  for (const key of change.removeComponents) {
    if (!(key in components)) throw new Error(`e2e change: the definition has no component ${JSON.stringify(key)}`);
    delete components[key];
  }
  const objects = Object.values(components).flat() as MutableObject[];
  for (const field of change.setFields) {
    const object = objects.find((candidate) => candidate.apiVersion === field.apiVersion && candidate.kind === field.kind && candidate.metadata?.name === field.name && (candidate.metadata?.namespace ?? "") === field.namespace);
    if (object === undefined) throw new Error(`e2e change: the definition has no ${field.kind} ${field.namespace}/${field.name}`);
    let node = object as Record<string, unknown>;
    for (const step of field.path.slice(0, -1)) {
      if (typeof node[step] !== "object" || node[step] === null) node[step] = {};
      node = node[step] as Record<string, unknown>;
    }
    node[field.path.at(-1)!] = field.value;
  }
  return { ...definition, components };
}

/** The name the original definition is moved to in the copy. */
export const ORIGINAL_DEFINITION = "cluster.original.ts";

/**
 * Makes `clusters/<cluster>/cluster.ts` of a project copy return the
 * original definition with `change` made (the original is moved beside it,
 * once).
 */
export function writeChangedDefinition(project: string, cluster: string, change: DefinitionChange): void {
  const folder = join(project, "clusters", cluster);
  if (!existsSync(join(folder, ORIGINAL_DEFINITION))) renameSync(join(folder, "cluster.ts"), join(folder, ORIGINAL_DEFINITION));
  writeFileSync(
    join(folder, "cluster.ts"),
    [
      "// Written by the end-to-end test: the original definition with a change made to it.",
      `import original from "./${ORIGINAL_DEFINITION}";`,
      `import { changeDefinition } from ${JSON.stringify(import.meta.url)};`,
      "",
      `export default changeDefinition(original, ${JSON.stringify(change)});`,
      "",
    ].join("\n"),
  );
}
