/**
 * The pinned `kubeseal`, offline: it seals with the certificate file it is
 * given and never contacts a cluster. The plaintext Secret reaches it on
 * stdin.
 */
import { resolveTool } from "../tools/install-tools.ts";
import { runTool } from "./run-tool.ts";
import type { SealingScope } from "./sealed-secret-file.ts";

/** Options of {@link kubeseal}. */
export interface KubesealOptions {
  /** The project whose `.tools/` holds the pinned kubeseal. */
  readonly toolsRoot: string;
  /** The sealing certificate (PEM), checked beforehand. */
  readonly certFile: string;
  /** The scope the values are sealed for. */
  readonly scope: SealingScope;
  /**
   * An existing SealedSecret file to merge the values into, in place
   * (`--merge-into`): its other values keep their ciphertexts.
   * @default none: the SealedSecret is returned
   */
  readonly mergeInto?: string;
  /** How the file concerned is named in messages. */
  readonly where: string;
}

/**
 * Seals a plaintext Secret manifest with `kubeseal --cert … --scope …
 * --format yaml`.
 *
 * @param secret - the Secret manifest; passed on stdin.
 * @returns kubeseal's output: the SealedSecret, or nothing with `mergeInto`.
 */
export async function kubeseal(secret: string, options: KubesealOptions): Promise<string> {
  const args = ["--cert", options.certFile, "--scope", options.scope, "--format", "yaml", ...(options.mergeInto === undefined ? [] : ["--merge-into", options.mergeInto])];
  return runTool(resolveTool(options.toolsRoot, "kubeseal"), args, { input: secret, where: options.where, failure: "cannot seal" });
}
