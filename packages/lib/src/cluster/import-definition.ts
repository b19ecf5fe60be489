/**
 * How definition files are imported. Node's own `import()` by default; a
 * process started from the start-up snapshot replaces it (see
 * `snapshot/run-from-snapshot.ts`), since code deserialized from a snapshot
 * has no loader of its own for dynamic imports.
 */

/** Imports an ES module by URL and returns its namespace. */
export type ModuleImporter = (url: string) => Promise<Record<string, unknown>>;

let importer: ModuleImporter = (url) => import(url) as Promise<Record<string, unknown>>;

/** Imports the definition file at `url` (a `file:` URL) with the current importer. */
export function importDefinition(url: string): Promise<Record<string, unknown>> {
  return importer(url);
}

/** Replaces the importer used by {@link importDefinition} for the rest of the process. */
export function setDefinitionImporter(next: ModuleImporter): void {
  importer = next;
}
