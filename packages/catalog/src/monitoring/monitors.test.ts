import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { emitComponent, expectValidTree, thrownMessage } from "../../test/validate-components.ts";
import { monitorsFor, podMonitor, prometheusRule, serviceMonitor } from "./monitors.ts";

const renders = [
  {
    file: "monitors.default",
    build: () => [
      serviceMonitor({ name: "web", namespace: "demo", selector: { app: "web" }, port: "http" }),
      podMonitor({ name: "worker", namespace: "demo", selector: { app: "worker" }, port: "metrics" }),
      prometheusRule({ name: "web", namespace: "demo", groups: [{ name: "web", rules: [{ alert: "WebDown", expr: 'up{job="web"} == 0', summary: "web is down" }] }] }),
    ],
  },
  {
    file: "monitors.rich",
    build: () => [
      serviceMonitor({ name: "vault", namespace: "demo", selector: { "app.kubernetes.io/name": "vault" }, port: "https", path: "/v1/sys/metrics", scheme: "https", interval: "1m", labels: { team: "platform" } }),
      podMonitor({ name: "cloudflared", namespace: "demo", selector: { app: "cloudflared" }, port: "metrics", path: "/stats", interval: "15s", labels: { team: "edge" } }),
      prometheusRule({
        name: "vault",
        namespace: "demo",
        labels: { team: "platform" },
        groups: [
          { name: "vault", rules: [{ alert: "VaultSealed", expr: "vault_core_unsealed == 0", for: "1m", severity: "critical", summary: "Vault is sealed", description: "Unseal it." }] },
          { name: "vault-capacity", rules: [{ alert: "VaultLeasesHigh", expr: "vault_expire_num_leases > 100000", for: "1h", severity: "info", summary: "Many leases" }] },
        ],
      }),
    ],
  },
] as const;

describe("monitoring helpers", () => {
  it.each(renders)("render $file as its golden file", async ({ file, build }) => {
    await expect(emitComponent({ name: "demo", configs: build() })).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it("render objects that validate against the pinned prometheus-operator v0.93.0 CRDs", async () => {
    for (const { build } of renders) {
      await expectValidTree([{ name: "demo", controllers: [new Namespace({ metadata: { name: "demo" } })], configs: build() }]);
    }
  }, 300_000);

  it("monitorsFor renders a ServiceMonitor only when metrics are on", () => {
    const target = { name: "web", namespace: "demo", selector: { app: "web" }, port: "http" };
    expect(monitorsFor(undefined, target)).toEqual([]);
    expect(monitorsFor({ enabled: false, interval: "30s", labels: {} }, target)).toEqual([]);
    const [monitor] = monitorsFor({ enabled: true, interval: "1m", labels: { release: "prometheus" } }, target);
    expect(monitor!.metadata?.labels).toEqual({ release: "prometheus" });
    expect(monitor!.spec.endpoints![0]!.interval).toBe("1m");
  });
});

const invalid = [
  {
    label: "an interval that is not a Prometheus duration and a path without a slash",
    build: () => serviceMonitor({ name: "web", namespace: "demo", selector: { app: "web" }, port: "http", path: "metrics", interval: "30 seconds" }),
    message: [`serviceMonitor: path: Invalid string: must start with "/"`, `serviceMonitor: interval: expected a Prometheus duration such as 30s or 1m`].join("\n"),
  },
  {
    label: "an empty interval and an unknown field of a PodMonitor",
    build: () => podMonitor({ name: "worker", namespace: "demo", selector: { app: "worker" }, port: "metrics", interval: "", scheme: "http" } as never),
    message: [
      `podMonitor: interval: expected a Prometheus duration such as 30s or 1m`,
      `podMonitor: unknown field "scheme"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
  {
    label: "a bad alert name and for, and two groups of one name",
    build: () =>
      prometheusRule({
        name: "web",
        namespace: "demo",
        groups: [
          { name: "web", rules: [{ alert: "web-down", expr: "up == 0", for: "five minutes", summary: "down" }] },
          { name: "web", rules: [{ alert: "WebSlow", expr: "latency > 1", summary: "slow" }] },
        ],
      }),
    message: [
      `prometheusRule: groups[0].rules[0].alert: expected an alert name such as VaultSealed`,
      `prometheusRule: groups[0].rules[0].for: expected a Prometheus duration such as 30s or 1m`,
      `prometheusRule: groups[1].name: group "web" is defined twice; group names must be unique`,
    ].join("\n"),
  },
] as const;

describe("monitoring helpers reject bad props", () => {
  it.each(invalid)("reject $label, naming every problem", ({ build, message }) => {
    expect(thrownMessage(build)).toBe(message);
  });
});
