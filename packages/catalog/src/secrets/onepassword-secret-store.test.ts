import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { onePasswordSecretStore } from "./onepassword-secret-store.ts";

const cases = [
  {
    file: "onepassword-secret-store.default",
    build: () => onePasswordSecretStore({ connectHost: "http://onepassword-connect.onepassword.svc:8080", vaults: { production: 1 }, tokenSecret: { name: "onepassword-token", namespace: "onepassword" } }),
  },
  {
    file: "onepassword-secret-store.rich",
    build: () =>
      onePasswordSecretStore({
        name: "team-a-1password",
        kind: "SecretStore",
        namespace: "team-a",
        connectHost: "https://connect.example.org",
        vaults: { "team-a": 1, shared: 2 },
        tokenSecret: { name: "connect-token", key: "access-token" },
      }),
  },
] as const;

describe("onePasswordSecretStore", () => {
  itMatchesGoldenFiles(cases, ({ build }) => emitComponent({ name: "stores", configs: [build()] }));

  it("renders stores that validate with kubeconform, CEL and kustomize", async () => {
    await expectValidTree([{ name: "stores", controllers: [new Namespace({ metadata: { name: "team-a" } })], configs: cases.map(({ build }) => build()) }]);
  });
});

const invalid = [
  {
    label: "a ClusterSecretStore whose token Secret has no namespace, and no vault",
    build: () => onePasswordSecretStore({ connectHost: "http://connect:8080", vaults: {}, tokenSecret: { name: "token" } }),
    message: [
      `onePasswordSecretStore: vaults: give at least one vault: { name: priority }`,
      `onePasswordSecretStore: tokenSecret.namespace: a ClusterSecretStore needs the token Secret's namespace (otherwise every ExternalSecret's own namespace would need the token)`,
    ].join("\n"),
  },
  {
    label: "a SecretStore without a namespace that reads a token of another namespace",
    build: () => onePasswordSecretStore({ kind: "SecretStore", connectHost: "http://connect:8080", vaults: { a: 1 }, tokenSecret: { name: "token", namespace: "onepassword" } }),
    message: [
      `onePasswordSecretStore: namespace: a SecretStore needs its namespace`,
      `onePasswordSecretStore: tokenSecret.namespace: a SecretStore reads only Secrets of its own namespace: remove it`,
    ].join("\n"),
  },
  {
    label: "a priority of 0 and a connect host that is not a URL",
    build: () => onePasswordSecretStore({ connectHost: "connect:8080", vaults: { a: 0 }, tokenSecret: { name: "token", namespace: "onepassword" } }),
    message: [
      `onePasswordSecretStore: connectHost: expected an https:// or http:// URL, e.g. http://onepassword-connect.onepassword.svc:8080`,
      `onePasswordSecretStore: vaults.a: a priority starts at 1`,
    ].join("\n"),
  },
] as const;

describeRejections("onePasswordSecretStore", invalid);
