#!/usr/bin/env node
// The typed-gitops command line. The sources are TypeScript, run by Node's
// type stripping (Node 24 or later, pinned by the project). Node's on-disk
// compile cache, and beside it a cache of module resolutions, keep start-up
// fast after the first run.
import module from "node:module";

module.enableCompileCache?.();
const { enableResolutionCache } = await import("../src/cli/resolution-cache.ts");
enableResolutionCache();
const { main } = await import("../src/cli/main.ts");

process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
