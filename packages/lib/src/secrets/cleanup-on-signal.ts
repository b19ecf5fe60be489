/**
 * Cleanups that run however the process ends: normally, by an exception,
 * or by SIGINT, SIGTERM or SIGHUP (after which the signal is raised again,
 * so the process still dies of it). SIGKILL cannot be caught: nothing can
 * clean up after it.
 */

/** The signals that run the registered cleanups. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

const cleanups = new Set<() => void>();
let foregroundChildren = 0;

function runCleanups(): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // keep going: every other cleanup still has to run
    }
  }
  cleanups.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  // Like a shell or git, leave an interrupt to the foreground child (an
  // editor decides itself what Ctrl-C means); its exit is handled then.
  if (signal === "SIGINT" && foregroundChildren > 0) return;
  runCleanups();
  detach();
  process.kill(process.pid, signal);
}

function onExit(): void {
  runCleanups();
}

function attach(): void {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on("exit", onExit);
}

function detach(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off("exit", onExit);
}

/**
 * Runs `body` with `cleanup` registered, and runs `cleanup` when `body`
 * settles or the process is ended by a signal, whichever comes first.
 * Cleanups run in reverse order of registration.
 */
export async function withCleanup<T>(cleanup: () => void, body: () => Promise<T>): Promise<T> {
  if (cleanups.size === 0) attach();
  cleanups.add(cleanup);
  try {
    return await body();
  } finally {
    if (cleanups.delete(cleanup)) cleanup();
    if (cleanups.size === 0) detach();
  }
}

/**
 * Runs `body` (which waits for a child process in the foreground, such as
 * an editor) with SIGINT left to the child: the process does not die of
 * the Ctrl-C the child receives too, and learns of it from the child's exit.
 */
export async function whileForegroundChild<T>(body: () => Promise<T>): Promise<T> {
  const ignore = (): void => {};
  foregroundChildren++;
  process.on("SIGINT", ignore);
  try {
    return await body();
  } finally {
    foregroundChildren--;
    process.off("SIGINT", ignore);
  }
}
