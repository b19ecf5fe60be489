/**
 * Colour for terminal output: only when the stream is a terminal and the
 * user has not asked for none (`NO_COLOR`, https://no-color.org); plain
 * text everywhere else, so piped output, files and CI logs stay clean.
 */
import type { TextSink } from "./io.ts";

/** Text styles; each returns its input unchanged when colour is off. */
export interface Style {
  /** Whether colour is on. */
  readonly enabled: boolean;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const plain = (text: string): string => text;

/**
 * The styles for a stream.
 *
 * @param env - the environment `NO_COLOR` is read from (default: the process's).
 */
export function styleFor(stream: TextSink, env: Readonly<Record<string, string | undefined>> = process.env): Style {
  const enabled = stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "");
  if (!enabled) return { enabled, red: plain, green: plain, yellow: plain, cyan: plain, bold: plain, dim: plain };
  return { enabled, red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
}

/** Colours the lines of a unified diff: additions green, removals red, hunk headers cyan. */
export function colourDiff(diff: string, style: Style): string {
  if (!style.enabled) return diff;
  return diff
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return style.bold(line);
      if (line.startsWith("+")) return style.green(line);
      if (line.startsWith("-")) return style.red(line);
      if (line.startsWith("@@")) return style.cyan(line);
      return line;
    })
    .join("\n");
}
