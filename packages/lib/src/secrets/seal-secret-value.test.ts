/**
 * Sealing with the real kubeseal, offline, against certificates made in the
 * test (4096-bit RSA, like the controller's), and unsealing with kubeseal's
 * offline recovery mode to prove what was sealed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem, isUserError } from "../errors/user-error.ts";
import { rawTextOf } from "../resource/raw-manifest.ts";
import { resolveTool } from "../tools/install-tools.ts";
import { sealSecretValue, type SealSecretValueOptions } from "./seal-secret-value.ts";
import { sealedSecretObject, type SealingScope } from "./sealed-secret-file.ts";
import { DAY, REPO_ROOT, createSecretsProject, installSecretTools, sealingKey, selfSignedCertificate, type SealingKey, type SecretsProject } from "./test-support.ts";

const NOW = new Date();
const PASSWORD = "sealed-password-4f1c";
const USER = "sealed-user-9a2e";

let key: SealingKey;
let project: SecretsProject;
let privateKeyFile: string;
let scratch: string;

interface SealedSecretYaml {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: { encryptedData: Record<string, string>; template: { metadata: { name: string; namespace: string; annotations?: Record<string, string> }; type?: string } };
}

beforeAll(async () => {
  await installSecretTools();
  key = sealingKey(4096);
  project = createSecretsProject();
  project.write("clusters/prod/sealed-secrets.pem", selfSignedCertificate(key, new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + 365 * DAY)));
  scratch = mkdtempSync(join(tmpdir(), "typed-gitops-unseal-"));
  privateKeyFile = join(scratch, "sealing-key.pem");
  writeFileSync(privateKeyFile, key.privateKey.export({ type: "pkcs1", format: "pem" }), { mode: 0o600 });
});
afterAll(() => {
  project?.remove();
  rmSync(scratch, { recursive: true, force: true });
});

function seal(name: string, scope: SealingScope, entry: string, value: string, extra: Partial<SealSecretValueOptions> = {}) {
  return sealSecretValue({ root: project.root, cluster: "prod", name, namespace: "web", scope, key: entry, value: Buffer.from(value), ...extra });
}

function readSealed(name: string): SealedSecretYaml {
  return parse(readFileSync(join(project.root, "clusters", "prod", "sealed", `${name}.yaml`), "utf8")) as SealedSecretYaml;
}

/** Unseals a file offline with the controller's private key (kubeseal --recovery-unseal) and returns the values. */
async function unseal(name: string): Promise<Record<string, string>> {
  const result = await execa(resolveTool(REPO_ROOT, "kubeseal"), ["--recovery-unseal", "--recovery-private-key", privateKeyFile], {
    input: readFileSync(join(project.root, "clusters", "prod", "sealed", `${name}.yaml`)),
    env: { HOME: scratch },
    extendEnv: false,
  });
  const secret = JSON.parse(result.stdout) as { data: Record<string, string> };
  return Object.fromEntries(Object.entries(secret.data).map(([entry, value]) => [entry, Buffer.from(value, "base64").toString()]));
}

async function problemsOf(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    if (isUserError(error)) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe("sealSecretValue", () => {
  it.each([
    ["strict", undefined],
    ["namespace-wide", { "sealedsecrets.bitnami.com/namespace-wide": "true" }],
    ["cluster-wide", { "sealedsecrets.bitnami.com/cluster-wide": "true" }],
  ] as const)("seals with scope %s: a SealedSecret with the scope's annotations that unseals to the value", async (scope, annotations) => {
    const name = `scope-${scope}`;
    const result = await seal(name, scope, "password", PASSWORD);
    expect(result).toMatchObject({ file: `clusters/prod/sealed/${name}.yaml`, outcome: "created" });
    const sealed = readSealed(name);
    expect(sealed.apiVersion).toBe("bitnami.com/v1alpha1");
    expect(sealed.kind).toBe("SealedSecret");
    expect(sealed.metadata.name).toBe(name);
    expect(sealed.metadata.namespace).toBe("web");
    expect(sealed.metadata.annotations).toEqual(annotations);
    expect(sealed.spec.template.metadata.annotations).toEqual(annotations);
    expect(sealed.spec.template.type).toBe("Opaque");
    expect(Object.keys(sealed.spec.encryptedData)).toEqual(["password"]);
    expect(readFileSync(join(project.root, result.file), "utf8")).not.toContain(PASSWORD);
    expect(await unseal(name)).toEqual({ password: PASSWORD });
  });

  it("re-sealing one key leaves the other keys' ciphertexts untouched", async () => {
    await seal("merged", "strict", "password", PASSWORD);
    const first = readSealed("merged").spec.encryptedData.password;
    expect(await seal("merged", "strict", "user", USER)).toMatchObject({ outcome: "added" });
    expect(readSealed("merged").spec.encryptedData.password).toBe(first);
    const user = readSealed("merged").spec.encryptedData.user;
    expect(await seal("merged", "strict", "password", `${PASSWORD}-2`)).toMatchObject({ outcome: "replaced" });
    const after = readSealed("merged").spec.encryptedData;
    expect(after.user).toBe(user);
    expect(after.password).not.toBe(first);
    expect(await unseal("merged")).toEqual({ password: `${PASSWORD}-2`, user: USER });
    expect(readFileSync(join(project.root, "clusters/prod/sealed/merged.yaml"), "utf8")).toMatch(/^apiVersion: bitnami\.com\/v1alpha1\n/);
  });

  it("refuses to mix scopes in one SealedSecret", async () => {
    await seal("scoped", "namespace-wide", "password", PASSWORD);
    expect(await problemsOf(() => seal("scoped", "strict", "user", USER))).toEqual([
      "clusters/prod/sealed/scoped.yaml: is sealed with scope namespace-wide, not strict: all values of one SealedSecret share one scope\n" +
        "  hint: seal with --scope namespace-wide, or delete the file and seal every value again with --scope strict",
    ]);
  });

  it("refuses another namespace than the existing file's", async () => {
    await seal("elsewhere", "strict", "password", PASSWORD);
    expect(await problemsOf(() => seal("elsewhere", "strict", "user", USER, { namespace: "other" }))).toEqual([
      "clusters/prod/sealed/elsewhere.yaml: metadata.namespace: is web, not other as given with --namespace\n  hint: give the file's namespace, or another name for a Secret in another namespace",
    ]);
  });

  it("refuses an expired certificate, naming the file and the date", async () => {
    const expiry = new Date(Date.UTC(2025, 0, 31, 12, 0, 0));
    project.write("expired.pem", selfSignedCertificate(key, new Date(expiry.getTime() - 365 * DAY), expiry));
    const problems = await problemsOf(() => seal("late", "strict", "password", PASSWORD, { certFile: join(project.root, "expired.pem") }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^\/.*\/expired\.pem: expired on 2025-01-31 12:00:00 UTC: the controller has renewed its key since, and secrets sealed with this one only keep working while it keeps the old key\n {2}hint: fetch the controller's current certificate: `kubeseal --fetch-cert/,
    );
  });

  it("refuses a malformed PEM with a clear message", async () => {
    project.write("clusters/broken/sealed-secrets.pem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    const problems = await problemsOf(() => sealSecretValue({ root: project.root, cluster: "broken", name: "db", namespace: "web", scope: "strict", key: "password", value: Buffer.from(PASSWORD) }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^clusters\/broken\/sealed-secrets\.pem: is not a PEM X\.509 certificate \(.+\)\n {2}hint: fetch the controller's current certificate/);
  });

  it("refuses a file that is not PEM at all", async () => {
    project.write("clusters/text/sealed-secrets.pem", "hello\n");
    const problems = await problemsOf(() => sealSecretValue({ root: project.root, cluster: "text", name: "db", namespace: "web", scope: "strict", key: "password", value: Buffer.from(PASSWORD) }));
    expect(problems[0]).toMatch(/^clusters\/text\/sealed-secrets\.pem: is not a PEM X\.509 certificate \(no BEGIN CERTIFICATE line\)/);
  });

  it("says where the certificate should be when it is missing", async () => {
    const problems = await problemsOf(() => sealSecretValue({ root: project.root, cluster: "nocert", name: "db", namespace: "web", scope: "strict", key: "password", value: Buffer.from(PASSWORD) }));
    expect(problems[0]).toMatch(/^clusters\/nocert\/sealed-secrets\.pem: no sealing certificate here\n {2}hint: fetch the controller's current certificate/);
  });

  it("never quotes the value in a message", async () => {
    const problems = await problemsOf(() => seal("scoped", "strict", "user", USER));
    expect(problems.join("\n")).not.toContain(USER);
  });
});

describe("sealedSecretObject", () => {
  it("carries the file's exact text, so gen copies it byte for byte", async () => {
    await seal("raw", "strict", "password", PASSWORD);
    const file = join(project.root, "clusters/prod/sealed/raw.yaml");
    const object = sealedSecretObject(file, { root: project.root });
    expect(rawTextOf(object)).toBe(readFileSync(file, "utf8"));
    expect(object).toMatchObject({ apiVersion: "bitnami.com/v1alpha1", kind: "SealedSecret", metadata: { name: "raw", namespace: "web" } });
  });

  it("refuses a file that is not a SealedSecret", () => {
    project.write("clusters/prod/sealed/plain.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\n  namespace: web\nstringData:\n  a: b\n");
    expect(() => sealedSecretObject(join(project.root, "clusters/prod/sealed/plain.yaml"), { root: project.root })).toThrow(
      'clusters/prod/sealed/plain.yaml: is not a SealedSecret manifest: apiVersion is "v1", expected bitnami.com/v1alpha1; kind is "Secret", expected SealedSecret',
    );
  });
});
