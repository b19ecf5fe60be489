/**
 * A one-line progress display on stderr for steps that take more than a
 * moment (renders, validation, schema builds, tool builds): a spinner with
 * the step and its elapsed time, redrawn in place. Shown only when the
 * stream is a terminal; elsewhere every call does nothing, so logs hold
 * only results.
 */
import type { TextSink } from "./io.ts";

/** A running progress display. */
export interface Progress {
  /** Replaces the step shown. */
  update(step: string): void;
  /** Writes a line of output above the progress line (and just writes it when nothing is drawn). */
  print(line: string): void;
  /** Clears the line (and stops redrawing); safe to call twice. */
  done(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Starts a progress display for `step`. It is redrawn every 100 ms while
 * the event loop is free (during synchronous work it shows the last frame),
 * and never keeps the process alive.
 */
export function startProgress(stream: TextSink, step: string): Progress {
  if (stream.isTTY !== true) return { update: () => {}, print: (line) => void stream.write(line), done: () => {} };
  const started = performance.now();
  let current = step;
  let frame = 0;
  let active = true;
  const draw = (): void => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    stream.write(`\r\u001b[2K${FRAMES[frame++ % FRAMES.length]} ${current} (${seconds} s)`);
  };
  draw();
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    update(next) {
      if (!active) return;
      current = next;
      draw();
    },
    print(line) {
      if (active) stream.write("\r\u001b[2K");
      stream.write(line);
      if (active) draw();
    },
    done() {
      if (!active) return;
      active = false;
      clearInterval(timer);
      stream.write("\r\u001b[2K");
    },
  };
}

/** Runs `work` with a progress display for `step`, clearing it however `work` ends. */
export async function withProgress<T>(stream: TextSink, step: string, work: (progress: Progress) => Promise<T> | T): Promise<T> {
  const progress = startProgress(stream, step);
  try {
    return await work(progress);
  } finally {
    progress.done();
  }
}
