/**
 * istioCni(): the HelmRelease it renders, and the errors its invalid props produce.
 */
import { describe, expect, it } from "vitest";
import { istioCni } from "./istio-cni.ts";

describe("istioCni", () => {
  it("installs the CNI agent from the istio HelmRepository at the given version, after istio-base", () => {
    const [release] = istioCni({ version: "1.30.3" }).controllers!.map((object) => JSON.parse(JSON.stringify(object)));
    expect(release.metadata).toEqual({ name: "istio-cni", namespace: "istio-system" });
    expect(release.spec.chart.spec).toMatchObject({ chart: "cni", version: "1.30.3", sourceRef: { kind: "HelmRepository", name: "istio" } });
    expect(release.spec.dependsOn).toEqual([{ name: "istio-base" }]);
  });

  it("rejects a version range: the cni chart must match the other Istio charts exactly", () => {
    expect(() => istioCni({ version: "^1.30.0" })).toThrow("istioCni: version: expected an exact Istio version");
  });
});
