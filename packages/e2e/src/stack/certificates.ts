/**
 * The stack's credentials, made fresh for every run with openssl and
 * node:crypto: a throwaway CA, the API server's serving certificate for
 * 127.0.0.1, an admin client certificate (group `system:masters`), the
 * service-account signing key, and a kubeconfig for the admin.
 */
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The files of the stack's credentials. */
export interface StackCredentials {
  /** The folder holding them. */
  readonly dir: string;
  /** The CA that signed the serving and client certificates (PEM file). */
  readonly caFile: string;
  /** The API server's serving certificate and key. */
  readonly servingCertFile: string;
  readonly servingKeyFile: string;
  /** The admin's client certificate and key. */
  readonly adminCertFile: string;
  readonly adminKeyFile: string;
  /** The service-account signing key (private) and its public key. */
  readonly serviceAccountKeyFile: string;
  readonly serviceAccountPublicKeyFile: string;
}

async function openssl(args: readonly string[], cwd: string): Promise<void> {
  try {
    await run("openssl", args, { cwd, encoding: "utf8" });
  } catch (error) {
    const detail = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    throw new Error(`openssl ${args[0]} failed: ${detail}`);
  }
}

/** One certificate signed by the CA; EC P-256 keys, valid two days. */
async function issue(dir: string, name: string, subject: string, extensions: readonly string[]): Promise<void> {
  await openssl(
    [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", `${name}.key`, "-out", `${name}.crt`, "-subj", subject, "-days", "2",
      "-CA", "ca.crt", "-CAkey", "ca.key",
      ...extensions.flatMap((extension) => ["-addext", extension]),
    ],
    dir,
  );
}

/**
 * Makes the stack's credentials in `dir` (created, mode 0700).
 *
 * @throws {Error} when openssl is missing or fails.
 */
export async function makeCredentials(dir: string): Promise<StackCredentials> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await openssl(
    [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=typed-gitops-e2e-ca", "-days", "2",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  await issue(dir, "apiserver", "/CN=kube-apiserver", [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature",
    "extendedKeyUsage=serverAuth",
    "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc",
  ]);
  await issue(dir, "admin", "/O=system:masters/CN=typed-gitops-e2e-admin", [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature",
    "extendedKeyUsage=clientAuth",
  ]);
  const serviceAccount = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  writeFileSync(join(dir, "service-account.key"), serviceAccount.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  writeFileSync(join(dir, "service-account.pub"), serviceAccount.publicKey.export({ type: "spki", format: "pem" }));
  return {
    dir,
    caFile: join(dir, "ca.crt"),
    servingCertFile: join(dir, "apiserver.crt"),
    servingKeyFile: join(dir, "apiserver.key"),
    adminCertFile: join(dir, "admin.crt"),
    adminKeyFile: join(dir, "admin.key"),
    serviceAccountKeyFile: join(dir, "service-account.key"),
    serviceAccountPublicKeyFile: join(dir, "service-account.pub"),
  };
}

/** Writes a kubeconfig for the admin at `file`, for the API server at `server`. */
export function writeKubeconfig(file: string, server: string, credentials: StackCredentials): void {
  const base64 = (path: string): string => readFileSync(path).toString("base64");
  const text = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: e2e",
    "    cluster:",
    `      server: ${server}`,
    `      certificate-authority-data: ${base64(credentials.caFile)}`,
    "users:",
    "  - name: admin",
    "    user:",
    `      client-certificate-data: ${base64(credentials.adminCertFile)}`,
    `      client-key-data: ${base64(credentials.adminKeyFile)}`,
    "contexts:",
    "  - name: e2e",
    "    context:",
    "      cluster: e2e",
    "      user: admin",
    "current-context: e2e",
    "",
  ].join("\n");
  writeFileSync(file, text, { mode: 0o600 });
}
