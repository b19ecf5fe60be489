/**
 * `typed-gitops secrets` end to end, each run in its own process with the
 * real sops, age-keygen and kubeseal: a secret authored with the CLI,
 * decrypted by sops with the cluster's key; rotation to a new recipient;
 * edits with scripted editors that succeed, fail and are interrupted; and
 * no value ever printed.
 */
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAgeKey } from "../../secrets/age.ts";
import { DAY, REPO_ROOT, createSecretsProject, installSecretTools, sealingKey, selfSignedCertificate, type SecretsProject } from "../../secrets/test-support.ts";
import { resolveTool } from "../../tools/install-tools.ts";

/** Values that must never appear in any output. */
const PASSWORD = `pw-${randomBytes(8).toString("hex")}`;
const USERNAME = `user-${randomBytes(8).toString("hex")}\n`;
const EDITED = `edited-${randomBytes(8).toString("hex")}`;
const SEALED = `sealed-${randomBytes(8).toString("hex")}`;
const VALUES = [PASSWORD, USERNAME.trim(), EDITED, SEALED];

const SECRET = "clusters/prod/secrets/db.sops.yaml";

let project: SecretsProject;
let recipient: string;
let newRecipient: string;
const outputs: string[] = [];

function run(args: readonly string[], options: { input?: string | Uint8Array; env?: NodeJS.ProcessEnv } = {}) {
  const result = project.run(args, options);
  outputs.push(result.stdout, result.stderr);
  return result;
}

/** Decrypts with the real sops and the given key, as Flux's kustomize-controller would. */
async function sopsDecrypt(keyFile: string, file = SECRET) {
  const result = await execa(resolveTool(REPO_ROOT, "sops"), ["decrypt", join(project.root, file)], {
    env: { HOME: project.root, SOPS_AGE_KEY_FILE: keyFile },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

function decoded(text: string): Record<string, string> {
  const secret = parse(text) as { data?: Record<string, string>; stringData?: Record<string, string> };
  return {
    ...Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, "base64").toString()])),
    ...secret.stringData,
  };
}

function sha(path: string): string {
  return createHash("sha256").update(readFileSync(join(project.root, path))).digest("hex");
}

function editorScript(name: string, body: string): string {
  project.write(name, `#!/bin/sh\necho "$1" > "${join(project.root, `${name}.path`)}"\nprintf '%s %s\\n' "$(stat -c %a "$1")" "$(stat -c %a "$(dirname "$1")")" >> "${join(project.root, `${name}.path`)}"\n${body}\n`);
  chmodSync(join(project.root, name), 0o755);
  return join(project.root, name);
}

/** The path and modes the editor script saw. */
function seenByEditor(name: string): { file: string; modes: string } {
  const [file, modes] = readFileSync(join(project.root, `${name}.path`), "utf8").trim().split("\n");
  return { file: file!, modes: modes! };
}

beforeAll(async () => {
  await installSecretTools();
  project = createSecretsProject();
  project.write(".gitignore", "/.secrets/\n");
  project.defineCluster("prod");
}, 600_000);

afterAll(() => project?.remove());

describe("typed-gitops secrets", () => {
  it("init creates the cluster's key pair and prints the recipient and the kubectl command", () => {
    const result = run(["init", "prod"]);
    expect(result.status, result.stderr).toBe(0);
    recipient = /Public recipient: (age1[a-z0-9]+)/.exec(result.stdout)![1]!;
    expect(result.stdout).toContain(`secrets: { sops: { ageRecipients: ["${recipient}"] } }`);
    expect(result.stdout).toContain("kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=.secrets/age/prod.agekey\n");
    expect(result.stderr).toBe("");
    expect(statSync(join(project.root, ".secrets/age/prod.agekey")).mode & 0o777).toBe(0o600);
    expect(statSync(join(project.root, ".secrets/age")).mode & 0o777).toBe(0o700);
  });

  it("init refuses to overwrite an existing key", () => {
    const before = sha(".secrets/age/prod.agekey");
    const result = run(["init", "prod"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(".secrets/age/prod.agekey: already exists; an age key is never overwritten");
    expect(sha(".secrets/age/prod.agekey")).toBe(before);
  });

  it("set refuses to encrypt before the cluster has recipients", () => {
    const result = run(["set", "prod/db", "password", "--stdin", "--namespace", "web"], { input: PASSWORD });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("clusters/prod/cluster.ts: secrets.sops.ageRecipients: is not set: the cluster has no age recipients to encrypt for");
  });

  it("set never takes the value as an argument, and does not echo it", () => {
    project.defineCluster("prod", [recipient]);
    const result = run(["set", "prod/db", "password", PASSWORD, "--namespace", "web"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("too many arguments: `secrets set` takes <cluster>/<name> <key>; values are read with --from-file or --stdin, never from an argument");
  });

  it("set creates an encrypted Secret from stdin that sops decrypts with the cluster's key to the original value", async () => {
    const result = run(["set", "prod/db", "password", "--stdin", "--namespace", "web"], { input: PASSWORD });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${SECRET} (Secret web/db): created with key password, encrypted for 1 recipient\n`);
    const text = readFileSync(join(project.root, SECRET), "utf8");
    expect(text).not.toContain(Buffer.from(PASSWORD).toString("base64"));
    expect(text).toMatch(/^apiVersion: v1\nkind: Secret\nmetadata:\n {2}name: db\n {2}namespace: web\ntype: Opaque\ndata:\n {2}password: ENC\[AES256_GCM,/);
    const decrypted = await sopsDecrypt(join(project.root, ".secrets/age/prod.agekey"));
    expect(decrypted.exitCode, decrypted.stderr).toBe(0);
    expect(decoded(decrypted.stdout)).toEqual({ password: PASSWORD });
  });

  it("set adds a key from a file byte for byte, leaving the other value's ciphertext as it was", async () => {
    const passwordLine = /^ {2}password: .*$/m.exec(readFileSync(join(project.root, SECRET), "utf8"))![0];
    project.write("username.txt", USERNAME);
    const result = run(["set", "prod/db", "username", "--from-file", "username.txt"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${SECRET} (Secret web/db): added key username, encrypted for 1 recipient\n`);
    expect(readFileSync(join(project.root, SECRET), "utf8")).toContain(`${passwordLine}\n`);
    rmSync(join(project.root, "username.txt"));
    expect(decoded((await sopsDecrypt(join(project.root, ".secrets/age/prod.agekey"))).stdout)).toEqual({ password: PASSWORD, username: USERNAME });
  });

  it("two reads give identical bytes and leave the file untouched (no re-encryption on read)", async () => {
    const before = sha(SECRET);
    const mtime = statSync(join(project.root, SECRET)).mtimeMs;
    const first = await sopsDecrypt(join(project.root, ".secrets/age/prod.agekey"));
    const second = await sopsDecrypt(join(project.root, ".secrets/age/prod.agekey"));
    expect(second.stdout).toBe(first.stdout);
    expect(run(["verify", "prod", "--key", ".secrets/age/prod.agekey"]).status).toBe(0);
    expect(sha(SECRET)).toBe(before);
    expect(statSync(join(project.root, SECRET)).mtimeMs).toBe(mtime);
  });

  it("verify checks every file and decrypts with the key", () => {
    const result = run(["verify", "prod", "--key", ".secrets/age/prod.agekey"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe("prod: 1 SOPS secret encrypted for exactly the cluster's 1 recipient, no plaintext value, each decrypted with .secrets/age/prod.agekey; 0 SealedSecrets well-formed\n");
  });

  it("verify reports a plaintext file in the secrets folder", () => {
    project.write("clusters/prod/secrets/leak.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: leak\n  namespace: web\nstringData:\n  password: ${PASSWORD}\n`);
    project.write("clusters/prod/secrets/leak2.sops.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: leak2\n  namespace: web\nstringData:\n  password: ${PASSWORD}\n`);
    const result = run(["verify", "prod"]);
    rmSync(join(project.root, "clusters/prod/secrets/leak.yaml"));
    rmSync(join(project.root, "clusters/prod/secrets/leak2.sops.yaml"));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("clusters/prod/secrets/leak.yaml: is not a *.sops.yaml file: only SOPS-encrypted Secrets belong in clusters/prod/secrets/");
    expect(result.stderr).toContain("clusters/prod/secrets/leak2.sops.yaml: is not encrypted (no sops metadata): its values are plaintext");
    expect(result.stderr).toContain("2 problems found.");
  });

  it("rotate re-encrypts for the new recipient list: the new key decrypts, the removed one no longer does", async () => {
    newRecipient = (await generateAgeKey(join(project.root, ".secrets/age/prod-next.agekey"), { toolsRoot: REPO_ROOT })).recipient;
    project.defineCluster("prod", [newRecipient]);
    const result = run(["rotate", "prod"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`rotated    ${SECRET} (+${newRecipient} -${recipient})\n`);
    expect(result.stdout).toContain("1 of 1 secrets re-encrypted with a new data key for the 1 recipient of cluster prod\n");
    const withNew = await sopsDecrypt(join(project.root, ".secrets/age/prod-next.agekey"));
    expect(withNew.exitCode, withNew.stderr).toBe(0);
    expect(decoded(withNew.stdout)).toEqual({ password: PASSWORD, username: USERNAME });
    const withOld = await sopsDecrypt(join(project.root, ".secrets/age/prod.agekey"));
    expect(withOld.exitCode).not.toBe(0);
    expect(withOld.stderr).toContain("Failed to get the data key required to decrypt the SOPS file");
    expect(run(["verify", "prod", "--key", ".secrets/age/prod.agekey"]).status).toBe(1);
    expect(run(["verify", "prod", "--key", ".secrets/age/prod-next.agekey"]).status).toBe(0);
  });

  it("rotate leaves files already encrypted for exactly the recipients untouched", () => {
    const before = sha(SECRET);
    const result = run(["rotate", "prod", "--key", ".secrets/age/prod-next.agekey"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`unchanged  ${SECRET}\n`);
    expect(sha(SECRET)).toBe(before);
  });

  it("edit runs $EDITOR on a 0600 file in a 0700 folder, encrypts the result, and removes the plaintext", async () => {
    const editor = editorScript("editor-ok.sh", `printf 'stringData:\\n  note: ${EDITED}\\n' >> "$1"`);
    const result = run(["edit", "prod/db", "--key", ".secrets/age/prod-next.agekey"], { env: { EDITOR: editor } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${SECRET}: encrypted again for 1 recipient\n`);
    const seen = seenByEditor("editor-ok.sh");
    expect(seen.modes).toBe("600 700");
    expect(existsSync(seen.file)).toBe(false);
    expect(existsSync(dirname(seen.file))).toBe(false);
    expect(readFileSync(join(project.root, SECRET), "utf8")).not.toContain(EDITED);
    expect(decoded((await sopsDecrypt(join(project.root, ".secrets/age/prod-next.agekey"))).stdout)).toEqual({ password: PASSWORD, username: USERNAME, note: EDITED });
  });

  it("edit leaves the file untouched when the editor changes nothing", () => {
    const before = sha(SECRET);
    const result = run(["edit", "prod/db", "--key", ".secrets/age/prod-next.agekey"], { env: { EDITOR: editorScript("editor-noop.sh", "true") } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${SECRET}: unchanged\n`);
    expect(sha(SECRET)).toBe(before);
    expect(existsSync(dirname(seenByEditor("editor-noop.sh").file))).toBe(false);
  });

  it("edit writes nothing and removes the plaintext when the editor fails", () => {
    const before = sha(SECRET);
    const editor = editorScript("editor-fail.sh", `printf 'stringData:\\n  note: changed\\n' >> "$1"\nexit 3`);
    const result = run(["edit", "prod/db", "--key", ".secrets/age/prod-next.agekey"], { env: { EDITOR: editor } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${SECRET}: the editor (${editor}) exited with code 3; nothing was written`);
    expect(sha(SECRET)).toBe(before);
    expect(existsSync(dirname(seenByEditor("editor-fail.sh").file))).toBe(false);
  });

  it("edit discards an edit that is no longer the Secret, and removes the plaintext", () => {
    const before = sha(SECRET);
    const editor = editorScript("editor-bad.sh", `sed -i 's/^kind: Secret$/kind: ConfigMap/' "$1"`);
    const result = run(["edit", "prod/db", "--key", ".secrets/age/prod-next.agekey"], { env: { EDITOR: editor } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${SECRET} (as edited): is not the Secret db: kind is "ConfigMap", expected Secret; nothing was written and the edits are discarded`);
    expect(sha(SECRET)).toBe(before);
    expect(existsSync(dirname(seenByEditor("editor-bad.sh").file))).toBe(false);
  });

  it.each([
    ["SIGTERM to the command", "SIGTERM", "command"],
    ["SIGHUP to the command", "SIGHUP", "command"],
    ["SIGINT to the process group (Ctrl-C)", "SIGINT", "group"],
  ] as const)("edit removes the plaintext when interrupted by %s", async (_case, signal, target) => {
    const before = sha(SECRET);
    const name = `editor-wait-${signal}.sh`;
    const editor = editorScript(name, "exec sleep 30");
    const child = project.start(["edit", "prod/db", "--key", ".secrets/age/prod-next.agekey"], { EDITOR: editor });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => outputs.push(chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, how) => resolve({ code, signal: how })));
    const marker = join(project.root, `${name}.path`);
    for (let waited = 0; !existsSync(marker) || readFileSync(marker, "utf8").split("\n").length < 3; waited += 50) {
      if (waited > 20_000) throw new Error(`the editor did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seen = seenByEditor(name);
    expect(existsSync(seen.file)).toBe(true);
    if (target === "group") process.kill(-child.pid!, signal);
    else child.kill(signal);
    const exit = await exited;
    outputs.push(stderr);
    if (signal === "SIGINT") {
      expect(exit.code).toBe(1);
      expect(stderr).toContain(`${SECRET}: the editor was stopped by SIGINT; nothing was written`);
    } else {
      expect(exit.signal).toBe(signal);
    }
    expect(existsSync(dirname(seen.file))).toBe(false);
    expect(sha(SECRET)).toBe(before);
  });

  it("seal seals a value from stdin against the cluster's certificate", () => {
    const key = sealingKey(4096);
    const now = Date.now();
    project.write("clusters/prod/sealed-secrets.pem", selfSignedCertificate(key, new Date(now - DAY), new Date(now + 365 * DAY)));
    const result = run(["seal", "prod/api", "--namespace", "web", "--scope", "namespace-wide", "--key", "token", "--stdin"], { input: SEALED });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^clusters\/prod\/sealed\/api\.yaml \(SealedSecret web\/api, scope namespace-wide\): created with key token; the certificate is valid until \d{4}-\d{2}-\d{2}\n$/);
    const sealed = parse(readFileSync(join(project.root, "clusters/prod/sealed/api.yaml"), "utf8")) as { kind: string; metadata: { annotations: Record<string, string> } };
    expect(sealed.kind).toBe("SealedSecret");
    expect(sealed.metadata.annotations).toEqual({ "sealedsecrets.bitnami.com/namespace-wide": "true" });
    const verified = run(["verify", "prod"]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toContain("1 SealedSecret well-formed");
  });

  it("seal rejects an unknown scope", () => {
    const result = run(["seal", "prod/api", "--namespace", "web", "--scope", "global", "--key", "token", "--stdin"], { input: SEALED });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: --scope must be one of strict, namespace-wide, cluster-wide");
  });

  it("never prints a secret value, in any output of any run", () => {
    expect(outputs.length).toBeGreaterThan(20);
    const all = outputs.join("\n");
    for (const value of VALUES) {
      expect(all).not.toContain(value);
      expect(all).not.toContain(Buffer.from(value).toString("base64"));
    }
  });
});
