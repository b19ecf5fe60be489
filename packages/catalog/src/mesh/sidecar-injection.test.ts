import { describe, expect, it } from "vitest";
import { thrownMessage } from "../../test/validate-components.ts";
import { sidecarInjection } from "./sidecar-injection.ts";

describe("sidecarInjection", () => {
  it("labels a namespace for the default control plane", () => {
    expect(sidecarInjection("shop").toJSON()).toEqual({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels: { "istio-injection": "enabled" } } });
  });

  it("labels a namespace for a revision, keeping other labels", () => {
    expect(sidecarInjection({ namespace: "shop", revision: "1-30", labels: { team: "web" } }).metadata?.labels).toEqual({ team: "web", "istio.io/rev": "1-30" });
  });

  it("rejects an injection label given by hand and a namespace that is not a DNS-1123 label", () => {
    expect(thrownMessage(() => sidecarInjection({ namespace: "Shop", labels: { "istio-injection": "disabled" } }))).toBe(
      [
        `sidecarInjection: namespace: "Shop" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
        `sidecarInjection: labels["istio-injection"]: is set by sidecarInjection: use revision instead`,
      ].join("\n"),
    );
  });
});
