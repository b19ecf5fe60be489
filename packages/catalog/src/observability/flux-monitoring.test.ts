import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { fluxMonitoring, fluxResourceMetricsValues } from "./flux-monitoring.ts";

const renders = [
  { file: "flux-monitoring.default", build: () => fluxMonitoring() },
  {
    file: "flux-monitoring.rich",
    build: () => fluxMonitoring({ namespace: "flux", interval: "1m", labels: { team: "platform" }, alerts: { resourceState: false, failingFor: "30m", severity: "critical" } }),
  },
] as const;

/** Flux's namespace exists outside the component (the cluster's GitOps install makes it). */
const withFluxNamespaces = { cluster: { preexisting: { namespaces: ["flux-system", "flux"], objects: [] } } };

describe("fluxMonitoring", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  it("renders both cases into a tree that validates with kubeconform, the CRDs' CEL rules, the policies and kustomize", async () => {
    for (const { build } of renders) {
      await expectValidTree([build()], withFluxNamespaces);
    }
  }, 300_000);

  it("scrapes every Flux controller by the part-of label on its http-prom port", () => {
    const [monitor] = fluxMonitoring().configs! as unknown as { kind: string; spec: { selector: unknown; podMetricsEndpoints: { port: string }[] } }[];
    expect(monitor!.kind).toBe("PodMonitor");
    expect(monitor!.spec.selector).toEqual({ matchLabels: { "app.kubernetes.io/part-of": "flux" } });
    expect(monitor!.spec.podMetricsEndpoints[0]!.port).toBe("http-prom");
  });

  it("alerts on Flux objects that are not Ready from gotk_resource_info, the current Flux 2.x resource metric", () => {
    const exprs = (component: ReturnType<typeof fluxMonitoring>) =>
      (component.configs![1] as unknown as { spec: { groups: { rules: { expr: string }[] }[] } }).spec.groups.flatMap((group) => group.rules.map((rule) => rule.expr));
    expect(exprs(fluxMonitoring())).toContain('max by (customresource_kind, exported_namespace, name) (gotk_resource_info{ready="False", suspended!="true"}) > 0');
    expect(exprs(fluxMonitoring({ alerts: { resourceState: false } })).join("\n")).not.toContain("gotk_resource_info");
    expect(fluxMonitoring({ alerts: { enabled: false } }).configs!.map((object) => object.kind)).toEqual(["PodMonitor"]);
  });

  it("configures kube-state-metrics to export gotk_resource_info for the Flux 2.9 API versions", () => {
    const values = fluxResourceMetricsValues();
    const kinds = values.customResourceState.config.spec.resources.map(({ groupVersionKind }) => `${groupVersionKind.kind}.${groupVersionKind.version}`);
    expect(kinds).toContain("Kustomization.v1");
    expect(kinds).toContain("HelmRelease.v2");
    expect(kinds).toContain("OCIRepository.v1");
    expect(values.rbac.extraRules[0]!.verbs).toEqual(["list", "watch"]);
  });
});

const invalid = [
  {
    label: "an unknown prop",
    build: () => fluxMonitoring({ port: "metrics" } as never),
    message: `fluxMonitoring: unknown field "port"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a bad interval, severity and namespace",
    build: () => fluxMonitoring({ namespace: "Flux_System", interval: "30 seconds", alerts: { severity: "page" as never, failingFor: "" } }),
    message: [
      `fluxMonitoring: namespace: "Flux_System" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
      `fluxMonitoring: interval: expected a Prometheus duration such as 30s or 1m`,
      `fluxMonitoring: alerts.failingFor: expected a Prometheus duration such as 30s or 1m`,
      `fluxMonitoring: alerts.severity: Invalid option: expected one of "critical"|"warning"|"info"`,
    ].join("\n"),
  },
] as const;

describeRejections("fluxMonitoring", invalid);
