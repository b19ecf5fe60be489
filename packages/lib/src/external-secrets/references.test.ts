import { describe, expect, it } from "vitest";
import { gitRepository } from "../flux/git-repository.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { clusterExternalSecret } from "./cluster-external-secret.ts";
import { externalSecret } from "./external-secret.ts";
import { externalSecretReferences } from "./references.ts";

const GROUP = "external-secrets.io";

describe("externalSecretReferences", () => {
  it("finds an ExternalSecret's SecretStore in its own namespace", () => {
    const object = externalSecret({ name: "db", namespace: "web", secretStoreRef: { name: "vault" }, dataFrom: [{ extract: { key: "web/db" } }] });
    expect(externalSecretReferences(object)).toEqual([
      { field: "spec.secretStoreRef", ref: { kind: "SecretStore", group: GROUP, namespace: "web", name: "vault" }, optional: false },
    ]);
  });

  it("finds an ExternalSecret's ClusterSecretStore without a namespace", () => {
    const object = externalSecret({ name: "db", namespace: "web", secretStoreRef: { name: "aws", kind: "ClusterSecretStore" }, dataFrom: [{ extract: { key: "web/db" } }] });
    expect(externalSecretReferences(object)).toEqual([
      { field: "spec.secretStoreRef", ref: { kind: "ClusterSecretStore", group: GROUP, namespace: "", name: "aws" }, optional: false },
    ]);
  });

  it("reads a hand-written ExternalSecret: the kind defaults to SecretStore, and data sources name stores too", () => {
    const object = {
      apiVersion: "external-secrets.io/v1",
      kind: "ExternalSecret",
      metadata: { name: "db", namespace: "shop" },
      spec: {
        secretStoreRef: { name: "vault" },
        data: [{ secretKey: "a", remoteRef: { key: "a" }, sourceRef: { storeRef: { name: "aws", kind: "ClusterSecretStore" } } }],
        dataFrom: [{ extract: { key: "b" } }, { sourceRef: { storeRef: { name: "onepassword" } }, extract: { key: "c" } }],
      },
    } satisfies ApiObject & Record<string, unknown>;
    expect(externalSecretReferences(object)).toEqual([
      { field: "spec.secretStoreRef", ref: { kind: "SecretStore", group: GROUP, namespace: "shop", name: "vault" }, optional: false },
      { field: "spec.data[0].sourceRef.storeRef", ref: { kind: "ClusterSecretStore", group: GROUP, namespace: "", name: "aws" }, optional: false },
      { field: "spec.dataFrom[1].sourceRef.storeRef", ref: { kind: "SecretStore", group: GROUP, namespace: "shop", name: "onepassword" }, optional: false },
    ]);
  });

  it("finds a ClusterExternalSecret's SecretStore in every namespace it lists, and none for namespaces it selects by label", () => {
    const object = clusterExternalSecret({
      name: "registry",
      namespaces: ["web", "shop"],
      namespaceSelectors: [{ matchLabels: { registry: "true" } }],
      externalSecretSpec: { secretStoreRef: { name: "vault" }, dataFrom: [{ extract: { key: "registry" } }] },
    });
    expect(externalSecretReferences(object)).toEqual([
      { field: "spec.externalSecretSpec.secretStoreRef", ref: { kind: "SecretStore", group: GROUP, namespace: "web", name: "vault" }, optional: false },
      { field: "spec.externalSecretSpec.secretStoreRef", ref: { kind: "SecretStore", group: GROUP, namespace: "shop", name: "vault" }, optional: false },
    ]);
  });

  it("finds a ClusterExternalSecret's ClusterSecretStore whatever namespaces it selects", () => {
    const object = clusterExternalSecret({
      name: "registry",
      namespaceSelectors: [{ matchLabels: { registry: "true" } }],
      externalSecretSpec: { secretStoreRef: { name: "vault", kind: "ClusterSecretStore" }, dataFrom: [{ extract: { key: "registry" } }] },
    });
    expect(externalSecretReferences(object)).toEqual([
      { field: "spec.externalSecretSpec.secretStoreRef", ref: { kind: "ClusterSecretStore", group: GROUP, namespace: "", name: "vault" }, optional: false },
    ]);
  });

  it.each([
    { label: "a Flux GitRepository", object: gitRepository({ name: "podinfo", url: "https://github.com/stefanprodan/podinfo" }) as ApiObject },
    { label: "an ExternalSecret of another group", object: { apiVersion: "example.com/v1", kind: "ExternalSecret", metadata: { name: "x", namespace: "web" } } },
    { label: "an ExternalSecret without a store", object: { apiVersion: "external-secrets.io/v1", kind: "ExternalSecret", metadata: { name: "x", namespace: "web" }, spec: {} } },
  ])("returns no reference for $label", ({ object }) => {
    expect(externalSecretReferences(object)).toEqual([]);
  });
});
