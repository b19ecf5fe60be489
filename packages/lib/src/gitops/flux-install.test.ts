import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeObject } from "../resource/api-object.ts";
import { parseVendoredManifests } from "../../vendor/flux/to-json.ts";
import { FLUX_CONTROLLERS, FLUX_VERSION, fluxInstallObjects } from "./flux-install.ts";

const vendor = fileURLToPath(new URL("../../vendor/flux/", import.meta.url));

describe("the vendored Flux manifests", () => {
  it("match the checksums recorded with their provenance", () => {
    const recorded = new Map(
      [...readFileSync(`${vendor}SOURCES.md`, "utf8").matchAll(/^\| `(v[^`]+)` \| \d+ \| `([0-9a-f]{64})` \|$/gm)].map((match) => [match[1], match[2]]),
    );
    const files = readdirSync(`${vendor}${FLUX_VERSION}`).map((file) => `${FLUX_VERSION}/${file}`).sort();
    expect([...recorded.keys()].sort()).toEqual(files);
    for (const file of files) {
      const actual = createHash("sha256").update(readFileSync(`${vendor}${file}`)).digest("hex");
      expect(actual, file).toBe(recorded.get(file));
    }
  });

  it("have a JSON form equal to the YAML (regenerate with `node vendor/flux/to-json.ts <version>`)", () => {
    const json = JSON.parse(readFileSync(`${vendor}${FLUX_VERSION}.json`, "utf8")) as unknown;
    expect(json).toEqual(parseVendoredManifests(FLUX_VERSION));
  });
});

describe("fluxInstallObjects", () => {
  it("installs the four default controllers in flux-system with images from ghcr.io/fluxcd", () => {
    const objects = fluxInstallObjects();
    const deployments = objects.filter((object) => object.kind === "Deployment") as unknown as {
      metadata: { name: string; namespace: string };
      spec: { template: { spec: { containers: { image: string }[] } } };
    }[];
    expect(deployments.map((deployment) => `${deployment.metadata.namespace}/${deployment.metadata.name} ${deployment.spec.template.spec.containers[0]!.image}`)).toEqual([
      "flux-system/source-controller ghcr.io/fluxcd/source-controller:v1.9.4",
      "flux-system/kustomize-controller ghcr.io/fluxcd/kustomize-controller:v1.9.4",
      "flux-system/helm-controller ghcr.io/fluxcd/helm-controller:v1.6.3",
      "flux-system/notification-controller ghcr.io/fluxcd/notification-controller:v1.9.3",
    ]);
    expect(objects[0]).toMatchObject({ kind: "Namespace", metadata: { name: "flux-system" } });
  });

  it("leaves cluster-scoped objects without a namespace and namespaces the rest", () => {
    for (const object of fluxInstallObjects({ controllers: FLUX_CONTROLLERS })) {
      const clusterScoped = ["CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Namespace"].includes(object.kind);
      expect(object.metadata?.namespace, describeObject(object)).toBe(clusterScoped ? undefined : "flux-system");
      expect(object.metadata?.labels?.["app.kubernetes.io/version"]).toBe("v2.9.4");
    }
  });

  it("adds the CRDs of the chosen controllers only", () => {
    const crds = (controllers: Parameters<typeof fluxInstallObjects>[0]) =>
      fluxInstallObjects(controllers)
        .filter((object) => object.kind === "CustomResourceDefinition")
        .map((object) => object.metadata?.name)
        .sort();
    expect(crds({})).not.toContain("imagepolicies.image.toolkit.fluxcd.io");
    expect(crds({ controllers: [...FLUX_CONTROLLERS] })).toContain("imagepolicies.image.toolkit.fluxcd.io");
    expect(crds({})).toContain("kustomizations.kustomize.toolkit.fluxcd.io");
  });

  it("takes another registry", () => {
    const images = fluxInstallObjects({ registry: "registry.example.com/mirror/fluxcd/" })
      .filter((object) => object.kind === "Deployment")
      .map((object) => (object as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec.containers[0]!.image);
    expect(images[0]).toBe("registry.example.com/mirror/fluxcd/source-controller:v1.9.4");
  });

  it("returns fresh copies each time", () => {
    const first = fluxInstallObjects();
    first[1]!.metadata!.name = "changed";
    expect(fluxInstallObjects()[1]!.metadata!.name).not.toBe("changed");
  });
});
