import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { vaultSecretStore } from "./vault-secret-store.ts";

const cases = [
  { file: "vault-secret-store.default", build: () => vaultSecretStore({ server: "http://vault-active.vault.svc:8200" }) },
  {
    file: "vault-secret-store.rich",
    build: () =>
      vaultSecretStore({
        name: "vault-kv1",
        server: "https://vault.internal.example.org:8200",
        path: "kv",
        kvVersion: "v1",
        kubernetesAuth: {
          mountPath: "kubernetes-production",
          role: "eso-reader",
          serviceAccountRef: { name: "eso-reader", namespace: "external-secrets", audiences: ["vault"] },
        },
      }),
  },
] as const;

describe("vaultSecretStore", () => {
  itMatchesGoldenFiles(cases, ({ build }) => emitComponent({ name: "stores", configs: [build()] }));

  it("renders stores that validate with kubeconform, CEL and kustomize", async () => {
    await expectValidTree([{ name: "stores", configs: cases.map(({ build }) => build()) }]);
  });

  it("keeps the defaults of the platform's store: vault, KV v2 at secret, role external-secrets", () => {
    expect(vaultSecretStore({ server: "http://vault-active.vault.svc:8200" }).spec?.provider).toEqual({
      vault: { server: "http://vault-active.vault.svc:8200", path: "secret", version: "v2", auth: { kubernetes: { mountPath: "kubernetes", role: "external-secrets" } } },
    });
  });
});

const invalid = [
  {
    label: "a store without a server",
    build: () => vaultSecretStore({} as never),
    message: `vaultSecretStore: server: is required`,
  },
  {
    label: "a server that is not a URL, a KV version that does not exist and an unknown auth field",
    build: () => vaultSecretStore({ server: "vault.example.org", kvVersion: "v3" as never, kubernetesAuth: { role: "eso", serviceAccount: "eso" } as never }),
    message: [
      `vaultSecretStore: server: expected an https:// or http:// URL, e.g. http://vault-active.vault.svc:8200`,
      `vaultSecretStore: kvVersion: Invalid option: expected one of "v1"|"v2"`,
      `vaultSecretStore: kubernetesAuth: unknown field "serviceAccount"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
  {
    label: "a ServiceAccount without its namespace",
    build: () => vaultSecretStore({ server: "http://vault:8200", kubernetesAuth: { serviceAccountRef: { name: "eso" } as never } }),
    message: `vaultSecretStore: kubernetesAuth.serviceAccountRef.namespace: is required`,
  },
] as const;

describeRejections("vaultSecretStore", invalid);
