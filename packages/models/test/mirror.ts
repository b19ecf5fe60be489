/**
 * The upstream mirror the tests regenerate from: `../shared/upstream`
 * beside the project root, as on the team's machines and in CI. Tests that
 * need it fail, never skip, when it is missing.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "../src/generate/build.ts";

/** Where the mirror is expected. */
export const MIRROR = resolve(PROJECT_ROOT, "..", "shared", "upstream");

/**
 * The mirror folder.
 *
 * @throws when it is missing, saying that it is needed and where.
 */
export function requireMirror(): string {
  if (!existsSync(MIRROR)) {
    throw new Error(
      `the upstream mirror is needed at ${MIRROR} (../shared/upstream beside the project root): the models are regenerated from the pinned CRD files in it; provide it there to run this test`,
    );
  }
  return MIRROR;
}
