/**
 * Whole trees for each GitOps engine, rendered by the real CLI and built
 * with the pinned kustomize at every path the engine will build.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, gitopsCluster, type Project } from "../../test/project-fixture.ts";
import { installTools } from "../tools/install-tools.ts";
import { buildTargets, buildWithKustomize } from "../validate/kustomize-build.ts";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

let project: Project;

beforeAll(async () => {
  await installTools(repoRoot, { only: ["kustomize"] });
  project = createProject();
  project.write("clusters/flux-cluster/cluster.ts", gitopsCluster("flux-cluster", "flux", 2));
  project.write("clusters/argo-cluster/cluster.ts", gitopsCluster("argo-cluster", "argocd", 2));
  const result = project.cli(["gen"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}, 1_800_000);

afterAll(() => project.remove());

function manifests(cluster: string): Record<string, unknown>[] {
  return [...project.tree(cluster)].filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml")).map(([, text]) => parse(text) as Record<string, unknown>);
}

function fileOf(cluster: string, path: string): Record<string, unknown> {
  return parse(readFileSync(join(project.root, "generated", cluster, path), "utf8")) as Record<string, unknown>;
}

describe("a Flux cluster", () => {
  it("lists only flux-system in its root, so each layer is applied by its own Kustomization", () => {
    expect(fileOf("flux-cluster", "kustomization.yaml")).toMatchObject({ resources: ["flux-system"] });
  });

  it("chains the layers with dependsOn: controllers, then configs, then apps", () => {
    const chain = ["infra-controllers", "infra-configs", "apps"].map((name) => fileOf("flux-cluster", `flux-system/kustomization-${name}.yaml`));
    expect(chain.map((ks) => [(ks.metadata as { name: string }).name, (ks.spec as { path: string }).path, (ks.spec as { dependsOn?: unknown }).dependsOn])).toEqual([
      ["infra-controllers", "./generated/flux-cluster/infrastructure/controllers", undefined],
      ["infra-configs", "./generated/flux-cluster/infrastructure/configs", [{ name: "infra-controllers" }]],
      ["apps", "./generated/flux-cluster/apps", [{ name: "infra-configs" }]],
    ]);
  });

  it("syncs itself: a GitRepository for this repository and a root Kustomization at ./generated/<cluster>", () => {
    expect(fileOf("flux-cluster", "flux-system/gitrepository-flux-system.yaml")).toMatchObject({ spec: { url: "https://git.example.com/platform.git", ref: { branch: "main" } } });
    expect(fileOf("flux-cluster", "flux-system/kustomization-flux-system.yaml")).toMatchObject({ spec: { path: "./generated/flux-cluster", prune: true } });
  });

  it("builds with kustomize at the root and at every Kustomization path", async () => {
    const targets = buildTargets("flux-cluster", manifests("flux-cluster"));
    expect(targets.map((target) => target.folder)).toEqual([
      "generated/flux-cluster",
      "generated/flux-cluster/apps",
      "generated/flux-cluster/infrastructure/configs",
      "generated/flux-cluster/infrastructure/controllers",
    ]);
    const results = await buildWithKustomize(project.root, targets, { toolsRoot: repoRoot });
    expect(results.map((result) => result.problem)).toEqual([undefined, undefined, undefined, undefined]);
    expect(results.map((result) => result.objects)).toEqual([expect.any(Number), 4, 1, 2]);
  });
});

describe("an Argo CD cluster", () => {
  it("has an app-of-apps whose sync waves follow the layer order", () => {
    const waves = ["root", "infra-controllers", "infra-configs", "apps"].map((name) => {
      const app = fileOf("argo-cluster", `argocd/application-${name}.yaml`) as { metadata: { annotations: Record<string, string> }; spec: { source: { path: string } } };
      return [name, app.metadata.annotations["argocd.argoproj.io/sync-wave"], app.spec.source.path];
    });
    expect(waves).toEqual([
      ["root", "0", "generated/argo-cluster/argocd"],
      ["infra-controllers", "1", "generated/argo-cluster/infrastructure/controllers"],
      ["infra-configs", "2", "generated/argo-cluster/infrastructure/configs"],
      ["apps", "3", "generated/argo-cluster/apps"],
    ]);
  });

  it("builds with kustomize at the root and at every Application path", async () => {
    const targets = buildTargets("argo-cluster", manifests("argo-cluster"));
    expect(targets.map((target) => target.folder)).toEqual([
      "generated/argo-cluster",
      "generated/argo-cluster/apps",
      "generated/argo-cluster/argocd",
      "generated/argo-cluster/infrastructure/configs",
      "generated/argo-cluster/infrastructure/controllers",
    ]);
    const results = await buildWithKustomize(project.root, targets, { toolsRoot: repoRoot });
    expect(results.filter((result) => result.problem !== undefined)).toEqual([]);
  });
});

describe("kustomize builds", () => {
  it("fail, naming the folder and who builds it, when a folder is broken", async () => {
    project.write("generated/flux-cluster/apps/app-0/kustomization.yaml", "resources:\n  - missing.yaml\n");
    const results = await buildWithKustomize(project.root, buildTargets("flux-cluster", manifests("flux-cluster")), { toolsRoot: repoRoot });
    const failed = results.filter((result) => result.problem !== undefined);
    expect(failed.map((result) => result.problem!.where)).toEqual([
      "generated/flux-cluster/apps (built by Kustomization flux-system/apps)",
    ]);
    expect(failed[0]!.problem!.what).toMatch(/^kustomize build failed: .*missing\.yaml/);
  });
});
