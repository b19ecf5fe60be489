import { emitDocument, isUserError, type ApiObject } from "@typed-gitops/lib";
import { describe, expect, it } from "vitest";
import { EXTERNAL_SECRETS_CHART_VERSION, externalSecrets } from "./external-secrets.ts";
import { vaultSecretStore } from "./secret-stores.ts";

/** A component's objects as one multi-document YAML text, as the golden files hold them. */
function emitAll(objects: readonly ApiObject[]): string {
  return objects.map((object) => emitDocument(object as unknown as Record<string, unknown>)).join("---\n");
}

/** The problems a component call throws, as its message. */
function thrownMessage(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(isUserError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected the props to be rejected");
}

const renders = [
  { file: "external-secrets.default", build: () => externalSecrets() },
  { file: "external-secrets.rich", build: () => externalSecrets({ namespace: "eso", version: "2.8.1" }) },
  { file: "secret-stores.default", build: () => vaultSecretStore({ server: "https://vault.example.org" }) },
  {
    file: "secret-stores.rich",
    build: () =>
      vaultSecretStore({
        name: "vault-kv1",
        server: "https://vault.internal.example.org:8200",
        path: "kv",
        kvVersion: "v1",
        kubernetesAuth: { mountPath: "kubernetes-production", role: "eso-reader" },
      }),
  },
] as const;

describe("externalSecrets and vaultSecretStore", () => {
  it.each(renders)("render $file as its golden file", async ({ file, build }) => {
    await expect(emitAll(build())).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it.each(renders)("render $file as objects that pass their models' schema validation", ({ build }) => {
    for (const object of build()) expect(() => (object as ApiObject & { validate(): void }).validate()).not.toThrow();
  });

  it("pins the chart of External Secrets v2.9.0, the version of the pinned CRDs", () => {
    expect(EXTERNAL_SECRETS_CHART_VERSION).toBe("2.9.0");
  });

  it("installs the CRDs with the chart, so the configs layer can use them", () => {
    const release = externalSecrets().find((object) => object.kind === "HelmRelease") as unknown as { spec: { values: Record<string, unknown> } };
    expect(release.spec.values).toEqual({ installCRDs: true });
  });
});

const invalid = [
  {
    label: "an unknown prop of externalSecrets",
    build: () => externalSecrets({ installCRDs: false } as never),
    message: `externalSecrets: unknown field "installCRDs"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a chart version range",
    build: () => externalSecrets({ version: "2.x" }),
    message: `externalSecrets: version: "2.x" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
  },
  {
    label: "the operator's tag instead of a chart version",
    build: () => externalSecrets({ version: "v2.9" }),
    message: `externalSecrets: version: "v2.9" is not an exact version: give major.minor.patch, such as "1.2.3"`,
  },
  {
    label: "a store without a server",
    build: () => vaultSecretStore({} as never),
    message: `vaultSecretStore: server: Invalid input: expected string, received undefined`,
  },
  {
    label: "a server that is not a URL, a KV version that does not exist and an unknown auth field",
    build: () => vaultSecretStore({ server: "vault.example.org", kvVersion: "v3" as never, kubernetesAuth: { role: "eso", serviceAccount: "eso" } as never }),
    message: [
      `vaultSecretStore: server: expected the Vault address as an https:// URL, e.g. https://vault.example.org`,
      `vaultSecretStore: kvVersion: Invalid option: expected one of "v1"|"v2"`,
      `vaultSecretStore: kubernetesAuth: unknown field "serviceAccount"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
] as const;

describe("externalSecrets and vaultSecretStore reject bad props", () => {
  it.each(invalid)("rejects $label, naming every problem", ({ build, message }) => {
    expect(thrownMessage(build)).toBe(message);
  });
});
