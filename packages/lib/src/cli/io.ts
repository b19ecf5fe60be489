import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/**
 * What a command needs from its environment, passed in so commands can be
 * run and tested in-process.
 */

/** A writable text stream. */
export interface TextSink {
  write(text: string): unknown;
  /** Whether the stream is a terminal (colour and progress are shown only then). */
  readonly isTTY?: boolean;
}

/** The context of one command run. */
export interface CommandContext {
  /** The working directory; the default project root. */
  readonly cwd: string;
  /** Where results go. */
  readonly stdout: TextSink;
  /** Where problems and progress go. */
  readonly stderr: TextSink;
  /**
   * The environment; commands read only `NO_COLOR` from it (colour is also
   * off whenever the stream is not a terminal).
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  /** Success. */
  ok: 0,
  /** Findings: invalid definitions, drift, failed checks. */
  findings: 1,
  /** Wrong usage or a missing prerequisite in the environment. */
  usage: 2,
  /** A bug in typed-gitops. */
  internal: 3,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A usage mistake on the command line; printed with the command's help hint. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Parses a command's arguments strictly (unknown options fail), with
 * positionals allowed; a mistake becomes a {@link UsageError}.
 */
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true as const, strict: true as const, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
