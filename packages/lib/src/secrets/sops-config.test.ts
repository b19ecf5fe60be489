/**
 * `.sops.yaml`: its bytes (golden), its checks, and what the real sops does
 * with it: each cluster's secrets are encrypted for that cluster's
 * recipients, and nothing outside the secrets folders matches.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem, isUserError } from "../errors/user-error.ts";
import { resolveTool } from "../tools/install-tools.ts";
import { readSopsMetadata } from "./sops-metadata.ts";
import { SOPS_CONFIG_FILE, sopsConfig, type SopsConfigCluster } from "./sops-config.ts";
import { REPO_ROOT, installSecretTools } from "./test-support.ts";
import { parseSingleDocument } from "./yaml-document.ts";

// Public keys only (their private keys were never kept).
const ALICE = "age10vhr5a6gjnkrulf5g8a74ew44caqwed0hpgz7tmxfwgh69xsjulq9cke40";
const BOB = "age1vuqrupxlpgs4m2jl2uk7xsjurz3cx5vvj268qnxu3k9w9stk55dqumcwkw";

const clusters: SopsConfigCluster[] = [
  { name: "staging", ageRecipients: [BOB, ALICE, BOB] },
  { name: "production", ageRecipients: [ALICE] },
];

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe("sopsConfig", () => {
  it("renders one rule per cluster, sorted, with a generated-file header", async () => {
    await expect(sopsConfig(clusters)).toMatchFileSnapshot("__golden__/sops.yaml");
  });

  it("gives the same bytes whatever the order of clusters and recipients", () => {
    const reordered = [{ name: "production", ageRecipients: [ALICE] }, { name: "staging", ageRecipients: [ALICE, BOB] }];
    expect(sopsConfig(reordered)).toBe(sopsConfig(clusters));
  });

  it("renders an empty rule list when no cluster has recipients", () => {
    expect(sopsConfig([])).toContain("creation_rules: []\n");
  });

  it.each([
    ["a cluster without recipients", [{ name: "prod", ageRecipients: [] }], ["clusters/prod: secrets.sops.ageRecipients: is empty\n  hint: run `typed-gitops secrets init <cluster>` and add the recipient it prints"]],
    ["a recipient that is not an age key", [{ name: "prod", ageRecipients: [ALICE, "age1nope"] }], ['clusters/prod: secrets.sops.ageRecipients[1]: "age1nope" is not an age recipient (age1 followed by 58 bech32 characters)']],
    [
      "a private key given as recipient",
      [{ name: "prod", ageRecipients: ["AGE-SECRET-KEY-1QQQQ"] }],
      ["clusters/prod: secrets.sops.ageRecipients[0]: is an age private key, not a recipient: give the public key (age1…) and keep the private key out of the definitions"],
    ],
    ["a cluster name that is not a DNS-1123 label", [{ name: "Prod", ageRecipients: [ALICE] }], ['cluster "Prod": "Prod" is not a DNS-1123 label: use lower-case letters, digits and \'-\', starting and ending with a letter or digit']],
    ["a cluster listed twice", [{ name: "prod", ageRecipients: [ALICE] }, { name: "prod", ageRecipients: [BOB] }], ["clusters/prod: is listed twice"]],
  ])("rejects %s", (_case, input, expected) => {
    expect(problemsOf(() => sopsConfig(input))).toEqual(expected);
  });
});

describe("the real sops with the rendered .sops.yaml", () => {
  let root: string;
  const plaintext = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\ntype: Opaque\ndata:\n  password: c2VjcmV0\n";

  beforeAll(async () => {
    await installSecretTools();
    root = mkdtempSync(join(tmpdir(), "typed-gitops-sops-config-"));
    writeFileSync(join(root, SOPS_CONFIG_FILE), sopsConfig(clusters));
    mkdirSync(join(root, "clusters", "staging", "secrets"), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function sopsEncryptAs(path: string, cwd = root): Promise<{ exitCode: number | undefined; stdout: string; stderr: string }> {
    const result = await execa(resolveTool(REPO_ROOT, "sops"), ["encrypt", "--filename-override", path], {
      cwd,
      input: plaintext,
      env: { HOME: root },
      extendEnv: false,
      reject: false,
    });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  }

  it("encrypts a cluster's secret for that cluster's recipients, values only, indented by two", async () => {
    const result = await sopsEncryptAs("clusters/staging/secrets/db.sops.yaml");
    expect(result.exitCode, result.stderr).toBe(0);
    const metadata = readSopsMetadata(parseSingleDocument(result.stdout, "stdout"));
    expect([...metadata!.ageRecipients].sort()).toEqual([ALICE, BOB].sort());
    expect(metadata!.encryptedRegex).toBe("^(data|stringData)$");
    expect(result.stdout).toMatch(/^metadata:\n {2}name: db\n/m);
    expect(result.stdout).not.toContain("c2VjcmV0");
  });

  it("matches paths relative to the repository root, also from a sub-folder", async () => {
    const result = await sopsEncryptAs("staging/secrets/db.sops.yaml", join(root, "clusters"));
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readSopsMetadata(parseSingleDocument(result.stdout, "stdout"))!.ageRecipients.length).toBe(2);
  });

  it.each([["a file outside a secrets folder", "clusters/staging/db.sops.yaml"], ["a file not named *.sops.yaml", "clusters/staging/secrets/db.yaml"], ["a file in a sub-folder", "clusters/staging/secrets/old/db.sops.yaml"]])(
    "matches no rule for %s",
    async (_case, path) => {
      const result = await sopsEncryptAs(path);
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toContain("no matching creation rules found");
    },
  );
});
