/**
 * Every example project under `examples/` (each `examples/<name>/` with
 * `clusters/<cluster>/cluster.ts` and a committed `generated/<cluster>/`),
 * on a stack of its own: its committed tree reconciled, then a change to its
 * definition (see project-suite.ts). New examples are picked up without
 * changing this file.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { REPOSITORY_ROOT } from "../src/paths.ts";
import { projectSuite } from "./project-suite.ts";

interface Example {
  readonly name: string;
  readonly root: string;
  readonly cluster: string;
  /** Why it cannot run here, when it cannot. */
  readonly skip?: string;
}

function discoverExamples(): Example[] {
  const dir = join(REPOSITORY_ROOT, "examples");
  if (!existsSync(dir)) return [];
  const examples: Example[] = [];
  for (const name of readdirSync(dir).sort()) {
    const clusters = join(dir, name, "clusters");
    if (!existsSync(clusters)) continue;
    for (const cluster of readdirSync(clusters).sort()) {
      if (!existsSync(join(clusters, cluster, "cluster.ts"))) continue;
      const root = join(dir, name);
      const tree = join(root, "generated", cluster);
      const skip = !existsSync(tree)
        ? `generated/${cluster} is not committed (run \`pnpm gen\` in examples/${name})`
        : !existsSync(join(tree, "flux-system", "kustomization-flux-system.yaml"))
          ? "not a Flux tree synced from manifests (Argo CD, or Flux installed by the operator): the harness runs kustomize-controller only"
          : undefined;
      examples.push({ name, root, cluster, ...(skip === undefined ? {} : { skip }) });
    }
  }
  return examples;
}

const examples = discoverExamples();

if (examples.length === 0) {
  describe("the example projects", () => {
    it.skip("has no example project yet (examples/<name>/clusters/<cluster>/cluster.ts)", () => {});
  });
}
for (const example of examples) {
  const title = `examples/${example.name}, cluster ${example.cluster}`;
  if (example.skip === undefined) {
    projectSuite({ title, label: `example-${example.name}-${example.cluster}`, root: example.root, cluster: example.cluster });
  } else {
    describe(title, () => {
      it.skip(`is not tested: ${example.skip}`, () => {});
    });
  }
}
