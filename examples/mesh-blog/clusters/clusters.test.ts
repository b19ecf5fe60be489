/**
 * The committed tree of every cluster is its golden file: it must be exactly
 * what the definitions render, and every folder Flux reconciles must build
 * with the pinned kustomize into a non-empty set of objects.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { checkProject, hasDrift, renderProject } from "@typed-gitops/lib";
import { buildTargets, buildWithKustomize, installTools } from "@typed-gitops/lib/tooling";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const project = await renderProject(root);

beforeAll(async () => {
  await installTools(root, { only: ["kustomize"] });
});

describe.each(project.trees.map((tree) => [tree.cluster, tree] as const))("cluster %s", (cluster, tree) => {
  it("is committed under generated/ exactly as the definitions render it", () => {
    const drift = checkProject({ ...project, trees: [tree], complete: false });
    expect(drift.reports.filter(hasDrift)).toEqual([]);
  });

  it("builds with kustomize at its root and at the path of every Flux Kustomization", async () => {
    const documents = [...tree.files].filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml")).map(([, text]) => parse(text) as Record<string, unknown>);
    const targets = buildTargets(cluster, documents);
    expect(targets.map((target) => target.folder)).toEqual(expect.arrayContaining([`generated/${cluster}/infrastructure/controllers`, `generated/${cluster}/infrastructure/configs`, `generated/${cluster}/apps`]));
    const results = await buildWithKustomize(root, targets);
    expect(results.filter((result) => result.problem !== undefined).map((result) => result.problem)).toEqual([]);
    for (const result of results) expect(result.objects, result.target.folder).toBeGreaterThan(0);
  });
});
