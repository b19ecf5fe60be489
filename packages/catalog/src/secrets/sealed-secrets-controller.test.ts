import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees, releaseValues } from "../../test/validate-components.ts";
import { SEALED_SECRETS_CHART } from "../versions.ts";
import { sealedSecretsController } from "./sealed-secrets-controller.ts";

const cases = [
  { file: "sealed-secrets-controller.default", build: () => sealedSecretsController() },
  {
    file: "sealed-secrets-controller.rich",
    build: () =>
      sealedSecretsController({
        namespace: "secrets-system",
        version: "2.18.4",
        keyRenewPeriod: "0",
        metrics: { interval: "1m", labels: { release: "kube-prometheus-stack" } },
        values: { resources: { requests: { cpu: "10m", memory: "64Mi" } } },
      }),
  },
] as const;

describe("sealedSecretsController", () => {
  itMatchesGoldenFiles(cases, ({ build }) => emitComponent(build()));

  itRendersValidTrees(cases, ({ build }) => [build()]);

  it("pins the chart whose controller is 0.36.6, the version of the pinned CRD and kubeseal", () => {
    expect(SEALED_SECRETS_CHART).toMatchObject({ version: "2.18.5", appVersion: "0.36.6" });
  });

  it("names the controller as kubeseal expects it by default, so --fetch-cert needs only the namespace", () => {
    const values = releaseValues(sealedSecretsController());
    expect(values).toEqual({ fullnameOverride: "sealed-secrets-controller", keyrenewperiod: "720h" });
  });

  it("scrapes the chart's metrics Service only when metrics are on", () => {
    expect(sealedSecretsController().configs).toEqual([]);
    const [monitor] = sealedSecretsController({ metrics: {} }).configs as unknown as { spec: { selector: unknown; endpoints: { port: string }[] } }[];
    expect(monitor!.spec.selector).toEqual({ matchLabels: { "app.kubernetes.io/name": "sealed-secrets", "app.kubernetes.io/instance": "sealed-secrets", "app.kubernetes.io/component": "metrics" } });
    expect(monitor!.spec.endpoints[0]!.port).toBe("metrics");
  });
});

const invalid = [
  {
    label: "an unknown prop",
    build: () => sealedSecretsController({ keyrenewperiod: "720h" } as never),
    message: `sealedSecretsController: unknown field "keyrenewperiod"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a chart version range",
    build: () => sealedSecretsController({ version: "^2.18.0" }),
    message: `sealedSecretsController: version: "^2.18.0" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
  },
  {
    label: "a chart version that is not a version",
    build: () => sealedSecretsController({ version: "latest" }),
    message: `sealedSecretsController: version: "latest" is not an exact version: give major.minor.patch, such as "1.2.3"`,
  },
  {
    label: "a key renewal period that is not a duration, and a namespace that is not a DNS-1123 label",
    build: () => sealedSecretsController({ keyRenewPeriod: "30 days", namespace: "Sealed_Secrets" }),
    message: [
      `sealedSecretsController: namespace: "Sealed_Secrets" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
      `sealedSecretsController: keyRenewPeriod: expected a Go duration such as 720h, or 0 to never renew the key`,
    ].join("\n"),
  },
] as const;

describeRejections("sealedSecretsController", invalid);
