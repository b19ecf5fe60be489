import { clusterSecretStore, secretStore } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees, releaseValues } from "../../test/validate-components.ts";
import { EXTERNAL_SECRETS_CHART } from "../versions.ts";
import { externalSecretsOperator } from "./external-secrets-operator.ts";
import { onePasswordSecretStore } from "./onepassword-secret-store.ts";
import { vaultSecretStore } from "./vault-secret-store.ts";

const rich = () =>
  externalSecretsOperator({
    namespace: "eso",
    replicas: 2,
    metrics: { interval: "1m", labels: { release: "kube-prometheus-stack" } },
    stores: [
      vaultSecretStore({ server: "http://vault-active.vault.svc:8200" }),
      onePasswordSecretStore({ connectHost: "http://onepassword-connect.onepassword.svc:8080", vaults: { production: 1 }, tokenSecret: { name: "onepassword-token", namespace: "onepassword" } }),
      // Any other provider through the lib's builders.
      clusterSecretStore({ name: "fake", provider: { fake: { data: [{ key: "/greeting", value: "hello" }] } } }),
      secretStore({ name: "team-vault", namespace: "eso", provider: { vault: { server: "https://vault.example.org", path: "team", auth: { kubernetes: { role: "team" } } } } }),
    ],
    values: { concurrent: 4, resources: { requests: { cpu: "10m", memory: "64Mi" } } },
  });

const cases = [
  { file: "external-secrets-operator.default", build: () => externalSecretsOperator() },
  { file: "external-secrets-operator.rich", build: rich },
] as const;

describe("externalSecretsOperator", () => {
  itMatchesGoldenFiles(cases, ({ build }) => emitComponent(build()));

  itRendersValidTrees(cases, ({ build }) => [build()]);

  it("pins the chart of External Secrets v2.9.0, the version of the pinned CRDs", () => {
    expect(EXTERNAL_SECRETS_CHART.version).toBe("2.9.0");
  });

  it("installs the CRDs, the webhook and the cert-controller with the chart, and no store without being asked", () => {
    const component = externalSecretsOperator();
    const values = releaseValues(component);
    expect(values).toMatchObject({ installCRDs: true, webhook: { create: true }, certController: { create: true } });
    expect(component.configs).toEqual([]);
  });

  it("turns on leader election and disruption budgets with more than one replica", () => {
    const values = releaseValues(rich());
    expect(values).toMatchObject({ replicaCount: 2, leaderElect: true, podDisruptionBudget: { enabled: true }, webhook: { replicaCount: 2 } });
  });

  it("scrapes the controller, the webhook and the cert-controller", () => {
    expect(rich().configs!.filter((object) => object.kind === "ServiceMonitor").map((object) => object.metadata?.name)).toEqual([
      "external-secrets",
      "external-secrets-webhook",
      "external-secrets-cert-controller",
    ]);
  });
});

const invalid = [
  {
    label: "an unknown prop",
    build: () => externalSecretsOperator({ installCRDs: false } as never),
    message: `externalSecretsOperator: unknown field "installCRDs"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a chart version range and a namespace that is not a DNS-1123 label",
    build: () => externalSecretsOperator({ version: "2.x", namespace: "External_Secrets" }),
    message: [
      `externalSecretsOperator: namespace: "External_Secrets" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
      `externalSecretsOperator: version: "2.x" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
    ].join("\n"),
  },
  {
    label: "no replica and a store that is not a store",
    build: () => externalSecretsOperator({ replicas: 0, stores: [new Namespace({ metadata: { name: "x" } }) as never] }),
    message: [
      `externalSecretsOperator: replicas: must be at least 1`,
      `externalSecretsOperator: stores[0]: expected a ClusterSecretStore or SecretStore object, e.g. from vaultSecretStore(), onePasswordSecretStore() or the lib's clusterSecretStore()`,
    ].join("\n"),
  },
  {
    label: "a metrics interval that is not a duration",
    build: () => externalSecretsOperator({ metrics: { interval: "often" } }),
    message: `externalSecretsOperator: metrics.interval: expected a Prometheus duration such as 30s or 1m`,
  },
] as const;

describeRejections("externalSecretsOperator", invalid);
