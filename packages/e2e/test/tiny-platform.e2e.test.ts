/**
 * The tiny-platform fixture (packages/e2e/fixtures/tiny-platform): a
 * project of its own, with a throwaway age key, reconciled by Flux's
 * kustomize-controller on a real API server, then changed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2EHarness, passed, type RevisionReport } from "../src/harness.ts";
import { renderCluster } from "../src/project/copy-project.ts";
import { FIXTURE_TOKEN, prepareTinyPlatform, type PreparedProject } from "../src/project/fixtures.ts";
import { explain, logTimings, makeRunDir } from "./support.ts";

const run = makeRunDir("tiny-platform");
let harness: E2EHarness;
let project: PreparedProject;
let first: RevisionReport;

beforeAll(async () => {
  project = await prepareTinyPlatform(join(run.dir, "project"));
  harness = await E2EHarness.start({ cluster: project.cluster, runDir: join(run.dir, "run"), ageKeyFile: project.ageKeyFile });
});

afterAll(async () => {
  await harness?.stop();
  run.remove();
});

describe("the tiny-platform fixture project", () => {
  it("reconciles its tree, decrypting its SOPS Secret with the cluster's age key", async () => {
    first = await harness.reconcile(project.root);
    logTimings("tiny-platform", harness, first);
    expect(passed(first), explain(harness, first)).toBe(true);
    expect(first.outcome.states.map((state) => state.id).sort()).toEqual(["flux-system/apps", "flux-system/flux-system", "flux-system/infra-configs", "flux-system/infra-controllers"]);
    const secret = await harness.client.get("v1", "Secret", "hello-token", "hello");
    expect(Buffer.from(String((secret?.data as Record<string, string>).token), "base64").toString("utf8")).toBe(FIXTURE_TOKEN);
    const gateway = await harness.client.get("gateway.networking.k8s.io/v1", "Gateway", "public", "gateway");
    expect((gateway?.spec as { gatewayClassName: string }).gatewayClassName).toBe("e2e");
  });

  it("prunes a removed app and updates changed values after the definitions change", async () => {
    expect(first, "the first revision must have run").toBeDefined();
    const definition = join(project.root, "clusters", project.cluster, "cluster.ts");
    const text = readFileSync(definition, "utf8");
    writeFileSync(
      definition,
      text
        .replace(/ {4}"apps\/echo": echo\(\),\n/, "")
        .replace('import { echo } from "../../apps/echo/echo.ts";\n', "")
        .replace("replicas: 2,", "replicas: 3,")
        .replace('greeting: "hello from the fixture"', 'greeting: "changed by the e2e test"'),
    );
    await renderCluster(project.root, project.cluster);

    const second = await harness.reconcile(project.root);
    logTimings("tiny-platform update", harness, second);
    expect(passed(second), explain(harness, second)).toBe(true);
    const deployment = await harness.client.get("apps/v1", "Deployment", "hello", "hello");
    expect((deployment?.spec as { replicas: number }).replicas).toBe(3);
    const config = await harness.client.get("v1", "ConfigMap", "hello", "hello");
    expect((config?.data as Record<string, string>).GREETING).toBe("changed by the e2e test");
    expect(await harness.client.get("v1", "ConfigMap", "echo", "echo")).toBeUndefined();
    // no namespace controller runs: the Namespace is deleted (Terminating) but never finalized
    const namespace = await harness.client.get("v1", "Namespace", "echo");
    expect(namespace === undefined || namespace.metadata.deletionTimestamp !== undefined).toBe(true);
  });
});
