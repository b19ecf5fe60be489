import { describe, expect, it } from "vitest";
import { fieldChanges, formatValue, secretRulesOf } from "./field-changes.ts";
import { describeField } from "./format-diff.ts";
import { diffTrees } from "./diff-trees.ts";

type Json = Record<string, unknown>;

function changes(kind: string, apiVersion: string, before: Json, after: Json): string[] {
  return fieldChanges(before, after, secretRulesOf({ kind, apiVersion, json: after })).map(describeField);
}

const ENC = (data: string) => `ENC[AES256_GCM,data:${data},iv:aXY=,tag:dGFn,type:str]`;

const cases = [
  {
    label: "a scalar that changed",
    kind: "Deployment",
    apiVersion: "apps/v1",
    before: { spec: { replicas: 2 } },
    after: { spec: { replicas: 3 } },
    expected: ["spec.replicas: 2 → 3"],
  },
  {
    label: "containers compared by name, not by position",
    kind: "Deployment",
    apiVersion: "apps/v1",
    before: { spec: { containers: [{ name: "a", image: "x:1" }, { name: "b", image: "y:1" }] } },
    after: { spec: { containers: [{ name: "b", image: "y:2" }, { name: "a", image: "x:1" }] } },
    expected: ["spec.containers[name=b].image: y:1 → y:2"],
  },
  {
    label: "fields added and removed, and keys that need quoting",
    kind: "ConfigMap",
    apiVersion: "v1",
    before: { metadata: { labels: { "app.kubernetes.io/name": "web" } }, data: { old: "1" } },
    after: { metadata: { labels: { "app.kubernetes.io/name": "shop" } }, data: { new: "two words " } },
    expected: ['metadata.labels["app.kubernetes.io/name"]: web → shop', "data.old: removed (was 1)", 'data.new: added "two words "'],
  },
  {
    label: "a list of scalars compared whole",
    kind: "Deployment",
    apiVersion: "apps/v1",
    before: { spec: { args: ["--a", "--b"] } },
    after: { spec: { args: ["--a", "--c"] } },
    expected: ['spec.args: ["--a","--b"] → ["--a","--c"]'],
  },
  {
    label: "a plaintext Secret's values, never shown",
    kind: "Secret",
    apiVersion: "v1",
    before: { data: { password: "c2VjcmV0" }, stringData: { token: "abc" } },
    after: { data: { password: "b3RoZXI=", user: "dXNlcg==" } },
    expected: ["data.password: value (not shown) changed", "data.user: value (not shown) added", "stringData.token: value (not shown) removed"],
  },
  {
    label: "a SealedSecret's ciphertexts, never shown, but its template is",
    kind: "SealedSecret",
    apiVersion: "bitnami.com/v1alpha1",
    before: { spec: { encryptedData: { KEY: "AgBold" }, template: { type: "Opaque" } } },
    after: { spec: { encryptedData: { KEY: "AgBnew", OTHER: "AgBadded" }, template: { type: "kubernetes.io/basic-auth" } } },
    expected: ["spec.encryptedData.KEY: encrypted value changed", "spec.encryptedData.OTHER: encrypted value added", "spec.template.type: Opaque → kubernetes.io/basic-auth"],
  },
  {
    label: "SOPS values anywhere, and the sops metadata in one line",
    kind: "Secret",
    apiVersion: "v1",
    before: { data: { A: ENC("b2xk") }, sops: { mac: ENC("bWFj"), lastmodified: "2026-01-01T00:00:00Z", age: [{ recipient: "age1old", enc: "x" }] } },
    after: { data: { A: ENC("bmV3") }, sops: { mac: ENC("bWFjMg=="), lastmodified: "2026-02-01T00:00:00Z", age: [{ recipient: "age1new", enc: "y" }] } },
    expected: ["data.A: encrypted value changed", "sops.age[*].recipient: age1old → age1new"],
  },
  {
    label: "a data map added whole to a Secret: one line per key, no value",
    kind: "Secret",
    apiVersion: "v1",
    before: {},
    after: { data: { A: "YQ==", B: "Yg==" } },
    expected: ["data.A: value (not shown) added", "data.B: value (not shown) added"],
  },
] as const;

describe("fieldChanges", () => {
  it.each(cases)("reports $label", ({ kind, apiVersion, before, after, expected }) => {
    expect(changes(kind, apiVersion, before as Json, after as Json)).toEqual(expected);
  });

  it("cuts long values at 80 characters", () => {
    expect(formatValue("x".repeat(200))).toBe(`${"x".repeat(79)}…`);
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe("diffTrees", () => {
  const file = (kind: string, name: string, extra = "") => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: web\n${extra}`;
  it("recognizes a move by identity, and ignores kustomization files, the inventory and documents", () => {
    const base = new Map([
      ["apps/a/configmap-x.yaml", file("ConfigMap", "x", "data:\n  k: v\n")],
      ["apps/a/kustomization.yaml", "resources: [configmap-x.yaml]\n"],
      ["ARCHITECTURE.md", "# old\n"],
    ]);
    const head = new Map([
      ["apps/b/configmap-x.yaml", file("ConfigMap", "x", "data:\n  k: w\n")],
      ["apps/b/kustomization.yaml", "resources: [configmap-x.yaml]\n"],
      ["ARCHITECTURE.md", "# new\n"],
      [".gen-inventory", "apps/b/configmap-x.yaml\n"],
    ]);
    const diff = diffTrees("alpha", base, head);
    expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 0, moved: 1 });
    expect(diff.objects[0]).toMatchObject({ change: "moved", from: "apps/a/configmap-x.yaml", path: "apps/b/configmap-x.yaml", fields: [{ path: "data.k", before: "v", after: "w" }] });
  });

  it("marks a cluster that has no tree in the base as added", () => {
    expect(diffTrees("alpha", undefined, new Map([["apps/a/configmap-x.yaml", file("ConfigMap", "x")]])).status).toBe("added");
    expect(diffTrees("alpha", new Map(), new Map()).status).toBe("unchanged");
  });
});
