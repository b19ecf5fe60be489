#!/usr/bin/env node
// The typed-gitops command line. The sources are TypeScript, run by Node's
// type stripping (Node 24 or later, pinned by the project). Node's on-disk
// compile cache, and beside it a cache of module resolutions, keep start-up
// fast after the first run. `gen` starts from the library's start-up
// snapshot when one matches the code on disk (see `typed-gitops snapshot`).
import module from "node:module";

module.enableCompileCache?.();
const argv = process.argv.slice(2);
const { runsFromSnapshot, startFromSnapshot } = await import("../src/snapshot/start-from-snapshot.ts");
const { currentSnapshot } = await import("../src/snapshot/snapshot-file.ts");
const snapshot = runsFromSnapshot(argv) ? currentSnapshot() : undefined;
if (snapshot !== undefined) {
  process.exitCode = await startFromSnapshot(snapshot, argv);
} else {
  const { enableResolutionCache } = await import("../src/cli/resolution-cache.ts");
  enableResolutionCache();
  const { main } = await import("../src/cli/main.ts");
  process.exitCode = await main(argv, { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
}
