/**
 * `validate` on a committed tree broken on purpose in every way it must
 * catch, through the real CLI, the pinned kubeconform and kustomize and the
 * schema store built from the offline mirror.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, LIB_URL, modelUrl, type Project } from "../../../test/project-fixture.ts";
import { buildSchemaStore, schemaStorePath } from "../../schemas/build-store.ts";
import { installTools } from "../../tools/install-tools.ts";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "..");
const mirror = join(repoRoot, "..", "shared", "upstream");

let project: Project;
let output: { status: number | null; stdout: string; stderr: string };

const secure = `{
  readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
  livenessProbe: { httpGet: { path: "/live", port: 8080 } },
  resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { memory: "32Mi" } },
  securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
}`;

function cluster(): string {
  return `import { defineCluster, defineKind } from ${JSON.stringify(LIB_URL)};
import { Namespace } from ${JSON.stringify(modelUrl("v1/Namespace"))};
import { ConfigMap } from ${JSON.stringify(modelUrl("v1/ConfigMap"))};
import { Deployment } from ${JSON.stringify(modelUrl("apps/v1/Deployment"))};
import { Ingress } from ${JSON.stringify(modelUrl("networking.k8s.io/v1/Ingress"))};
const secure = ${secure};
const labels = { app: "web" };
const workload = (name: string, container: Record<string, unknown>, replicas = 1) =>
  new Deployment({ metadata: { name, namespace: "web" }, spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "example.com/web:1.0.0", ...secure, ...container }] } } } });
const Widget = defineKind<{ spec: { size: number } }>()({ apiVersion: "example.com/v1", kind: "Widget" });
export default defineCluster({
  name: "broken",
  validation: { allowMissingSchemas: [{ apiVersion: "example.com/v1", kind: "Widget", reason: "a vendor CRD whose schema is not pinned yet" }] },
  gitops: { engine: "flux", repository: { url: "https://git.example.com/platform.git" } },
  components: {
    "apps/web": [
      new Namespace({ metadata: { name: "web" } }),
      new ConfigMap({ metadata: { name: "settings", namespace: "web" }, data: { a: "b" } }),
      new ConfigMap({ metadata: { name: "plain", namespace: "web" }, data: { password: "hunter2" } }),
      workload("latest", { image: "example.com/web:latest" }),
      workload("no-resources", { resources: {} }),
      workload("no-probes", { readinessProbe: undefined, livenessProbe: undefined }),
      workload("root", { securityContext: { runAsNonRoot: true } }),
      workload("replicated", {}, 3),
      Widget({ metadata: { name: "w", namespace: "web" }, spec: { size: 1 } }),
      new Ingress({ metadata: { name: "one", namespace: "web" }, spec: { rules: [{ host: "web.example.com" }] } }),
      new Ingress({ metadata: { name: "two", namespace: "web" }, spec: { rules: [{ host: "web.example.com" }] } }),
    ],
  },
});
`;
}

function edit(path: string, change: (text: string) => string): void {
  const file = join(project.root, "generated", "broken", path);
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

beforeAll(async () => {
  if (!existsSync(mirror)) throw new Error(`validate's tests need the offline mirror of upstream schemas at ${mirror}`);
  await installTools(repoRoot, { only: ["kubeconform", "kustomize"] });
  if (!existsSync(schemaStorePath(repoRoot))) await buildSchemaStore({ root: repoRoot, mirror });
  project = createProject();
  symlinkSync(join(repoRoot, ".tools"), join(project.root, ".tools"));
  symlinkSync(join(repoRoot, "schemas"), join(project.root, "schemas"));
  project.write("clusters/broken/cluster.ts", cluster());
  const generated = project.cli(["gen", "--no-validate"]);
  expect(generated.stderr).toBe("");
  // Hand edits the definitions cannot express: what validation must still catch.
  edit("apps/web/configmap-settings.yaml", (text) => `${text}unknownField: true\n`);
  // gen never writes a plaintext Secret (its secret scan refuses), so one can only arrive by hand.
  edit("apps/web/configmap-plain.yaml", (text) => text.replace("kind: ConfigMap", "kind: Secret").replace("\ndata:", "\nstringData:"));
  edit("apps/web/deployment-no-probes.yaml", (text) => text.replace("replicas: 1", 'replicas: "one"'));
  edit("apps/web/namespace-web.yaml", (text) => text.replace("apiVersion: v1", "apiVersion: v2"));
  edit("flux-system/kustomization-apps.yaml", (text) => text.replace("  wait: true\n", "  wait: true\n  waitForever: true\n"));
  edit("apps/kustomization.yaml", (text) => `${text}  - missing-folder\n`);
  edit("flux-system/kustomization-flux-system.yaml", (text) => text.replace("spec:\n", "spec:\n  kubeConfig: {}\n"));
  output = project.cli(["validate"]);
}, 1_800_000);

afterAll(() => project?.remove());

describe("validate on a broken tree", () => {
  it("exits 1", () => {
    expect(output.status, output.stderr).toBe(1);
  });

  it.each([
    ["an unknown field in a core kind", "generated/broken/apps/web/configmap-settings.yaml: ConfigMap web/settings: additional properties 'unknownField' not allowed [kubeconform]"],
    ["an unknown field in a CRD kind", "generated/broken/flux-system/kustomization-apps.yaml: Kustomization flux-system/apps: spec: additional properties 'waitForever' not allowed [kubeconform]"],
    ["a wrong type", 'generated/broken/apps/web/deployment-no-probes.yaml: Deployment web/no-probes: spec.replicas: got string, want null or integer [kubeconform]'],
    ["a wrong apiVersion", "generated/broken/apps/web/namespace-web.yaml: Namespace web: no schema for v2 Namespace in the pinned store or the tree's CRDs [kubeconform]"],
    ["a plaintext Secret", 'clusters/broken: components["apps/web"]: Secret web/plain: is a Secret without SOPS encryption (no sops.mac) [policy no-plaintext-secret]'],
    ["the latest tag", 'clusters/broken: components["apps/web"]: Deployment web/latest: spec.template.spec.containers[0].image: image "example.com/web:latest" uses the tag latest; pin a version [policy pinned-images]'],
    ["missing resources", 'clusters/broken: components["apps/web"]: Deployment web/no-resources: spec.template.spec.containers[0].resources: sets no requests.cpu, requests.memory, limits.memory [policy resources]'],
    ["missing probes", 'clusters/broken: components["apps/web"]: Deployment web/no-probes: spec.template.spec.containers[0]: has no readinessProbe or livenessProbe [policy probes]'],
    ["a permissive security context", 'clusters/broken: components["apps/web"]: Deployment web/root: spec.template.spec.containers[0].securityContext: needs allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities.drop: ["ALL"] [policy security-context]'],
    ["replicas without a PDB", 'clusters/broken: components["apps/web"]: Deployment web/replicated: spec.replicas: runs 3 replicas but no PodDisruptionBudget in web selects its pods [policy pod-disruption-budget]'],
    ["an app namespace without default deny", "namespace web has no default-deny ingress NetworkPolicy [policy default-deny]"],
    ["a host routed twice", 'clusters/broken: components["apps/web"]: Ingress web/two: spec.rules[0].host: host web.example.com is already routed by Ingress web/one (components["apps/web"]) [policy unique-hosts]'],
    ["a CEL rule of a CRD", "generated/broken/flux-system/kustomization-flux-system.yaml: Kustomization flux-system/flux-system: spec.kubeConfig: exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified [CEL]"],
    ["a broken kustomization", "generated/broken/apps (built by Kustomization flux-system/apps): kustomize build failed:"],
  ])("reports %s", (_case, message) => {
    expect(output.stderr).toContain(message);
  });

  it("accepts a kind without a schema only when the cluster allows it, with the reason shown", () => {
    expect(output.stderr).toContain("  no schema, allowed: generated/broken/apps/web/widget-w.yaml (a vendor CRD whose schema is not pinned yet)\n");
    expect(output.stderr).not.toContain("no schema for example.com/v1 Widget");
  });

  it("points policy findings at the TypeScript that declared the object", () => {
    expect(output.stderr).toMatch(/Deployment web\/latest: [^\n]*\[policy pinned-images\]\n {2}declared at: clusters\/broken\/cluster\.ts:\d+:\d+/);
  });

  it("says the committed tree no longer matches the definitions", () => {
    expect(output.stderr).toContain("generated/broken: does not match the definitions; what is validated here is the committed tree");
  });

  it("reports the same findings as JSON", () => {
    const json = project.cli(["validate", "--json"]);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { valid: boolean; clusters: { problems: { what: string }[] }[] };
    expect(report.valid).toBe(false);
    expect(report.clusters[0]!.problems.map((problem) => problem.what)).toContain("spec.replicas: got string, want null or integer [kubeconform]");
  });
});
