/**
 * The golden files of the External Secrets builders, run through the real
 * (pinned) kubeconform against the schemas of the External Secrets v2.9.0
 * CRDs from the offline upstream mirror. The model package's own
 * `validate()` accepts unknown fields, so this is what pins the builders'
 * output to the CRDs the cluster runs.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCrds } from "../schemas/crd-documents.ts";
import { crdSchemaLocation } from "../schemas/layout.ts";
import { pinnedKubeconform, requireMirror } from "../schemas/test-support.ts";
import { convertCrds, writeConvertedCrds } from "../schemas/write-schemas.ts";
import { runKubeconform } from "../validate/kubeconform.ts";

const GOLDEN = fileURLToPath(new URL("./__golden__/", import.meta.url));
const CRD_FILES = ["secretstores", "clustersecretstores", "externalsecrets", "clusterexternalsecrets"].map((plural) => `crds/external-secrets/external-secrets.io_${plural}.yaml`);

let schemas: string;
let kubeconform: string;

beforeAll(async () => {
  const mirror = requireMirror();
  const crds = CRD_FILES.flatMap((file) => parseCrds(readFileSync(join(mirror, file), "utf8"), file));
  schemas = mkdtempSync(join(tmpdir(), "eso-schemas-"));
  writeConvertedCrds(schemas, convertCrds(crds, undefined), { files: 0, bytes: 0 });
  kubeconform = await pinnedKubeconform();
}, 300_000);

afterAll(() => {
  if (schemas !== undefined) rmSync(schemas, { recursive: true, force: true });
});

describe("External Secrets golden files against the v2.9.0 CRDs", () => {
  const files = readdirSync(GOLDEN).filter((file) => file.endsWith(".yaml")).sort();

  it("holds a golden file for every builder case", () => {
    expect(files.length).toBeGreaterThanOrEqual(14);
  });

  it("finds every golden file valid with kubeconform -strict", async () => {
    const results = await runKubeconform({ binary: kubeconform, schemaLocations: [crdSchemaLocation(schemas)], files: files.map((file) => join(GOLDEN, file)) });
    expect(results.map(({ filename, message }) => `${filename}: ${message}`)).toEqual([]);
  });

  it("rejects an unknown provider field, so the check has teeth", async () => {
    const file = join(schemas, "unknown-field.yaml");
    writeFileSync(file, readFileSync(join(GOLDEN, "secret-store.vault.yaml"), "utf8").replace("      version: v2\n", "      version: v2\n      mount: secret\n"));
    const results = await runKubeconform({ binary: kubeconform, schemaLocations: [crdSchemaLocation(schemas)], files: [file] });
    expect(results.map(({ status, message }) => ({ status, unknown: message.includes("additional properties 'mount' not allowed") }))).toEqual([{ status: "invalid", unknown: true }]);
  });
});
