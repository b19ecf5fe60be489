import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees } from "../../test/validate-components.ts";
import { ARGO_ROLLOUTS_CHART } from "../versions.ts";
import { argoRollouts } from "./argo-rollouts.ts";

const rich = () =>
  argoRollouts({
    namespace: "rollouts",
    version: "2.41.1",
    replicas: 3,
    dashboard: {
      readonly: true,
      host: "rollouts.example.com",
      issuer: { name: "letsencrypt-production" },
      protect: { name: "authentik", namespace: "authentik" },
    },
    metrics: { labels: { release: "kube-prometheus-stack" } },
    values: { controller: { resources: { requests: { cpu: "50m", memory: "64Mi" } } } },
  });

const renders = [
  { file: "argo-rollouts.default", build: () => argoRollouts() },
  { file: "argo-rollouts.rich", build: rich },
  { file: "argo-rollouts.single", build: () => argoRollouts({ replicas: 1, dashboard: {} }) },
] as const;

describe("argoRollouts", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  itRendersValidTrees(renders, ({ build }) => [build()]);

  it("pins the argo-rollouts chart of Argo Rollouts v1.9.1, the version whose CRDs the schema store pins", () => {
    expect(ARGO_ROLLOUTS_CHART).toMatchObject({ version: "2.41.1", appVersion: "v1.9.1" });
  });
});

const invalid = [
  {
    label: "a published dashboard without a Middleware in front",
    build: () => argoRollouts({ dashboard: { host: "rollouts.example.com" } }),
    message: `argoRollouts: dashboard.protect: is required with host: the dashboard has no login of its own, so publish it behind a Middleware such as Authentik's ForwardAuth`,
  },
  {
    label: "a disabled dashboard with a host, and an issuer without a host",
    build: () =>
      argoRollouts({
        dashboard: { enabled: false, host: "rollouts.example.com", protect: { name: "authentik", namespace: "authentik" } },
      }),
    message: `argoRollouts: dashboard.enabled: must be true to publish the dashboard on host`,
  },
  {
    label: "a Middleware without a host, zero replicas and an unknown prop",
    build: () => argoRollouts({ replicas: 0, dashboard: { protect: { name: "authentik", namespace: "authentik" } }, installCRDs: false } as never),
    message: [
      `argoRollouts: replicas: Too small: expected number to be >=1`,
      `argoRollouts: dashboard.protect: applies to the published dashboard: set host too`,
      `argoRollouts: unknown field "installCRDs"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
] as const;

describeRejections("argoRollouts", invalid);
