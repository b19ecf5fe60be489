import { emitDocument, isUserError, type ApiObject } from "@typed-gitops/lib";
import { describe, expect, it } from "vitest";
import { SEALED_SECRETS_CHART_VERSION, sealedSecrets } from "./sealed-secrets.ts";

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
  { file: "sealed-secrets.default", build: () => sealedSecrets() },
  { file: "sealed-secrets.rich", build: () => sealedSecrets({ namespace: "secrets-system", version: "2.18.4", keyRenewPeriod: "0" }) },
] as const;

describe("sealedSecrets", () => {
  it.each(renders)("renders $file as its golden file", async ({ file, build }) => {
    await expect(emitAll(build())).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it.each(renders)("renders $file as objects that pass their models' schema validation", ({ build }) => {
    for (const object of build()) expect(() => (object as ApiObject & { validate(): void }).validate()).not.toThrow();
  });

  it("pins the chart whose controller is 0.36.6, the version of the pinned CRD and kubeseal", () => {
    expect(SEALED_SECRETS_CHART_VERSION).toBe("2.18.5");
  });

  it("names the controller as kubeseal expects it by default, so --fetch-cert needs only the namespace", () => {
    const release = sealedSecrets().find((object) => object.kind === "HelmRelease") as unknown as { spec: { values: Record<string, unknown> } };
    expect(release.spec.values.fullnameOverride).toBe("sealed-secrets-controller");
  });
});

const invalid = [
  {
    label: "an unknown prop",
    build: () => sealedSecrets({ keyrenewperiod: "720h" } as never),
    message: `sealedSecrets: unknown field "keyrenewperiod"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a chart version range",
    build: () => sealedSecrets({ version: "^2.18.0" }),
    message: `sealedSecrets: version: "^2.18.0" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
  },
  {
    label: "a chart version that is not a version",
    build: () => sealedSecrets({ version: "latest" }),
    message: `sealedSecrets: version: "latest" is not an exact version: give major.minor.patch, such as "1.2.3"`,
  },
  {
    label: "a key renewal period that is not a duration, and a namespace that is not a DNS-1123 label",
    build: () => sealedSecrets({ keyRenewPeriod: "30 days", namespace: "Sealed_Secrets" }),
    message: [
      `sealedSecrets: namespace: "Sealed_Secrets" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
      `sealedSecrets: keyRenewPeriod: expected a Go duration such as 720h, or 0 to never renew the key`,
    ].join("\n"),
  },
] as const;

describe("sealedSecrets rejects bad props", () => {
  it.each(invalid)("rejects $label, naming every problem", ({ build, message }) => {
    expect(thrownMessage(build)).toBe(message);
  });
});
