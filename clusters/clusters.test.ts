/**
 * The reference platform's clusters: their committed trees are exactly what
 * the definitions render (the golden test of each tree), and every folder
 * Flux builds builds with the pinned kustomize.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { checkProject, hasDrift, renderProject } from "@typed-gitops/lib";
import { buildTargets, buildWithKustomize, installTools } from "@typed-gitops/lib/tooling";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const rendered = await renderProject(root);

beforeAll(async () => {
  await installTools(root, { only: ["kustomize"] });
}, 1_800_000);

describe.each(rendered.trees.map((tree) => [tree.cluster, tree] as const))("cluster %s", (cluster, tree) => {
  it("is committed exactly as rendered", () => {
    const drift = checkProject({ ...rendered, trees: [tree], complete: false });
    expect(drift.reports.filter(hasDrift)).toEqual([]);
  });

  it("builds with kustomize at its root and at every Kustomization path", async () => {
    const manifests = [...tree.files]
      .filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml"))
      .map(([, text]) => parse(text) as Record<string, unknown>);
    const targets = buildTargets(cluster, manifests);
    expect(targets.length).toBeGreaterThan(1);
    const results = await buildWithKustomize(root, targets);
    expect(results.filter((result) => result.problem !== undefined).map((result) => result.problem)).toEqual([]);
    for (const result of results) expect(result.objects, result.target.folder).toBeGreaterThan(0);
  });
});
