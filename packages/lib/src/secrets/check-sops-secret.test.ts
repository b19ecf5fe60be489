/**
 * Checking SOPS Secret sources without decrypting them, on files encrypted
 * by the real sops for keys made by the real age-keygen, and reading them
 * as objects gen copies byte for byte.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem, isUserError } from "../errors/user-error.ts";
import { rawTextOf } from "../resource/raw-manifest.ts";
import { generateAgeKey, type AgeKeyPair } from "./age.ts";
import { checkSopsSecret, checkSopsSecretText } from "./check-sops-secret.ts";
import { readSopsMetadata } from "./sops-metadata.ts";
import { sopsSecretObject } from "./sops-secret-object.ts";
import { sopsEncrypt } from "./sops.ts";
import { REPO_ROOT, installSecretTools } from "./test-support.ts";
import { parseSingleDocument } from "./yaml-document.ts";

const WHERE = "clusters/prod/secrets/db.sops.yaml";
const PASSWORD = "cGxhaW50ZXh0LXZhbHVl"; // base64 of "plaintext-value"
const plaintext = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\ntype: Opaque\ndata:\n  password: ${PASSWORD}\n  user: YWRtaW4=\n`;

let dir: string;
let cluster: AgeKeyPair;
let foreign: AgeKeyPair;
let encrypted: string;
let encryptedForForeign: string;
let encryptedConfigMap: string;

beforeAll(async () => {
  await installSecretTools();
  dir = mkdtempSync(join(tmpdir(), "typed-gitops-check-sops-"));
  cluster = await generateAgeKey(join(dir, "cluster.agekey"), { toolsRoot: REPO_ROOT });
  foreign = await generateAgeKey(join(dir, "foreign.agekey"), { toolsRoot: REPO_ROOT });
  const options = { toolsRoot: REPO_ROOT, where: WHERE };
  encrypted = await sopsEncrypt(plaintext, [cluster.recipient], options);
  encryptedForForeign = await sopsEncrypt(plaintext, [foreign.recipient], options);
  encryptedConfigMap = await sopsEncrypt(plaintext.replace("kind: Secret", "kind: ConfigMap"), [cluster.recipient], options);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(text: string, expected: readonly string[] = [cluster.recipient]): string[] {
  return checkSopsSecretText(text, WHERE, expected).map(formatProblem);
}

describe("checkSopsSecret", () => {
  it("accepts a Secret encrypted by sops for exactly the cluster's recipients", () => {
    expect(check(encrypted)).toEqual([]);
  });

  it("reads the recipients and the MAC from the metadata without decrypting", () => {
    const metadata = readSopsMetadata(parseSingleDocument(encrypted, WHERE));
    expect(metadata).toMatchObject({ ageRecipients: [cluster.recipient], otherKeys: [], hasMac: true, encryptedRegex: "^(data|stringData)$" });
  });

  it("reports a Secret that is not encrypted", () => {
    expect(check(plaintext)).toEqual([
      "clusters/prod/secrets/db.sops.yaml: is not encrypted (no sops metadata): its values are plaintext\n" +
        "  hint: do not commit it; write it with `typed-gitops secrets set prod/<name> <key> --stdin` instead, and if it was ever pushed, change the values it holds",
    ]);
  });

  it("reports a plaintext value under data, naming the key", () => {
    const tampered = encrypted.replace(/^ {2}password: ENC\[.*\]$/m, `  password: ${PASSWORD}`);
    expect(tampered).not.toBe(encrypted);
    expect(check(tampered)).toEqual([
      "clusters/prod/secrets/db.sops.yaml: data.password: is plaintext, expected an encrypted ENC[AES256_GCM,…] value\n" +
        "  hint: values are written by `typed-gitops secrets set` or `secrets edit`, never by hand: restore the file from git, and if the plaintext was ever pushed, change the value",
    ]);
  });

  it("reports a plaintext value under stringData", () => {
    const tampered = `${encrypted.replace(/\nsops:/, "\nstringData:\n  token: abc\nsops:")}`;
    expect(check(tampered)[0]).toMatch(/^clusters\/prod\/secrets\/db\.sops\.yaml: stringData\.token: is plaintext/);
  });

  it("reports foreign recipients, naming the extra and the missing ones", () => {
    expect(check(encryptedForForeign)).toEqual([
      `clusters/prod/secrets/db.sops.yaml: is encrypted for other age recipients than the cluster's: extra ${foreign.recipient}; missing ${cluster.recipient}\n` +
        "  hint: re-encrypt it for the cluster's recipients (secrets.sops.ageRecipients): `typed-gitops secrets rotate prod`",
    ]);
  });

  it("reports a missing recipient alone when the file has the others", () => {
    expect(check(encrypted, [cluster.recipient, foreign.recipient])[0]).toBe(
      `clusters/prod/secrets/db.sops.yaml: is encrypted for other age recipients than the cluster's: missing ${foreign.recipient}\n` +
        "  hint: re-encrypt it for the cluster's recipients (secrets.sops.ageRecipients): `typed-gitops secrets rotate prod`",
    );
  });

  it("reports a manifest that is not a Secret", () => {
    expect(check(encryptedConfigMap)).toEqual(['clusters/prod/secrets/db.sops.yaml: is not a Secret manifest: kind is "ConfigMap", expected Secret']);
  });

  it("reports sops metadata without a MAC", () => {
    expect(check(encrypted.replace(/^ {2}mac: .*\n/m, ""))).toEqual([
      "clusters/prod/secrets/db.sops.yaml: has sops metadata but no sops.mac: it is damaged or was not written by sops",
    ]);
  });

  it("reports a Secret named differently from its file", () => {
    expect(check(encrypted.replace("name: db", "name: other"))).toEqual([
      'clusters/prod/secrets/db.sops.yaml: metadata.name: is "other" but the file is named db.sops.yaml\n  hint: rename the file to other.sops.yaml, or the Secret to db',
    ]);
  });

  it("reports a file that is not one YAML document", () => {
    expect(check(`${encrypted}---\n${encrypted}`)).toEqual(["clusters/prod/secrets/db.sops.yaml: holds 2 YAML documents; expected exactly one"]);
  });

  it("never quotes a value in its messages", () => {
    const tampered = encrypted.replace(/^ {2}password: ENC\[.*\]$/m, `  password: ${PASSWORD}`);
    const all = [...check(plaintext), ...check(tampered), ...check(encryptedForForeign)].join("\n");
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain("plaintext-value");
  });

  it("checks a file on disk, naming it relative to the root", () => {
    mkdirSync(join(dir, "clusters", "prod", "secrets"), { recursive: true });
    writeFileSync(join(dir, WHERE), plaintext);
    expect(checkSopsSecret(join(dir, WHERE), [cluster.recipient], { root: dir }).map((problem) => problem.where)).toEqual([WHERE]);
  });
});

describe("sopsSecretObject", () => {
  it("carries the file's exact text, so gen copies it byte for byte", () => {
    mkdirSync(join(dir, "clusters", "prod", "secrets"), { recursive: true });
    writeFileSync(join(dir, WHERE), encrypted);
    const object = sopsSecretObject(join(dir, WHERE), { root: dir, recipients: [cluster.recipient] });
    expect(rawTextOf(object)).toBe(encrypted);
    expect(object).toMatchObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "web" } });
    expect((object as unknown as { sops: { mac: string } }).sops.mac).toMatch(/^ENC\[/);
  });

  it("refuses a plaintext Secret, so it never reaches the tree", () => {
    writeFileSync(join(dir, WHERE), plaintext);
    let message = "";
    try {
      sopsSecretObject(join(dir, WHERE), { root: dir });
    } catch (error) {
      if (!isUserError(error)) throw error;
      message = error.message;
    }
    expect(message).toContain(`${WHERE}: is not encrypted (no sops metadata)`);
  });
});
