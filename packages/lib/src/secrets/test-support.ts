/**
 * Helpers of the secrets tests: the pinned tools, temporary projects whose
 * clusters declare age recipients, self-signed sealing certificates made
 * with node:crypto, and a runner of the `secrets` command in a child
 * process (real stdin, real $EDITOR, real signals).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installTools } from "../tools/install-tools.ts";

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root, whose `.tools/` holds the pinned tools. */
export const REPO_ROOT = join(here, "..", "..", "..", "..");

/** The command line the CLI tests run (`typed-gitops secrets …`). */
export const SECRETS_CLI = join(here, "..", "..", "bin", "typed-gitops.js");

/** Builds the pinned sops, age, age-keygen and kubeseal when missing (reused otherwise). */
export async function installSecretTools(): Promise<void> {
  await installTools(REPO_ROOT, { only: ["sops", "age", "age-keygen", "kubeseal"] });
}

/** A temporary project with clusters and the repository's tools linked in. */
export interface SecretsProject {
  /** Its root. */
  readonly root: string;
  /** Writes `clusters/<cluster>/cluster.ts` declaring these recipients (none: no `secrets` field). */
  defineCluster(cluster: string, recipients?: readonly string[]): void;
  /** Writes a file relative to the root. */
  write(path: string, content: string | Uint8Array): void;
  /** Runs the `secrets` command in a child process in the root. */
  run(args: readonly string[], options?: { readonly input?: string | Uint8Array; readonly env?: NodeJS.ProcessEnv }): SpawnSyncReturns<string>;
  /** Starts the `secrets` command in a child process (in its own process group) without waiting. */
  start(args: readonly string[], env?: NodeJS.ProcessEnv): ReturnType<typeof spawn>;
  /** Removes the project. */
  remove(): void;
}

/** Creates a temporary project; `.tools` is a link to the repository's. */
export function createSecretsProject(): SecretsProject {
  const root = mkdtempSync(join(tmpdir(), "typed-gitops-secrets-"));
  symlinkSync(join(REPO_ROOT, ".tools"), join(root, ".tools"));
  const write = (path: string, content: string | Uint8Array): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  return {
    root,
    write,
    defineCluster(cluster, recipients) {
      const secrets = recipients === undefined ? "" : `  secrets: { sops: { ageRecipients: ${JSON.stringify(recipients)} } },\n`;
      write(`clusters/${cluster}/cluster.ts`, `export default {\n  name: ${JSON.stringify(cluster)},\n  components: {},\n${secrets}};\n`);
    },
    run: (args, options = {}) =>
      spawnSync(process.execPath, [SECRETS_CLI, "secrets", ...args], {
        cwd: root,
        encoding: "utf8",
        input: options.input ?? "",
        env: { ...process.env, ...options.env },
      }),
    start: (args, env) => spawn(process.execPath, [SECRETS_CLI, "secrets", ...args], { cwd: root, env: { ...process.env, ...env }, stdio: "pipe", detached: true }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

// --- A minimal DER encoder, enough for a self-signed X.509 certificate. ---

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

function oid(text: string): Buffer {
  const [first, second, ...rest] = text.split(".").map(Number);
  const bytes = [first! * 40 + second!];
  for (const part of rest) {
    const chunk: number[] = [part & 0x7f];
    for (let value = part >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString();
  return der(0x17, Buffer.from(`${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`));
}

function name(commonName: string): Buffer {
  const attribute = (type: string, value: string): Buffer => der(0x31, der(0x30, oid(type), der(0x0c, Buffer.from(value))));
  return der(0x30, attribute("2.5.4.10", commonName), attribute("2.5.4.3", commonName));
}

const SHA256_WITH_RSA = der(0x30, oid("1.2.840.113549.1.1.11"), Buffer.from([0x05, 0x00]));

/** An RSA key pair for sealing certificates. */
export interface SealingKey {
  /** The private key. */
  readonly privateKey: KeyObject;
  /** The public key. */
  readonly publicKey: KeyObject;
}

/**
 * Makes an RSA key pair like the Sealed Secrets controller's.
 *
 * @param bits - the modulus length. @default 4096
 */
export function sealingKey(bits = 4096): SealingKey {
  return generateKeyPairSync("rsa", { modulusLength: bits });
}

/**
 * Makes a self-signed X.509 v3 certificate (SHA-256 with RSA), as PEM,
 * valid from `notBefore` to `notAfter`; the subject is `sealed-secret`,
 * as the controller's.
 */
export function selfSignedCertificate(key: SealingKey, notBefore: Date, notAfter: Date): string {
  // A DER INTEGER is minimal and positive: the first byte is neither 0x00
  // (padding) nor ≥ 0x80 (negative), so it is kept within 0x40–0x7f.
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x3f) | 0x40;
  const tbs = der(
    0x30,
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    SHA256_WITH_RSA,
    name("sealed-secret"),
    der(0x30, utcTime(notBefore), utcTime(notAfter)),
    name("sealed-secret"),
    key.publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = createSign("sha256").update(tbs).sign(key.privateKey);
  const certificate = der(0x30, tbs, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
  const base64 = certificate.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

/** A day in milliseconds. */
export const DAY = 24 * 60 * 60 * 1000;
