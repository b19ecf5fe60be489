/**
 * Loading a model module on first use. The library's entry point exports
 * the builders of every Flux, Argo CD and External Secrets kind, and each
 * model module pulls in its schema validators: hundreds of modules in all.
 * Loading a model when its builder first runs keeps start-up, and so every
 * `gen`, fast for clusters that never use it.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/**
 * Returns a function that loads the module at `url` (from
 * `import.meta.resolve`) synchronously on its first call and returns it,
 * the same module instance an `import` would give.
 */
export function lazyModel<M>(url: string): () => M {
  let loaded: M | undefined;
  return () => (loaded ??= require(fileURLToPath(url)) as M);
}
