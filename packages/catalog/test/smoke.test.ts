import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { serviceMonitor } from "../src/monitoring/monitors.ts";
import { validateComponents } from "./validate-components.ts";

describe("validateComponents (the catalog's test harness)", () => {
  it("passes a valid component and reports a broken one", async () => {
    const ok = await validateComponents([
      {
        name: "demo",
        controllers: [new Namespace({ metadata: { name: "demo" } }), new Service({ metadata: { name: "demo", namespace: "demo", labels: { app: "demo" } }, spec: { selector: { app: "demo" }, ports: [{ name: "http", port: 80 }] } })],
        configs: [serviceMonitor({ name: "demo", namespace: "demo", selector: { app: "demo" }, port: "http" })],
      },
    ]);
    expect(ok.problems).toEqual([]);
    expect(ok.builds).toBeGreaterThan(0);
    const monitor = serviceMonitor({ name: "demo", namespace: "demo", selector: { app: "demo" }, port: "http" });
    (monitor.spec.endpoints![0] as Record<string, unknown>).scrapeEvery = "30s";
    const broken = await validateComponents([{ name: "demo", controllers: [new Namespace({ metadata: { name: "demo" } })], configs: [monitor] }]);
    expect(broken.problems.join("\n")).toContain("scrapeEvery");
  });
});
