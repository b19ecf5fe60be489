/**
 * The blog cluster's secrets are Sealed Secrets only: each source under
 * ./sealed/ is a well-formed SealedSecret sealed to its name and namespace,
 * each is rendered into the tree, the sealing certificate is public material
 * only, and neither the rendered nor the committed tree holds anything the
 * secret scan flags.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkSealedSecretText, renderProject, sealedSecretScope, scanForSecrets, type ApiObject } from "@typed-gitops/lib";
import { checkSealingCertificate } from "@typed-gitops/lib/tooling";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(dirname(here));
const tree = (await renderProject(root)).trees.find((candidate) => candidate.cluster === "blog")!;

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

const sealedSources = filesUnder(join(here, "sealed")).sort();

describe("the blog cluster's secrets", () => {
  it.each(sealedSources)("sealed/%s is a well-formed SealedSecret, bound to its name and namespace", (file) => {
    const text = readFileSync(join(here, "sealed", file), "utf8");
    expect(checkSealedSecretText(text, `clusters/blog/sealed/${file}`)).toEqual([]);
    expect(sealedSecretScope(parse(text))).toBe("strict");
  });

  it("renders every sealed source into the tree", () => {
    const rendered = [...tree.objects.values()].filter(({ object }) => object.kind === "SealedSecret").map(({ object }) => `${object.metadata!.name}.yaml`);
    expect(rendered.sort()).toEqual(sealedSources);
  });

  it("has a public sealing certificate and no private key anywhere in the cluster's folder", () => {
    const certificate = checkSealingCertificate(join(here, "sealed-secrets.pem"));
    expect(certificate.subject).toContain("CN=sealed-secret");
    expect(certificate.validTo.getTime()).toBeGreaterThan(Date.now());
    for (const file of filesUnder(here)) expect(readFileSync(join(here, file), "utf8"), file).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  });

  it("renders nothing the secret scan flags, and no Secret at all", () => {
    const objects = [...tree.objects.entries()].map(([path, { object }]) => ({ path: `generated/blog/${path}`, object: object as ApiObject }));
    expect(scanForSecrets(objects)).toEqual([]);
    expect(objects.filter(({ object }) => object.kind === "Secret")).toEqual([]);
  });

  it("commits a tree whose scan is clean too, so a hand edit under generated/ would be caught", () => {
    const dir = join(root, "generated", "blog");
    const documents = filesUnder(dir)
      .filter((file) => file.endsWith(".yaml"))
      .flatMap((file) => parseAllDocuments(readFileSync(join(dir, file), "utf8")).map((document) => ({ path: `generated/blog/${file}`, object: document.toJS() as unknown })));
    expect(documents.length).toBeGreaterThan(100);
    expect(scanForSecrets(documents)).toEqual([]);
  });
});
