/**
 * Builds the stack's binaries before any test, with the project's own
 * `build-stack` command (run by Node itself: global setup runs in Vite's
 * module runner, which cannot load the lib). A no-op, without network, when
 * every binary is current.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const script = fileURLToPath(new URL("../bin/build-stack.ts", import.meta.url));
  execFileSync(process.execPath, [script], { stdio: ["ignore", "inherit", "inherit"] });
}
