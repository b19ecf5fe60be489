import { describe, expect, it } from "vitest";
import type { KubeObject } from "../kube/client.ts";
import { compareObject, quantityValue } from "./compare-objects.ts";

const owner = { name: "apps", namespace: "flux-system" };
const ownership = { "kustomize.toolkit.fluxcd.io/name": "apps", "kustomize.toolkit.fluxcd.io/namespace": "flux-system" };

function object(extra: Partial<KubeObject> & Record<string, unknown>): KubeObject {
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "web" }, ...extra } as KubeObject;
}

describe("quantityValue", () => {
  it.each([
    ["1000m", 1],
    ["1k", 1000],
    ["128Mi", 134217728],
    ["0.5", 0.5],
    ["1e3", 1000],
  ])("reads %s as %d", (text, value) => {
    expect(quantityValue(text)).toBe(value);
  });

  it("reads anything else as no quantity", () => {
    expect(quantityValue("web")).toBeUndefined();
  });
});

describe("compareObject", () => {
  it("accepts a live object with server defaults and canonical quantities", () => {
    const expected = object({ spec: { replicas: 2, template: { spec: { containers: [{ name: "web", resources: { limits: { cpu: "1000m" } } }] } } } });
    const live = object({ metadata: { name: "web", namespace: "web", labels: ownership }, spec: { replicas: 2, progressDeadlineSeconds: 600, template: { spec: { containers: [{ name: "web", resources: { limits: { cpu: "1" } } }] } } } });
    expect(compareObject(expected, live, owner)).toEqual([]);
  });

  it("reports a missing object, a changed value and a wrong owner", () => {
    expect(compareObject(object({}), undefined, owner)).toEqual(["missing from the API server"]);
    const live = object({ metadata: { name: "web", namespace: "web", labels: { ...ownership, "kustomize.toolkit.fluxcd.io/name": "other" } }, spec: { replicas: 3 } });
    expect(compareObject(object({ spec: { replicas: 2 } }), live, owner)).toEqual([
      'not owned by Kustomization flux-system/apps (labels name="other", namespace="flux-system")',
      "spec.replicas: want 2, got 3",
    ]);
  });

  it("compares a SOPS Secret by its keys and requires them decrypted", () => {
    const expected = { apiVersion: "v1", kind: "Secret", metadata: { name: "token", namespace: "web" }, data: { token: "ENC[AES256_GCM,data:x]" }, sops: {} } as unknown as KubeObject;
    const decrypted = { apiVersion: "v1", kind: "Secret", metadata: { name: "token", namespace: "web", labels: ownership }, data: { token: Buffer.from("secret").toString("base64") } } as unknown as KubeObject;
    const encrypted = { ...decrypted, data: { token: Buffer.from("ENC[AES256_GCM,data:x]").toString("base64") } } as unknown as KubeObject;
    expect(compareObject(expected, decrypted, owner)).toEqual([]);
    expect(compareObject(expected, encrypted, owner)).toEqual(["data.token: still SOPS-encrypted"]);
  });
});
