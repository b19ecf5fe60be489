import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees, releaseValues } from "../../test/validate-components.ts";
import { ONEPASSWORD_CONNECT_CHART } from "../versions.ts";
import { onePasswordConnect, onePasswordConnectHost } from "./onepassword-connect.ts";

const cases = [
  { file: "onepassword-connect.default", build: () => onePasswordConnect() },
  {
    file: "onepassword-connect.rich",
    build: () =>
      onePasswordConnect({
        namespace: "1password",
        version: "2.4.0",
        replicas: 2,
        credentialsSecret: { name: "connect-credentials" },
        operator: { tokenSecret: { name: "operator-token", key: "connect-token" }, watchNamespaces: ["web", "shop"], pollingInterval: 300, autoRestart: true },
        externalSecrets: { name: "1password", vaults: { production: 1, shared: 2 }, tokenSecret: { name: "eso-token" } },
        values: { connect: { api: { logLevel: "warn" } } },
      }),
  },
] as const;

describe("onePasswordConnect", () => {
  itMatchesGoldenFiles(cases, ({ build }) => emitComponent(build()));

  itRendersValidTrees(cases, ({ build }) => [build()]);

  it("pins the chart of operator v1.12.0, the version of the pinned OnePasswordItem CRD", () => {
    expect(ONEPASSWORD_CONNECT_CHART).toMatchObject({ version: "2.4.1", appVersion: "1.8.2" });
  });

  it("reads the credentials from an existing Secret and never passes them as values", () => {
    const values = releaseValues(onePasswordConnect());
    expect(values.connect).toMatchObject({ credentialsName: "op-credentials", credentialsKey: "1password-credentials.json", serviceType: "ClusterIP" });
    expect(JSON.stringify(values)).not.toMatch(/credentials_base64|"credentials"|"value"/);
    expect(values.operator).toEqual({ create: false });
  });

  it("runs the operator with its token from a Secret", () => {
    expect(releaseValues(onePasswordConnect({ operator: {} })).operator).toEqual({
      create: true,
      authMethod: "connect",
      token: { name: "onepassword-token", key: "token" },
      watchNamespace: [],
      pollingInterval: 600,
      autoRestart: false,
    });
  });

  it("wires the External Secrets store to Connect's Service and to the token in Connect's namespace", () => {
    const [store] = onePasswordConnect({ externalSecrets: { vaults: { production: 1 } } }).configs as unknown as { kind: string; spec: { provider: unknown } }[];
    expect(store!.kind).toBe("ClusterSecretStore");
    expect(store!.spec.provider).toEqual({
      onepassword: {
        connectHost: "http://onepassword-connect.onepassword.svc:8080",
        vaults: { production: 1 },
        auth: { secretRef: { connectTokenSecretRef: { name: "onepassword-token", key: "token", namespace: "onepassword" } } },
      },
    });
    expect(onePasswordConnectHost("op")).toBe("http://onepassword-connect.op.svc:8080");
  });
});

const invalid = [
  {
    label: "inline credentials",
    build: () => onePasswordConnect({ credentials: "{}" } as never),
    message: `onePasswordConnect: unknown field "credentials"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a credentials key that cannot be a Secret key and an operator namespace that is not a label",
    build: () => onePasswordConnect({ credentialsSecret: { key: "1password credentials.json" }, operator: { watchNamespaces: ["Web"] } }),
    message: [
      `onePasswordConnect: credentialsSecret.key: expected a Secret key: letters, digits, '-', '_' and '.'`,
      `onePasswordConnect: operator.watchNamespaces[0]: "Web" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
    ].join("\n"),
  },
  {
    label: "a store without vaults",
    build: () => onePasswordConnect({ externalSecrets: {} as never }),
    message: `onePasswordConnect: externalSecrets.vaults: is required`,
  },
] as const;

describeRejections("onePasswordConnect", invalid);
