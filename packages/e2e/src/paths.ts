/**
 * Where the end-to-end package, the repository it lives in and its build
 * cache are.
 */
import { fileURLToPath } from "node:url";

/** The `packages/e2e` folder. */
export const E2E_PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/** The repository root: its `.tools/` holds the pinned tools and the e2e cache. */
export const REPOSITORY_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The wrapper Go modules, one folder per binary. */
export const GO_WRAPPERS_DIR = fileURLToPath(new URL("../go", import.meta.url));

/** The gitignored cache of the built binaries, under the repository's `.tools/`. */
export const STACK_CACHE_DIR = fileURLToPath(new URL("../../../.tools/e2e", import.meta.url));
