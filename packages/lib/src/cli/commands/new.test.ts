/**
 * `typed-gitops new` in a copy of the reference platform: an app and an
 * infrastructure component scaffolded and registered render, pass the
 * drift check, validation (schemas, policies, kustomize), the type check
 * and their own scaffolded tests straight away; taken or invalid names are
 * refused before anything is written.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchemaStore, schemaStorePath } from "../../schemas/build-store.ts";
import { UPSTREAM_MIRROR } from "../../schemas/test-support.ts";
import { installTools } from "../../tools/install-tools.ts";
import { copyPlatform, REPOSITORY, type PlatformCopy } from "../../../test/cli-fixtures.ts";

let platform: PlatformCopy;
const definitions = () => ["production", "staging"].map((cluster) => readFileSync(join(platform.root, `clusters/${cluster}/cluster.ts`), "utf8"));

beforeAll(async () => {
  await installTools(REPOSITORY, { only: ["kubeconform", "kustomize"] });
  platform = copyPlatform();
  // The copy's .tools is the repository's: build the store there if this state of the sources has none yet.
  if (!existsSync(schemaStorePath(platform.root))) await buildSchemaStore({ root: platform.root, mirror: UPSTREAM_MIRROR });
}, 1_800_000);

afterAll(() => platform?.remove());

describe("new", () => {
  it("scaffolds an app, its test and golden file, and registers it in every cluster", () => {
    const result = platform.cli(["new", "app", "web-shop"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "created    apps/web-shop/web-shop.ts",
        "created    apps/web-shop/web-shop.test.ts",
        "created    apps/web-shop/__golden__/web-shop.default.yaml",
        'registered "apps/web-shop": webShop() in clusters/production/cluster.ts',
        'registered "apps/web-shop": webShop() in clusters/staging/cluster.ts',
        "",
        "Next: set the image, port and health path in apps/web-shop/web-shop.ts, then",
        "  pnpm gen && pnpm validate && pnpm exec vitest run apps/web-shop",
        "",
      ].join("\n"),
    );
    for (const text of definitions()) {
      expect(text).toContain('\nimport { webShop } from "../../apps/web-shop/web-shop.ts";\n');
      expect(text).toMatch(/\n {4}"apps\/web-shop": webShop\(\),\n {2}\},\n/);
    }
  });

  it("scaffolds an infrastructure component into the layer and cluster asked for", () => {
    const result = platform.cli(["new", "component", "cert-manager", "--layer", "controllers", "--cluster", "staging"]);
    expect(result.status).toBe(0);
    const [production, staging] = definitions();
    expect(staging).toContain('"infrastructure/controllers/cert-manager": certManager(),');
    expect(production).not.toContain("certManager");
    expect(readFileSync(join(platform.root, "infrastructure/cert-manager/cert-manager.ts"), "utf8")).toMatch(/\/\/ renovate: datasource=helm depName=podinfo registryUrl=\S+\nexport const CERT_MANAGER_CHART_VERSION = "6\.9\.2";/);
  });

  it("renders, passes the drift check and validation straight away", () => {
    const gen = platform.cli(["gen"]);
    expect(gen.stderr).toBe("");
    expect(gen.status).toBe(0);
    expect(platform.cli(["gen", "--check"]).status).toBe(0);
    expect(platform.cli(["check", "--no-cache"]).status).toBe(0);
    const validate = platform.cli(["validate"]);
    expect(validate.stderr).toBe("");
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/^production: valid/m);
    expect(validate.stdout).toMatch(/^staging: valid/m);
    expect(readFileSync(join(platform.root, "generated/staging/ARCHITECTURE.md"), "utf8")).toContain('("cert-manager<br/>3 objects")');
  });

  it("passes the type check and its own scaffolded tests, golden files included, as CI runs them", () => {
    const tsc = spawnSync(join(REPOSITORY, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: platform.root, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
    const vitest = spawnSync(join(REPOSITORY, "node_modules/.bin/vitest"), ["run", "apps/web-shop", "infrastructure/cert-manager"], { cwd: platform.root, encoding: "utf8", env: { ...process.env, CI: "true" } });
    expect(vitest.stdout).toContain("vitest: 6 passed, 0 failed, 0 skipped");
    expect(vitest.status).toBe(0);
  });

  it("refuses a name that is taken, and writes nothing", () => {
    const before = definitions();
    const result = platform.cli(["new", "app", "web-shop"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('apps/web-shop: already exists: there is an app named "web-shop"\n  hint: choose another name, or edit the existing one\n\n1 problem found.\n');
    const podinfo = platform.cli(["new", "app", "podinfo", "--cluster", "production"]);
    expect(podinfo.status).toBe(1);
    expect(definitions()).toEqual(before);
  });

  it("refuses an invalid name and an unknown cluster before writing anything", () => {
    const invalid = platform.cli(["new", "app", "Web_Shop"]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('new app Web_Shop: "Web_Shop" is not a DNS-1123 label');
    const unknown = platform.cli(["new", "app", "shop", "--cluster", "qa"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('--cluster: no cluster named "qa"\n  hint: known clusters: production, staging');
    expect(existsSync(join(platform.root, "apps/shop"))).toBe(false);
  });

  it("answers usage mistakes with exit code 2", () => {
    expect(platform.cli(["new", "app"]).status).toBe(2);
    expect(platform.cli(["new", "app", "x", "--layer", "configs"]).status).toBe(2);
    expect(platform.cli(["new", "component", "x", "--layer", "apps"]).status).toBe(2);
  });
});
