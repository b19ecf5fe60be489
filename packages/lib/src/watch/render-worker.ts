/**
 * A render process started ahead of time for `gen --watch`: it loads the
 * library and the project's workspace packages (the slow part of a render,
 * and unchanged by an edit of a definition) while the user is still typing,
 * then waits. When told to, it runs `gen` — importing the definitions fresh,
 * as this process has never loaded them — and exits. The watcher starts a
 * new one after every render, and never uses one after a change to a
 * workspace package or to the dependencies.
 *
 * Run as `node render-worker.ts <project root>` with an IPC channel; it
 * sends `{ ready: true }`, then takes `{ args: string[] }`.
 */
import module, { createRequire } from "node:module";
import { realpathSync } from "node:fs";
import { join, sep } from "node:path";
import { pathToFileURL } from "node:url";

module.enableCompileCache?.();

const root = process.argv[2] ?? process.cwd();

/** The entry files of the workspace packages the project depends on (resolved inside the project, outside node_modules). */
function workspaceEntries(): string[] {
  const require = createRequire(join(root, "package.json"));
  let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } = {};
  try {
    manifest = require("./package.json") as typeof manifest;
  } catch {
    return [];
  }
  const entries: string[] = [];
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
    try {
      const file = realpathSync(require.resolve(name));
      if (file.startsWith(root + sep) && !file.includes(`${sep}node_modules${sep}`)) entries.push(file);
    } catch {
      // not resolvable as a module (a binary-only package, say): nothing to preload
    }
  }
  return entries.sort();
}

const { captureSourceLocations } = await import("../resource/source-location.ts");
captureSourceLocations();
const { main } = await import("../cli/main.ts");
await import("../project/generate.ts");
for (const entry of workspaceEntries()) {
  try {
    await import(pathToFileURL(entry).href);
  } catch {
    // The render imports it again and reports the error where it belongs.
  }
}

process.once("message", (message: { args?: string[] }) => {
  void (async () => {
    process.exitCode = await main(message.args ?? [], { cwd: root, stdout: process.stdout, stderr: process.stderr });
    process.disconnect?.();
  })();
});
process.send?.({ ready: true });
