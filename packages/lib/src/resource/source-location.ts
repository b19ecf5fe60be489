/**
 * Where each API object was declared: the file and line of the TypeScript
 * that created it, so problems found later (in validation, the graph
 * checks or policies) point back to the source.
 *
 * Capturing is cheap: a few stack frames are kept per object and formatted
 * only when a problem is reported.
 */
import { Model } from "@kubernetes-models/base";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const traces = new WeakMap<object, { readonly stack?: string }>();
const libraryDir = fileURLToPath(new URL("..", import.meta.url));
let installed = false;

/**
 * The innermost frames of the stack below `below` (a function that is on
 * the stack): enough to reach the user's code from a model constructor,
 * and cheap to capture, since the frames are formatted only when read.
 */
function shallowTrace(below: Function): { readonly stack?: string } {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 4;
  const trace: { stack?: string } = {};
  Error.captureStackTrace(trace, below);
  Error.stackTraceLimit = limit;
  return trace;
}

/** Records where `object` is being created; called by the object factories. */
export function recordSource(object: object): void {
  traces.set(object, shallowTrace(recordSource));
}

/**
 * Starts recording where every `@kubernetes-models` object is created
 * (objects made by `defineKind` are always recorded). Call it before the
 * definitions are loaded; calling it again does nothing.
 */
export function captureSourceLocations(): void {
  if (installed) return;
  installed = true;
  const prototype = Model.prototype as unknown as { setDefinedProps: (this: object, data: unknown) => void };
  const original = prototype.setDefinedProps;
  prototype.setDefinedProps = function setDefinedProps(this: object, data: unknown): void {
    if (!traces.has(this)) traces.set(this, shallowTrace(setDefinedProps));
    original.call(this, data);
  };
}

/** Whether {@link captureSourceLocations} has been called in this module graph. */
export function capturingSourceLocations(): boolean {
  return installed;
}

/**
 * Returns where `object` was declared, relative to `root`, as
 * `apps/web/web.ts:42:7`, or `undefined` when it was not recorded. Frames
 * inside the library and inside `node_modules` are skipped.
 */
export function sourceOf(object: object, root: string): string | undefined {
  const stack = traces.get(object)?.stack;
  if (stack === undefined) return undefined;
  for (const line of stack.split("\n").slice(1)) {
    const match = /(?:\(|at )((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (match === null) continue;
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
    if (file.startsWith(libraryDir) || file.includes(`${sep}node_modules${sep}`)) continue;
    return `${relative(root, file).split(sep).join("/")}:${match[2]}:${match[3]}`;
  }
  return undefined;
}
