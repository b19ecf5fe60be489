import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderCluster } from "../render/render-cluster.ts";
import { rawManifest } from "../resource/raw-manifest.ts";
import type { ApiObject } from "../resource/api-object.ts";

const encryptedText = `apiVersion: v1
kind: Secret
metadata:
    name: db
    namespace: shop
type: Opaque
data:
    password: ENC[AES256_GCM,data:Zm9v,iv:aXY=,tag:dGFn,type:str]
sops:
    age:
        - recipient: age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq
          enc: |
            -----BEGIN AGE ENCRYPTED FILE-----
            YWdl
            -----END AGE ENCRYPTED FILE-----
    lastmodified: "2026-11-01T00:00:00Z"
    mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]
    encrypted_regex: ^(data|stringData)$
    version: 3.13.3
`;

function cluster(components: Record<string, ApiObject[]>) {
  return renderCluster(
    {
      name: "shop",
      gitops: { engine: "flux", repository: { url: "https://git.example.com/platform.git" } },
      secrets: { sops: { ageRecipients: ["age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"] } },
      components,
    },
    { source: "clusters/shop" },
  );
}

const base = {
  "infrastructure/controllers/ns": [new Namespace({ metadata: { name: "shop" } })],
  "apps/shop": [new ConfigMap({ metadata: { name: "settings", namespace: "shop" }, data: { a: "b" } })],
};

describe("SOPS decryption", () => {
  it("is wired into exactly the layers whose folders hold SOPS documents", () => {
    const secret = rawManifest(encryptedText, parse(encryptedText) as ApiObject);
    const tree = cluster({ ...base, "apps/shop": [...base["apps/shop"], secret] });
    const apps = parse(tree.files.get("flux-system/kustomization-apps.yaml")!) as { spec: { decryption?: unknown } };
    const controllers = parse(tree.files.get("flux-system/kustomization-infra-controllers.yaml")!) as { spec: { decryption?: unknown } };
    expect(apps.spec.decryption).toEqual({ provider: "sops", secretRef: { name: "sops-age" } });
    expect(controllers.spec.decryption).toBeUndefined();
  });

  it("copies the encrypted Secret into the tree byte for byte", () => {
    const secret = rawManifest(encryptedText, parse(encryptedText) as ApiObject);
    const tree = cluster({ ...base, "apps/shop": [...base["apps/shop"], secret] });
    expect(tree.files.get("apps/shop/secret-db.yaml")).toBe(encryptedText);
  });

  it("is not wired when no folder holds SOPS documents", () => {
    const tree = cluster(base);
    for (const [path, text] of tree.files) {
      if (path.startsWith("flux-system/kustomization-")) expect(text, path).not.toContain("decryption");
    }
  });
});

describe("Flux installed by the Flux Operator", () => {
  it("puts a FluxInstance that syncs generated/<cluster> in flux-system instead of the install manifests", () => {
    const tree = renderCluster(
      {
        name: "shop",
        gitops: { engine: "flux", flux: { install: "operator" }, repository: { url: "https://git.example.com/platform.git", secretName: "git-credentials" } },
        components: base,
      },
      { source: "clusters/shop" },
    );
    const flux = [...tree.files.keys()].filter((path) => path.startsWith("flux-system/"));
    expect(flux).toEqual([
      "flux-system/fluxinstance-flux.yaml",
      "flux-system/kustomization-apps.yaml",
      "flux-system/kustomization-infra-controllers.yaml",
      "flux-system/kustomization.yaml",
    ]);
    expect(parse(tree.files.get("flux-system/fluxinstance-flux.yaml")!)).toMatchObject({
      apiVersion: "fluxcd.controlplane.io/v1",
      kind: "FluxInstance",
      metadata: { name: "flux", namespace: "flux-system" },
      spec: {
        distribution: { version: "2.9.x", registry: "ghcr.io/fluxcd" },
        components: ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"],
        sync: { kind: "GitRepository", url: "https://git.example.com/platform.git", ref: "refs/heads/main", path: "generated/shop", pullSecret: "git-credentials" },
      },
    });
  });
});
