/**
 * The whole SOPS flow through the real tools: a secret authored with the
 * CLI, rendered by gen, decrypts back with the cluster's key; and each way a
 * secret source can be wrong stops gen with a message naming the file.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIB_URL } from "../../test/project-fixture.ts";
import { generateAgeKey } from "./age.ts";
import { sopsDecrypt, sopsEncrypt } from "./sops.ts";
import { createSecretsProject, installSecretTools, REPO_ROOT, SECRETS_CLI, type SecretsProject } from "./test-support.ts";

let project: SecretsProject;
let recipient: string;
let keyFile: string;

function clusterSource(recipients: readonly string[]): string {
  return `import { defineCluster, sopsSecretObject } from ${JSON.stringify(LIB_URL)};
export default defineCluster({
  name: "shop",
  secrets: { sops: { ageRecipients: ${JSON.stringify(recipients)} } },
  preexisting: { namespaces: ["shop"] },
  components: { "apps/shop": [sopsSecretObject(new URL("./secrets/db.sops.yaml", import.meta.url))] },
});
`;
}

function gen(...args: string[]) {
  return spawnSync(process.execPath, [SECRETS_CLI, "gen", ...args], { cwd: project.root, encoding: "utf8" });
}

beforeAll(async () => {
  await installSecretTools();
  project = createSecretsProject();
  project.defineCluster("shop");
  const init = project.run(["init", "shop"]);
  expect(init.status, init.stderr).toBe(0);
  recipient = /age1[0-9a-z]{58}/.exec(init.stdout)![0];
  keyFile = join(project.root, ".secrets", "age", "shop.agekey");
  project.write("clusters/shop/cluster.ts", clusterSource([recipient]));
  const set = project.run(["set", "shop/db", "password", "--stdin", "--namespace", "shop"], { input: "s3cret-Value" });
  expect(set.status, set.stderr).toBe(0);
}, 1_800_000);

afterAll(() => project?.remove());

describe("a SOPS secret authored with the CLI", () => {
  it("is rendered byte for byte and decrypts with the cluster's key to the original value", async () => {
    const result = gen();
    expect(result.status, result.stderr).toBe(0);
    const source = readFileSync(join(project.root, "clusters/shop/secrets/db.sops.yaml"), "utf8");
    const rendered = join(project.root, "generated/shop/apps/shop/secret-db.yaml");
    expect(readFileSync(rendered, "utf8")).toBe(source);
    const plaintext = await sopsDecrypt(rendered, keyFile, { toolsRoot: REPO_ROOT, where: rendered });
    expect(plaintext).toContain(`password: ${Buffer.from("s3cret-Value").toString("base64")}`);
    expect(result.stdout + result.stderr).not.toContain("s3cret-Value");
  });

  it("renders the same bytes twice", () => {
    const before = readFileSync(join(project.root, "generated/shop/apps/shop/secret-db.yaml"), "utf8");
    expect(gen().status).toBe(0);
    expect(readFileSync(join(project.root, "generated/shop/apps/shop/secret-db.yaml"), "utf8")).toBe(before);
    expect(gen("--check").status).toBe(0);
  });
});

describe("gen refuses a secret source", () => {
  const file = () => join(project.root, "clusters/shop/secrets/db.sops.yaml");
  let original: string;

  beforeAll(() => {
    original = readFileSync(file(), "utf8");
  });

  it("that is not encrypted", () => {
    writeFileSync(file(), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nstringData:\n  password: hunter2\n");
    const result = gen();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("clusters/shop/secrets/db.sops.yaml");
    expect(result.stderr).toMatch(/not encrypted/);
    expect(result.stderr).not.toContain("hunter2");
    writeFileSync(file(), original);
  });

  it("with a plaintext value under data", () => {
    writeFileSync(file(), original.replace(/^( {2}password: )ENC\[[^\]]+\]$/m, "$1aHVudGVyMg=="));
    const result = gen();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("clusters/shop/secrets/db.sops.yaml");
    expect(result.stderr).toMatch(/data\.password[^\n]*(plaintext|not encrypted)/);
    expect(result.stderr).not.toContain("aHVudGVyMg==");
    writeFileSync(file(), original);
  });

  it("encrypted for other recipients than the cluster's", async () => {
    const other = await generateAgeKey(join(project.root, ".secrets", "other.agekey"), { toolsRoot: REPO_ROOT });
    const foreign = await sopsEncrypt("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nstringData:\n  password: x\n", [other.recipient], { toolsRoot: REPO_ROOT, where: "test" });
    writeFileSync(file(), foreign);
    const result = gen();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("clusters/shop/secrets/db.sops.yaml");
    expect(result.stderr).toContain(other.recipient);
    expect(result.stderr).toContain(recipient);
    writeFileSync(file(), original);
  });
});
