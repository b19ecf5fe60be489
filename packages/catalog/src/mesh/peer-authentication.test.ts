import { describe, expect, it } from "vitest";
import { configsComponent, describeRejections, emitObject, expectValidTree, itMatchesGoldenFiles, validateComponents } from "../../test/validate-components.ts";
import { peerAuthentication } from "./peer-authentication.ts";
import { sidecarInjection } from "./sidecar-injection.ts";

const renders = [
  { file: "peer-authentication.default", build: () => peerAuthentication({ namespace: "shop" }) },
  { file: "peer-authentication.rich", build: () => peerAuthentication({ name: "api", namespace: "shop", mode: "STRICT", selector: { app: "api" }, ports: { "9090": "PERMISSIVE", "8080": "STRICT" } }) },
] as const;

describe("peerAuthentication", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitObject(build()));

  it("renders objects that pass kubeconform against the pinned Istio 1.30.3 CRDs, their CEL rules and kustomize build", async () => {
    await expectValidTree([configsComponent("shop", renders.map(({ build }) => build()), sidecarInjection("shop"))]);
  });

  it("mirrors the CRD's CEL rule, which the validation runs: per-port modes need a selector", async () => {
    const object = peerAuthentication({ namespace: "shop" });
    (object.spec as Record<string, unknown>).portLevelMtls = { "8080": { mode: "PERMISSIVE" } };
    const result = await validateComponents([configsComponent("shop", [object], sidecarInjection("shop"))]);
    expect(result.problems).toEqual(["generated/catalog-test/infrastructure/configs/shop/peerauthentication-default.yaml: PeerAuthentication shop/default: spec: portLevelMtls requires selector [CEL]"]);
  });
});

const invalid = [
  {
    label: "per-port modes without a selector, and a port out of range",
    build: () => peerAuthentication({ namespace: "shop", ports: { "70000": "DISABLE" } }),
    message: [`peerAuthentication: ports: needs selector: per-port modes apply to selected workloads only`, `peerAuthentication: ports["70000"]: expected a port from 1 to 65535`].join("\n"),
  },
  {
    label: "a mode Istio does not know",
    build: () => peerAuthentication({ namespace: "shop", mode: "MUTUAL" as never }),
    message: `peerAuthentication: mode: Invalid option: expected one of "STRICT"|"PERMISSIVE"|"DISABLE"`,
  },
] as const;

describeRejections("peerAuthentication", invalid);
