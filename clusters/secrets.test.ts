/**
 * The secrets of the reference platform: each cluster uses all three
 * mechanisms (SOPS-encrypted Secrets, a SealedSecret and ExternalSecrets
 * read from the cluster's Vault), podinfo consumes one of each, and no
 * plaintext secret reaches generated/: the secret scan finds nothing, and
 * every Secret committed under generated/ carries a SOPS MAC.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { renderProject, scanForSecrets, sealingCertificateFile, type ApiObject } from "@typed-gitops/lib";
import { checkSealingCertificate } from "@typed-gitops/lib/tooling";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { VAULT_ADDRESS } from "../infrastructure/platform.ts";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const rendered = await renderProject(root);

type Json = Record<string, unknown>;

/** Every file under `dir`, recursively, as paths relative to `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** The YAML documents committed under `generated/<cluster>/`, with their files. */
function committedDocuments(cluster: string): { file: string; document: Json }[] {
  const dir = join(root, "generated", cluster);
  return filesUnder(dir)
    .filter((file) => file.endsWith(".yaml"))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(dir, file), "utf8"))
        .map((document) => document.toJS() as Json | null)
        .filter((document): document is Json => document !== null)
        .map((document) => ({ file: `generated/${cluster}/${file}`, document })),
    );
}

function metadataOf(object: Json): { name?: string; namespace?: string } {
  return (object.metadata ?? {}) as { name?: string; namespace?: string };
}

describe.each(rendered.trees.map((tree) => [tree.cluster, tree] as const))("cluster %s", (cluster, tree) => {
  const objects = [...tree.objects.values()].map(({ object }) => object as unknown as Json);
  const ofKind = (apiVersion: string, kind: string): Json[] => objects.filter((object) => object.apiVersion === apiVersion && object.kind === kind);

  it("holds SOPS-encrypted Secrets, a SealedSecret and ExternalSecrets", () => {
    const sops = ofKind("v1", "Secret").filter((secret) => typeof (secret.sops as Json | undefined)?.mac === "string");
    expect(sops.map((secret) => metadataOf(secret).name)).toContain("podinfo-token");
    expect(ofKind("bitnami.com/v1alpha1", "SealedSecret").map((sealed) => metadataOf(sealed).name)).toEqual(["podinfo-webhook"]);
    const externals = ofKind("external-secrets.io/v1", "ExternalSecret").map((external) => `${metadataOf(external).namespace}/${metadataOf(external).name}`);
    expect(externals).toContain("podinfo/podinfo-database");
  });

  it("runs the controllers that turn SealedSecrets and ExternalSecrets into Secrets, and Vault, in the controllers layer", () => {
    const releases = [...tree.objects.entries()].filter(([, { object }]) => object.kind === "HelmRelease").map(([path]) => path);
    expect(releases).toEqual(
      expect.arrayContaining([
        "infrastructure/controllers/external-secrets/helmrelease-external-secrets.yaml",
        "infrastructure/controllers/sealed-secrets/helmrelease-sealed-secrets.yaml",
        "infrastructure/controllers/vault/helmrelease-vault.yaml",
      ]),
    );
  });

  it("reads its ExternalSecrets from the ClusterSecretStore of the cluster's own Vault", () => {
    const stores = ofKind("external-secrets.io/v1", "ClusterSecretStore");
    expect(stores.map((store) => metadataOf(store).name)).toEqual(["vault"]);
    for (const external of ofKind("external-secrets.io/v1", "ExternalSecret")) expect((external.spec as Json).secretStoreRef).toEqual({ name: "vault", kind: "ClusterSecretStore" });
    const vault = ((stores[0]!.spec as Json).provider as Json).vault as Json;
    expect(vault.server).toBe(VAULT_ADDRESS);
  });

  it("gives podinfo the Secrets that all three mechanisms write", () => {
    const [deployment] = ofKind("apps/v1", "Deployment").filter((object) => metadataOf(object).name === "podinfo");
    const container = ((deployment!.spec as Json).template as { spec: { containers: { envFrom: { secretRef?: { name: string } }[] }[] } }).spec.containers[0]!;
    const secrets = container.envFrom.flatMap((source) => (source.secretRef === undefined ? [] : [source.secretRef.name]));
    expect(secrets).toEqual(["podinfo-token", "podinfo-webhook", "podinfo-database"]);
  });

  it("has a public sealing certificate and no private key beside it", () => {
    const file = join(root, sealingCertificateFile(cluster));
    const certificate = checkSealingCertificate(file);
    expect(certificate.subject).toBe("CN=sealed-secret");
    expect(readFileSync(file, "utf8")).not.toMatch(/PRIVATE KEY/);
    const clusterFiles = filesUnder(join(root, "clusters", cluster)).map((path) => readFileSync(join(root, "clusters", cluster, path), "utf8"));
    for (const text of clusterFiles) expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  });

  it("renders nothing the secret scan flags", () => {
    const findings = scanForSecrets([...tree.objects.entries()].map(([path, { object }]) => ({ path: `generated/${cluster}/${path}`, object: object as ApiObject })));
    expect(findings).toEqual([]);
  });

  it("commits no Secret under generated/ without a SOPS MAC, and the scan of the committed tree is clean", () => {
    const documents = committedDocuments(cluster);
    const secrets = documents.filter(({ document }) => document.apiVersion === "v1" && document.kind === "Secret");
    expect(secrets.length).toBeGreaterThan(0);
    for (const { file, document } of secrets) expect(typeof (document.sops as Json | undefined)?.mac, file).toBe("string");
    expect(scanForSecrets(documents.map(({ file, document }) => ({ path: file, object: document })))).toEqual([]);
  });
});
