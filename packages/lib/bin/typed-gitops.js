#!/usr/bin/env node
// The typed-gitops command line. The sources are TypeScript, run by Node's
// type stripping (Node 24 or later, pinned by the project).
import { main } from "../src/cli/main.ts";

process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
