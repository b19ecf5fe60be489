import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stageTree } from "./stage-tree.ts";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stage-tree-"));
  const tree = join(dir, "project", "generated", "c");
  mkdirSync(join(tree, "flux-system"), { recursive: true });
  mkdirSync(join(tree, "apps", "web"), { recursive: true });
  writeFileSync(join(tree, "kustomization.yaml"), "resources:\n  - flux-system\n");
  writeFileSync(
    join(tree, "flux-system", "kustomization-apps.yaml"),
    "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  decryption:\n    provider: sops\n  healthChecks:\n    - kind: Deployment\n      name: web\n  path: ./generated/c/apps\n  wait: true\n",
  );
  writeFileSync(join(tree, "apps", "web", "kustomization.yaml"), "resources:\n  - configmap-web.yaml\n  - secret-web.yaml\n");
  writeFileSync(join(tree, "apps", "web", "configmap-web.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");
  writeFileSync(join(tree, "apps", "web", "secret-web.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: web\ndata:\n  k: ENC[AES256_GCM,data:x]\nsops:\n  version: 3.13.3\n");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("stageTree", () => {
  it("turns off waiting and health checks in every Flux Kustomization", () => {
    stageTree({ projectRoot: join(dir, "project"), cluster: "c", destination: join(dir, "served"), canDecrypt: true });
    const text = readFileSync(join(dir, "served", "generated", "c", "flux-system", "kustomization-apps.yaml"), "utf8");
    expect(text).toContain("wait: false");
    expect(text).not.toContain("healthChecks");
    expect(text).toContain("decryption");
  });

  it("without the age key, leaves out decryption and the encrypted Secrets", () => {
    const staged = stageTree({ projectRoot: join(dir, "project"), cluster: "c", destination: join(dir, "served"), canDecrypt: false });
    expect(staged.droppedEncrypted).toEqual(["generated/c/apps/web/secret-web.yaml"]);
    expect(staged.droppedDecryption).toEqual(["apps"]);
    expect(readFileSync(join(dir, "served", "generated", "c", "apps", "web", "kustomization.yaml"), "utf8")).toBe("resources:\n  - configmap-web.yaml\n");
    expect(readFileSync(join(dir, "project", "generated", "c", "apps", "web", "kustomization.yaml"), "utf8")).toContain("secret-web.yaml");
  });
});
