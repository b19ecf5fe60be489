import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { secretStore } from "../external-secrets/secret-store.ts";
import { formatFinding, secretScanProblems, type Finding } from "./finding.ts";
import { scanForSecrets, type ScanInput } from "./scan-for-secrets.ts";
import { fakeChars, fakeCredentials } from "./test-support.ts";
import { formatProblem } from "../errors/user-error.ts";

const HEX = "0123456789abcdef";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A SOPS ciphertext, as sops writes it. */
function encrypted(seed: number, type = "str"): string {
  return `ENC[AES256_GCM,data:${fakeChars(BASE64, 24, seed)}=,iv:${fakeChars(BASE64, 43, seed + 1)}=,tag:${fakeChars(BASE64, 22, seed + 2)}==,type:${type}]`;
}

/** SOPS metadata with its MAC, as sops writes it for age. */
function sopsMetadata(seed: number): Record<string, unknown> {
  return {
    age: [{ recipient: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p", enc: `-----BEGIN AGE ENCRYPTED FILE-----\n${fakeChars(BASE64, 64, seed)}\n-----END AGE ENCRYPTED FILE-----\n` }],
    lastmodified: "2026-01-01T00:00:00Z",
    mac: encrypted(seed + 10),
    encrypted_regex: "^(data|stringData)$",
    version: "3.13.3",
  };
}

function secret(name: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: "v1", kind: "Secret", metadata: { name, namespace: "web" }, type: "Opaque", ...extra };
}

const FILE = "generated/production/apps/web/secret-web.yaml";

/** The findings of one object, without the file and object. */
function scanOne(object: unknown): Pick<Finding, "field" | "kind" | "line">[] {
  return scanForSecrets([{ path: FILE, object }]).map(({ field, kind, line }) => (line === undefined ? { field, kind } : { field, kind, line }));
}

describe("scanForSecrets: Secrets and SOPS", () => {
  it("reports a Secret without SOPS encryption", () => {
    const findings = scanForSecrets([{ path: FILE, object: secret("db", { stringData: { password: "hunter2" } }) }]);
    expect(findings).toEqual([{ path: FILE, object: "Secret web/db", field: "", kind: "plaintext-secret" }]);
    expect(findings.map(formatFinding)).toEqual([`${FILE}: Secret web/db: is a Secret without SOPS encryption (no sops.mac) [secret-scan plaintext-secret]`]);
  });

  it("reports a Secret whose SOPS metadata has no MAC", () => {
    const metadata = sopsMetadata(1);
    delete metadata.mac;
    expect(scanOne(secret("db", { data: { password: encrypted(2) }, sops: metadata }))).toEqual([{ field: "", kind: "plaintext-secret" }]);
  });

  it("accepts a SOPS-encrypted Secret", () => {
    expect(scanOne(secret("db", { data: { password: encrypted(3), username: encrypted(4) }, stringData: { url: encrypted(5) }, sops: sopsMetadata(6) }))).toEqual([]);
  });

  it("reports each value a SOPS document left in plain text", () => {
    const object = secret("db", { data: { password: encrypted(7), username: "YXBw" }, stringData: { host: "postgres.web.svc", port: encrypted(8, "int") }, sops: sopsMetadata(9) });
    expect(scanOne(object)).toEqual([
      { field: "data.username", kind: "unencrypted-sops-value" },
      { field: "stringData.host", kind: "unencrypted-sops-value" },
    ]);
  });

  it("checks the values of SOPS documents of other kinds too", () => {
    const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "web" }, data: { mode: encrypted(11), region: "eu-west-1" }, sops: sopsMetadata(12) };
    expect(scanOne(object)).toEqual([{ field: "data.region", kind: "unencrypted-sops-value" }]);
  });

  it.each([
    { label: "a SealedSecret", object: { apiVersion: "bitnami.com/v1alpha1", kind: "SealedSecret", metadata: { name: "db", namespace: "web" }, spec: { encryptedData: { password: fakeChars(BASE64, 700, 13) } } } },
    {
      label: "an ExternalSecret",
      object: {
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        metadata: { name: "db", namespace: "web" },
        spec: { secretStoreRef: { name: "vault" }, target: { template: { data: { url: "postgres://{{ .username }}:{{ .password }}@db:5432/web" } } }, data: [{ secretKey: "password", remoteRef: { key: "web/db" } }] },
      },
    },
    { label: "a Secret of another API group", object: { apiVersion: "example.com/v1", kind: "Secret", metadata: { name: "db", namespace: "web" }, spec: { size: 1 } } },
  ])("accepts $label", ({ object }) => {
    expect(scanOne(object)).toEqual([]);
  });
});

describe("scanForSecrets: credentials in configuration", () => {
  const credentials = fakeCredentials();
  const first = credentials.find(({ kind }) => kind === "github-token");
  if (first === undefined) throw new Error("no GitHub case");

  it("names the field of a ConfigMap's data, an annotation and a container's env var", () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "web", annotations: { "example.com/token": first.text } },
      spec: {
        template: {
          metadata: { annotations: { "example.com/note": first.text } },
          spec: {
            initContainers: [{ name: "migrate", image: "web:1", env: [{ name: "GIT_TOKEN", value: first.text }] }],
            containers: [{ name: "web", image: "web:1", env: [{ name: "MODE", value: "production" }, { name: "GITHUB_TOKEN", value: first.text }] }],
          },
        },
      },
    };
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web", namespace: "web" }, data: { "config.yaml": `mode: production\ngit:\n  token: ${first.text}\n` } };
    expect(scanOne(deployment)).toEqual([
      { field: 'metadata.annotations["example.com/token"]', kind: "github-token" },
      { field: 'spec.template.metadata.annotations["example.com/note"]', kind: "github-token" },
      { field: "spec.template.spec.initContainers[0].env[0].value", kind: "github-token" },
      { field: "spec.template.spec.containers[0].env[1].value", kind: "github-token" },
    ]);
    expect(scanOne(configMap)).toEqual([{ field: 'data["config.yaml"]', kind: "github-token", line: 3 }]);
  });

  it("reads a container's args as command-line flags", () => {
    const value = fakeChars(HEX, 40, 15);
    const job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "migrate", namespace: "web" },
      spec: { template: { spec: { containers: [{ name: "migrate", image: "migrate:1", command: ["migrate"], args: ["--verbose", `--db-password=${value}`] }] } } },
    };
    expect(scanOne(job)).toEqual([{ field: "spec.template.spec.containers[0].args[1]", kind: "secret-assignment" }]);
  });

  it("reads a ConfigMap's binaryData as text", () => {
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web", namespace: "web" }, binaryData: { "id_rsa": Buffer.from(credentials[0]?.text ?? "").toString("base64"), "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]).toString("base64") } };
    expect(scanOne(configMap)).toEqual([{ field: "binaryData.id_rsa", kind: "pem-private-key", line: 1 }]);
  });

  it("finds a known format anywhere: in HelmRelease values and in a fake SecretStore", () => {
    const helmRelease = {
      apiVersion: "helm.toolkit.fluxcd.io/v2",
      kind: "HelmRelease",
      metadata: { name: "web", namespace: "web" },
      spec: { values: { github: { auth: [{ token: first.text }] } } },
    };
    const store = secretStore({ name: "fake", namespace: "web", provider: { fake: { data: [{ key: "github", value: first.text }] } } });
    expect(scanOne(helmRelease)).toEqual([{ field: "spec.values.github.auth[0].token", kind: "github-token" }]);
    expect(scanOne(store)).toEqual([{ field: "spec.provider.fake.data[0].value", kind: "github-token" }]);
  });

  it("reports a random-looking value under a secret's name only in hand-written configuration", () => {
    const value = fakeChars(HEX, 40, 14);
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web", namespace: "web" }, data: { API_TOKEN: value, BUILD_ID: value } };
    const crd = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "web", namespace: "web" }, spec: { apiToken: value } };
    expect(scanOne(configMap)).toEqual([{ field: "data.API_TOKEN", kind: "secret-assignment" }]);
    expect(scanOne(crd)).toEqual([]);
  });

  it("reads @kubernetes-models instances", () => {
    const configMap = new ConfigMap({ metadata: { name: "web", namespace: "web" }, data: { DATABASE_URL: credentials.find(({ kind }) => kind === "url-credentials")?.text ?? "" } });
    const deployment = new Deployment({
      metadata: { name: "web", namespace: "web" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "web:1", env: [{ name: "STRIPE_KEY", value: credentials.find(({ kind }) => kind === "stripe-live-key")?.text ?? "" }] }] } },
      },
    });
    expect(scanOne(configMap)).toEqual([{ field: "data.DATABASE_URL", kind: "url-credentials" }]);
    expect(scanOne(deployment)).toEqual([{ field: "spec.template.spec.containers[0].env[0].value", kind: "stripe-live-key" }]);
  });

  it("ignores what is not an object", () => {
    expect(scanForSecrets([{ path: FILE, object: null }, { path: FILE, object: "kind: Secret" }, { path: FILE, object: [1, 2] }])).toEqual([]);
  });
});

describe("scanForSecrets: findings never show the secret", () => {
  /** Every 5-character window of `secret`: a text holding none of them shows at most 4 characters in a row. */
  function windows(secret: string): string[] {
    const out: string[] = [];
    for (let i = 0; i + 5 <= secret.length; i++) out.push(secret.slice(i, i + 5));
    return out;
  }

  it.each(fakeCredentials())("reports $label in a ConfigMap, an annotation and an env var without showing more than 4 of its characters", ({ text, secret, kind }) => {
    const objects: ScanInput[] = [
      { path: "a.yaml", object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web", namespace: "web" }, data: { "settings.conf": text } } },
      { path: "b.yaml", object: { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "web", annotations: { "example.com/credentials": text } } } },
      {
        path: "c.yaml",
        object: { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "web", namespace: "web" }, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: "job", env: [{ name: "SETTINGS", value: text }] }] } } } } } },
      },
    ];
    const findings = scanForSecrets(objects);
    expect(new Set(findings.map((finding) => finding.path))).toEqual(new Set(["a.yaml", "b.yaml", "c.yaml"]));
    expect(findings.map((finding) => finding.kind)).toContain(kind);
    const shown = [JSON.stringify(findings), ...findings.map(formatFinding), ...secretScanProblems(findings).map(formatProblem)].join("\n");
    expect(windows(secret).filter((window) => shown.includes(window))).toEqual([]);
  });
});

describe("secretScanProblems", () => {
  it("turns findings into problems with a fix", () => {
    const findings = scanForSecrets([{ path: FILE, object: secret("db", { stringData: { password: "hunter2" } }) }]);
    expect(secretScanProblems(findings).map(formatProblem)).toEqual([
      `${FILE}: Secret web/db: is a Secret without SOPS encryption (no sops.mac) [secret-scan plaintext-secret]\n  hint: encrypt it with sops (the tree is committed), or replace it with an ExternalSecret or a SealedSecret`,
    ]);
  });
});

describe("scanForSecrets: no false positives on real trees", () => {
  const LIB = fileURLToPath(new URL("../../", import.meta.url));
  const GENERATED = fileURLToPath(new URL("../../../../generated/", import.meta.url));

  function yamlFiles(dir: string): string[] {
    // Dot folders are gen's staging and previous trees, which a concurrent gen may be swapping.
    return readdirSync(dir).filter((entry) => !entry.startsWith(".")).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? yamlFiles(path) : path.endsWith(".yaml") ? [path] : [];
    });
  }

  it("finds nothing in the vendored Flux v2.9.4 install manifests", () => {
    const install = JSON.parse(readFileSync(join(LIB, "vendor/flux/v2.9.4.json"), "utf8")) as Record<string, unknown[]>;
    const objects = Object.entries(install).flatMap(([controller, list]) => list.map((object, i) => ({ path: `vendor/flux/v2.9.4.json#${controller}[${i}]`, object })));
    expect(objects.length).toBeGreaterThan(30);
    expect(scanForSecrets(objects).map(formatFinding)).toEqual([]);
  });

  it("finds nothing in the committed generated/ trees", () => {
    const objects = yamlFiles(GENERATED).flatMap((path) =>
      parseAllDocuments(readFileSync(path, "utf8")).map((document) => ({ path, object: document.toJS() as unknown })),
    );
    expect(objects.length).toBeGreaterThan(50);
    expect(scanForSecrets(objects).map(formatFinding)).toEqual([]);
  });
});
