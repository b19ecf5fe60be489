import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discoverClusters } from "../cluster/load-clusters.ts";
import { affectedClusters, clusterInputs } from "./affected.ts";

const root = mkdtempSync(join(tmpdir(), "typed-gitops-affected-"));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

write("apps/shop/shop.ts", `import { helper } from "../lib/helper.ts";\nexport const shop = () => helper();\n`);
write("apps/lib/helper.ts", `export const helper = () => [];\n`);
write("apps/unused/unused.ts", `export const unused = 1;\n`);
write("clusters/production/cluster.ts", `import { shop } from "../../apps/shop/shop.ts";\nimport { defineCluster } from "@typed-gitops/lib";\nconst tags = new URL("./images.yaml", import.meta.url);\nexport default { name: "production", components: { "apps/shop": shop() } };\n`);
write("clusters/staging/cluster.ts", `export default { name: "staging", components: {} };\n`);

describe("affectedClusters", () => {
  const inputs = clusterInputs(discoverClusters(root));
  const affected = (...paths: string[]) => affectedClusters(root, inputs, paths.map((path) => join(root, path)));

  it("follows relative imports, however deep", () => {
    expect(affected("apps/lib/helper.ts")).toEqual(["production"]);
  });

  it("counts data files read with new URL(…, import.meta.url), and any file in the cluster's folder", () => {
    expect(affected("clusters/production/images.yaml")).toEqual(["production"]);
    expect(affected("clusters/staging/secrets/new.sops.yaml")).toEqual(["staging"]);
  });

  it("renders every cluster for a change in a workspace package's sources", () => {
    expect(affected("packages/lib/src/render/yaml-emit.ts")).toEqual(["production", "staging"]);
  });

  it("renders nothing for a file no cluster reaches", () => {
    expect(affected("apps/unused/unused.ts")).toEqual([]);
  });
});
