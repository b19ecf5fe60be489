/**
 * `secrets edit`: decrypt a SOPS Secret into a private temporary file, let
 * the user's editor change it, and encrypt the result for the cluster's
 * recipients. The plaintext file is removed in every case: success, editor
 * failure, exception, SIGINT, SIGTERM or SIGHUP.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors/user-error.ts";
import { checkRecipientList } from "./age.ts";
import { writeFileAtomic } from "./atomic-file.ts";
import { whileForegroundChild, withCleanup } from "./cleanup-on-signal.ts";
import { ageKeyFile, checkClusterName, checkSecretName, inRoot, sopsSecretFile } from "./layout.ts";
import { withPrivateTempDir } from "./private-temp.ts";
import { manifestShapeProblems } from "./secret-manifest.ts";
import { sopsDecrypt, sopsEncrypt } from "./sops.ts";
import { isMapping, parseSingleDocument } from "./yaml-document.ts";

/** Options of {@link editSecret}. */
export interface EditSecretOptions {
  /** The project root. */
  readonly root: string;
  /** The cluster. */
  readonly cluster: string;
  /** The cluster's age recipients (`secrets.sops.ageRecipients`): the result is encrypted for exactly these. */
  readonly recipients: readonly string[];
  /** The Secret's name: the file is `clusters/<cluster>/secrets/<name>.sops.yaml`. */
  readonly name: string;
  /**
   * The editor command, run by `sh -c 'exec <editor> "$@"'` with the file as
   * its last argument (so `code --wait` works).
   */
  readonly editor: string;
  /**
   * The age private key that decrypts the file.
   * @default `<root>/.secrets/age/<cluster>.agekey`
   */
  readonly keyFile?: string;
  /**
   * The project whose `.tools/` holds the pinned sops.
   * @default root
   */
  readonly toolsRoot?: string;
  /**
   * Where the private temporary folder is made.
   * @default `/dev/shm` when writable, else the OS temp folder
   */
  readonly tempParent?: string;
}

/** What {@link editSecret} did. */
export interface EditSecretResult {
  /** The file, relative to the root. */
  readonly file: string;
  /** `changed` when the file was encrypted again, `unchanged` when the editor changed nothing (the file is untouched). */
  readonly outcome: "changed" | "unchanged";
}

/** Runs the editor on `file` in the foreground and waits for it. */
async function runEditor(editor: string, file: string, where: string): Promise<void> {
  // `exec`, so the editor replaces the shell and a signal forwarded to the child reaches the editor itself.
  const { execa } = await import("execa");
  const child = execa("/bin/sh", ["-c", `exec ${editor} "$@"`, "editor", file], { stdio: "inherit", reject: false, verbose: "none" });
  const result = await withCleanup(
    () => child.kill("SIGTERM"),
    () => whileForegroundChild(async () => await child),
  );
  if (result.signal !== undefined) {
    throw new UserError({ where, what: `the editor was stopped by ${result.signal}; nothing was written` });
  }
  if (result.exitCode !== 0) {
    throw new UserError({ where, what: `the editor (${editor}) exited with code ${result.exitCode ?? "unknown"}; nothing was written` });
  }
}

/**
 * Edits a SOPS-encrypted Secret in the user's editor.
 *
 * The file is decrypted (with `keyFile`) into `<name>.yaml`, mode 0600, in a
 * private folder, mode 0700; the editor runs on it; the folder is removed
 * whatever happens. When the text changed, it must still be one Secret
 * manifest named `name`, and is encrypted for `recipients` and written in
 * place atomically. Edits that fail the checks are discarded.
 *
 * @throws {UserError} when the file is missing, cannot be decrypted, the
 *   editor fails or is stopped, or the edited text is not that Secret.
 */
export async function editSecret(options: EditSecretOptions): Promise<EditSecretResult> {
  const cluster = checkClusterName(options.cluster);
  const name = checkSecretName(options.name);
  const recipients = checkRecipientList(options.recipients, `clusters/${cluster}: secrets.sops.ageRecipients`);
  const where = sopsSecretFile(cluster, name);
  const file = inRoot(options.root, where);
  const toolsRoot = options.toolsRoot ?? options.root;
  if (!existsSync(file)) {
    throw new UserError({ where, what: "does not exist", hint: `create it with \`typed-gitops secrets set ${cluster}/${name} <key> --namespace <namespace> --stdin\`` });
  }
  const keyFile = options.keyFile ?? inRoot(options.root, ageKeyFile(cluster));
  if (!existsSync(keyFile)) throw new UserError({ where: keyFile, what: "no such age key file", hint: "pass the private key of one of the file's recipients with --key" });

  const plaintext = await sopsDecrypt(file, keyFile, { toolsRoot, where });
  const edited = await withPrivateTempDir(
    async (dir) => {
      const scratch = join(dir, `${name}.yaml`);
      writeFileSync(scratch, plaintext, { mode: 0o600, flag: "wx" });
      await runEditor(options.editor, scratch, where);
      return readFileSync(scratch, "utf8");
    },
    { prefix: "typed-gitops-edit-", ...(options.tempParent === undefined ? {} : { parent: options.tempParent }) },
  );
  if (edited === plaintext) return { file: where, outcome: "unchanged" };

  const document = parseSingleDocument(edited, `${where} (as edited)`);
  const problems = manifestShapeProblems(document, { apiVersion: "v1", kind: "Secret" });
  const editedName = isMapping(document) && isMapping(document.metadata) ? document.metadata.name : undefined;
  if (problems.length === 0 && editedName !== name) problems.push(`metadata.name is ${JSON.stringify(editedName)}, expected ${JSON.stringify(name)} (the file's name)`);
  if (isMapping(document) && "sops" in document) problems.push("has a sops field: the edited text must be the plaintext manifest alone");
  if (problems.length > 0) {
    throw new UserError({ where: `${where} (as edited)`, what: `is not the Secret ${name}: ${problems.join("; ")}; nothing was written and the edits are discarded` });
  }
  writeFileAtomic(file, await sopsEncrypt(edited, recipients, { toolsRoot, where }), { where });
  return { file: where, outcome: "changed" };
}
