/**
 * `secrets`: author and check the secrets of a cluster — SOPS-encrypted
 * Secrets (age) and SealedSecrets (kubeseal, offline). Values are read from
 * a file or stdin, never from an argument, and never printed.
 */
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { z } from "zod";
import { UserError } from "../../errors/user-error.ts";
import { discoverClusters, loadCluster } from "../../cluster/load-clusters.ts";
import { editSecret } from "../../secrets/edit-secret.ts";
import { DEFAULT_SOPS_KEY_SECRET, fluxKeySecretCommand, initClusterKey } from "../../secrets/init-cluster-key.ts";
import { AGE_KEYS_DIR, checkClusterName, parseSecretRef, sopsSecretsFolder } from "../../secrets/layout.ts";
import { rotateSecrets } from "../../secrets/rotate-secrets.ts";
import { sealSecretValue } from "../../secrets/seal-secret-value.ts";
import { SEALING_SCOPES, type SealingScope } from "../../secrets/sealed-secret-file.ts";
import { setSecretValue } from "../../secrets/set-secret-value.ts";
import { verifySecrets } from "../../secrets/verify-secrets.ts";
import { ExitCode, parseCommandArgs, UsageError, type CommandContext, type ExitCodeValue } from "../io.ts";

/** The help text of `secrets`. */
export const SECRETS_HELP = `Usage: typed-gitops secrets <subcommand> [options]

Author and check the secrets of a cluster. Secrets never reach git in
plaintext: SOPS-encrypted Secrets live in clusters/<cluster>/secrets/<name>.sops.yaml
(encrypted for the age recipients in the cluster's secrets.sops.ageRecipients),
SealedSecrets in clusters/<cluster>/sealed/<name>.yaml (sealed offline against
clusters/<cluster>/sealed-secrets.pem). Values are read from a file, from stdin,
or from a prompt that does not echo (when neither --from-file nor --stdin is
given in a terminal); never from an argument (it would stay in your shell
history), and never printed.

Subcommands:
  init <cluster>                  create the cluster's age key pair in .secrets/age/<cluster>.agekey
                                  (never overwritten) and print its public recipient
  set <cluster>/<name> <key>      set one value of a SOPS Secret, creating the file if needed
      (--from-file FILE | --stdin) [--namespace NS] [--key AGEKEY]
  edit <cluster>/<name>           decrypt into a private temporary file, run $EDITOR (default vi),
      [--key AGEKEY]              encrypt the result; the plaintext file is removed in every case
  rotate <cluster> [--key AGEKEY] re-encrypt, with a new data key, every SOPS Secret whose
                                  recipients differ from the cluster's
  verify <cluster> [--key AGEKEY] check every secret file: encrypted, for exactly the cluster's
                                  recipients, no plaintext value; with --key, that it decrypts
  seal <cluster>/<name>           seal one value into a SealedSecret with kubeseal, offline
      --namespace NS --scope strict|namespace-wide|cluster-wide --key KEY (--from-file FILE | --stdin)

Options:
  --key AGEKEY      (set, edit, rotate, verify) the age private key that decrypts
                    (default: .secrets/age/<cluster>.agekey; verify decrypts only when given)
  --key KEY         (seal) the key of the value in the Secret
  --namespace NS    the Secret's namespace (required to create a secret)
  --scope SCOPE     (seal) what the sealed value is bound to: strict (name and namespace),
                    namespace-wide or cluster-wide
  --from-file FILE  read the value from FILE, byte for byte
  --stdin           read the value from stdin, byte for byte (a trailing newline is kept:
                    use printf '%s', not echo)
  --root DIR        the project root (default: the current directory)
  -h, --help        show this help

Examples:
  typed-gitops secrets init production
  printf '%s' "$DB_PASSWORD" | typed-gitops secrets set production/database password --stdin --namespace web
  typed-gitops secrets seal production/api-token --namespace web --scope strict --key token --from-file ./token
  typed-gitops secrets verify production --key .secrets/age/production.agekey

Exit codes: 0 ok, 1 findings, 2 usage or environment error.
`;

/** What `secrets` needs beyond a {@link CommandContext}; each defaults to the process's own. */
export interface SecretsContext extends CommandContext {
  /**
   * Where `--stdin` reads the value from.
   * @default process.stdin
   */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /**
   * The environment `$EDITOR` is read from (for `edit`).
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type OptionName = "key" | "namespace" | "scope" | "from-file" | "stdin";

/** The options each subcommand takes, besides --root and --help. */
const ALLOWED: Readonly<Record<string, readonly OptionName[]>> = {
  init: [],
  set: ["key", "namespace", "from-file", "stdin"],
  edit: ["key"],
  rotate: ["key"],
  verify: ["key"],
  seal: ["key", "namespace", "scope", "from-file", "stdin"],
};

/** How many positional arguments each subcommand takes, and what they are. */
const POSITIONALS: Readonly<Record<string, readonly string[]>> = {
  init: ["<cluster>"],
  set: ["<cluster>/<name>", "<key>"],
  edit: ["<cluster>/<name>"],
  rotate: ["<cluster>"],
  verify: ["<cluster>"],
  seal: ["<cluster>/<name>"],
};

/** The part of a cluster definition `secrets` reads; the rest is the renderer's business. */
const clusterSecretsSchema = z.object({
  secrets: z
    .object({
      sops: z
        .object({
          ageRecipients: z.array(z.string()).describe("The age recipients of the cluster's SOPS secrets."),
          keySecret: z.string().optional().describe("The Secret in flux-system with the age private key. Default: sops-age."),
        })
        .optional()
        .describe("SOPS with age. Default: none."),
    })
    .optional()
    .describe("How the cluster's secrets are encrypted."),
});

/** The secrets settings of a cluster definition. */
interface ClusterSecrets {
  /** The age recipients; `undefined` when the definition declares none. */
  readonly recipients: readonly string[] | undefined;
  /** The Secret in flux-system that holds the private key. */
  readonly keySecret: string;
}

/** Loads the cluster definition and reads its `secrets.sops` settings. */
async function loadClusterSecrets(root: string, cluster: string): Promise<ClusterSecrets> {
  const clusters = discoverClusters(root);
  const source = clusters.find((candidate) => candidate.name === cluster);
  if (source === undefined) {
    throw new UserError({
      where: `clusters/${cluster}`,
      what: "no such cluster (no clusters/<name>/cluster.ts)",
      hint: clusters.length === 0 ? "define the cluster first" : `the clusters are ${clusters.map((candidate) => candidate.name).join(", ")}`,
    });
  }
  const parsed = clusterSecretsSchema.safeParse(await loadCluster(root, source));
  if (!parsed.success) {
    throw new UserError(
      parsed.error.issues.map((issue) => ({ where: `${source.source}/cluster.ts: ${issue.path.join(".")}`, what: issue.message })),
    );
  }
  const sops = parsed.data.secrets?.sops;
  return { recipients: sops?.ageRecipients, keySecret: sops?.keySecret ?? DEFAULT_SOPS_KEY_SECRET };
}

/** The cluster's recipients, which every SOPS command but verify requires. */
function requireRecipients(settings: ClusterSecrets, cluster: string): readonly string[] {
  if (settings.recipients !== undefined) return settings.recipients;
  throw new UserError({
    where: `clusters/${cluster}/cluster.ts: secrets.sops.ageRecipients`,
    what: "is not set: the cluster has no age recipients to encrypt for",
    hint: `run \`typed-gitops secrets init ${cluster}\` and add the recipient it prints: secrets: { sops: { ageRecipients: ["age1…"] } }`,
  });
}

/**
 * Reads the value from --from-file or --stdin, or, when neither is given
 * and stdin is a terminal, from a prompt that does not echo what is typed.
 */
async function readValue(values: { "from-file"?: string; stdin?: boolean }, context: SecretsContext, key: string): Promise<Uint8Array> {
  const fromFile = values["from-file"];
  if (fromFile !== undefined && values.stdin === true) {
    throw new UsageError("give the value with one of --from-file FILE or --stdin, not both");
  }
  if (fromFile === undefined && values.stdin !== true) {
    const input = context.stdin ?? process.stdin;
    if (input === process.stdin && process.stdin.isTTY === true) return promptHidden(`Value of ${key} (not shown): `, context);
    throw new UsageError("give the value with --from-file FILE or --stdin, or run in a terminal to be prompted (never as an argument: it would stay in your shell history)");
  }
  if (fromFile !== undefined) {
    const path = resolve(context.cwd, fromFile);
    if (!existsSync(path)) throw new UserError({ where: fromFile, what: "no such file (--from-file)" });
    return readFileSync(path);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of context.stdin ?? process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Prompts on the terminal with echo off and returns what was typed, without the final newline. */
async function promptHidden(question: string, context: CommandContext): Promise<Uint8Array> {
  context.stderr.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  const bytes: number[] = [];
  try {
    await new Promise<void>((done, fail) => {
      const onData = (chunk: Buffer): void => {
        for (const byte of chunk) {
          if (byte === 0x03) {
            stdin.off("data", onData);
            fail(new UsageError("cancelled"));
            return;
          }
          if (byte === 0x0d || byte === 0x0a || byte === 0x04) {
            stdin.off("data", onData);
            done();
            return;
          }
          if (byte === 0x7f || byte === 0x08) bytes.pop();
          else bytes.push(byte);
        }
      };
      stdin.on("data", onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    context.stderr.write("\n");
  }
  return Uint8Array.from(bytes);
}

/** A path as the user should type it: relative to the working directory. */
function shown(context: CommandContext, path: string): string {
  const rel = relative(context.cwd, path);
  return rel === "" ? "." : rel.startsWith("..") ? path : rel;
}

/** Whether the project's .gitignore seems to ignore .secrets/ (a plain line check, not git's full rules). */
function gitignoresSecrets(root: string): boolean {
  const file = resolve(root, ".gitignore");
  if (!existsSync(file)) return false;
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .some((line) => /^\/?\.secrets(\/(\*\*?)?)?$/.test(line));
}

/** Runs `secrets`. */
export async function secrets(args: readonly string[], context: SecretsContext): Promise<ExitCodeValue> {
  const parsed = parseCommandArgs(args, {
    key: { type: "string" },
    namespace: { type: "string" },
    scope: { type: "string" },
    "from-file": { type: "string" },
    stdin: { type: "boolean" },
    root: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  const { values } = parsed;
  if (values.help) {
    context.stdout.write(SECRETS_HELP);
    return ExitCode.ok;
  }
  const [subcommand, ...positionals] = parsed.positionals;
  if (subcommand === undefined) throw new UsageError("missing subcommand: init, set, edit, rotate, verify or seal");
  const allowed = ALLOWED[subcommand];
  const expected = POSITIONALS[subcommand];
  if (allowed === undefined || expected === undefined) throw new UsageError(`unknown subcommand ${JSON.stringify(subcommand)}`);
  for (const option of ["key", "namespace", "scope", "from-file", "stdin"] as const) {
    if (values[option] !== undefined && !allowed.includes(option)) throw new UsageError(`--${option} is not an option of \`secrets ${subcommand}\``);
  }
  // Extra arguments are never echoed: they may be a value typed by mistake.
  if (positionals.length > expected.length) throw new UsageError(`too many arguments: \`secrets ${subcommand}\` takes ${expected.join(" ")}; values are read with --from-file or --stdin, never from an argument`);
  if (positionals.length < expected.length) throw new UsageError(`missing ${expected.slice(positionals.length).join(" ")}`);
  const root = resolve(context.cwd, values.root ?? ".");
  const keyFile = values.key === undefined || subcommand === "seal" ? undefined : resolve(context.cwd, values.key);

  switch (subcommand) {
    case "init": {
      const cluster = checkClusterName(positionals[0]!);
      const settings = await loadClusterSecrets(root, cluster);
      const pair = await initClusterKey({ root, cluster });
      const key = shown(context, pair.keyFile);
      context.stdout.write(
        `Created the age key of cluster ${cluster}: ${key} (mode 0600). Keep it out of git and back it up somewhere safe.\n` +
          `Public recipient: ${pair.recipient}\n\n` +
          `Next:\n` +
          `  1. Add the recipient to clusters/${cluster}/cluster.ts:\n` +
          `       secrets: { sops: { ageRecipients: [${JSON.stringify(pair.recipient)}] } }\n` +
          `     then run \`pnpm gen\` (it writes .sops.yaml).\n` +
          `  2. Give Flux the private key, once per cluster:\n` +
          `       ${fluxKeySecretCommand(key, settings.keySecret)}\n`,
      );
      if (!gitignoresSecrets(root)) context.stderr.write(`warning: .gitignore does not list /${AGE_KEYS_DIR.split("/")[0]}/; add that line so the private key is never committed\n`);
      return ExitCode.ok;
    }
    case "set": {
      const ref = parseSecretRef(positionals[0]!);
      const recipients = requireRecipients(await loadClusterSecrets(root, ref.cluster), ref.cluster);
      const value = await readValue(values, context, positionals[1] ?? values.key ?? "the secret");
      const result = await setSecretValue({
        root,
        ...ref,
        recipients,
        key: positionals[1]!,
        value,
        ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
        ...(keyFile === undefined ? {} : { keyFile }),
      });
      const verb = result.outcome === "created" ? "created with" : result.outcome === "added" ? "added" : "replaced";
      context.stdout.write(`${result.file} (Secret ${result.namespace}/${ref.name}): ${verb} key ${positionals[1]!}, encrypted for ${recipients.length} recipient${recipients.length === 1 ? "" : "s"}\n`);
      return ExitCode.ok;
    }
    case "edit": {
      const ref = parseSecretRef(positionals[0]!);
      const recipients = requireRecipients(await loadClusterSecrets(root, ref.cluster), ref.cluster);
      const env = context.env ?? process.env;
      const editor = env.EDITOR !== undefined && env.EDITOR.trim() !== "" ? env.EDITOR : "vi";
      const result = await editSecret({ root, ...ref, recipients, editor, ...(keyFile === undefined ? {} : { keyFile }) });
      context.stdout.write(
        result.outcome === "changed"
          ? `${result.file}: encrypted again for ${recipients.length} recipient${recipients.length === 1 ? "" : "s"}\n`
          : `${result.file}: unchanged\n`,
      );
      return ExitCode.ok;
    }
    case "rotate": {
      const cluster = checkClusterName(positionals[0]!);
      const recipients = requireRecipients(await loadClusterSecrets(root, cluster), cluster);
      let rotated = 0;
      const results = await rotateSecrets({
        root,
        cluster,
        recipients,
        ...(keyFile === undefined ? {} : { keyFile }),
        onFile: (result) => {
          if (result.outcome === "rotated") rotated++;
          const change = [...result.added.map((recipient) => `+${recipient}`), ...result.removed.map((recipient) => `-${recipient}`)].join(" ");
          context.stdout.write(result.outcome === "rotated" ? `rotated    ${result.file} (${change})\n` : `unchanged  ${result.file}\n`);
        },
      });
      context.stdout.write(
        results.length === 0
          ? `${sopsSecretsFolder(cluster)}: no SOPS secrets\n`
          : `${rotated} of ${results.length} secrets re-encrypted with a new data key for the ${recipients.length} recipient${recipients.length === 1 ? "" : "s"} of cluster ${cluster}\n`,
      );
      if (rotated > 0) context.stdout.write("A removed key still decrypts the older versions of these files in git history: change the values if that key may be compromised.\n");
      return ExitCode.ok;
    }
    case "verify": {
      const cluster = checkClusterName(positionals[0]!);
      const settings = await loadClusterSecrets(root, cluster);
      const result = await verifySecrets({ root, cluster, recipients: settings.recipients, ...(keyFile === undefined ? {} : { keyFile }) });
      const recipients = settings.recipients?.length ?? 0;
      context.stdout.write(
        `${cluster}: ${result.sops.length} SOPS secret${result.sops.length === 1 ? "" : "s"} encrypted for exactly the cluster's ${recipients} recipient${recipients === 1 ? "" : "s"}, no plaintext value` +
          (result.decrypted ? `, each decrypted with ${shown(context, keyFile!)}` : "") +
          `; ${result.sealed.length} SealedSecret${result.sealed.length === 1 ? "" : "s"} well-formed\n`,
      );
      return ExitCode.ok;
    }
    case "seal": {
      const ref = parseSecretRef(positionals[0]!);
      if (values.namespace === undefined) throw new UsageError("missing --namespace NS");
      if (values.key === undefined) throw new UsageError("missing --key KEY (the key of the value in the Secret)");
      if (values.scope === undefined) throw new UsageError(`missing --scope (${SEALING_SCOPES.join(", ")})`);
      if (!(SEALING_SCOPES as readonly string[]).includes(values.scope)) throw new UsageError(`--scope must be one of ${SEALING_SCOPES.join(", ")}`);
      const value = await readValue(values, context, positionals[1] ?? values.key ?? "the secret");
      const result = await sealSecretValue({ root, ...ref, namespace: values.namespace, scope: values.scope as SealingScope, key: values.key, value });
      const verb = result.outcome === "created" ? "created with" : result.outcome === "added" ? "added" : "replaced";
      context.stdout.write(
        `${result.file} (SealedSecret ${values.namespace}/${ref.name}, scope ${values.scope}): ${verb} key ${values.key}; the certificate is valid until ${result.certificateValidTo.toISOString().slice(0, 10)}\n`,
      );
      return ExitCode.ok;
    }
    default:
      throw new UsageError(`unknown subcommand ${JSON.stringify(subcommand)}`);
  }
}
