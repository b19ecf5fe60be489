import { describe, expect, it } from "vitest";
import type { ApiObject } from "../resource/api-object.ts";
import { checkGraph, type GraphInput } from "./check-graph.ts";
import type { IndexedObject } from "./object-index.ts";

const own = { kind: "GitRepository", namespace: "flux-system", name: "flux-system", url: "ssh://git@example.com/platform.git" };

function object(apiVersion: string, kind: string, namespace: string | undefined, name: string, spec?: Record<string, unknown>): ApiObject {
  return { apiVersion, kind, metadata: namespace === undefined ? { name } : { name, namespace }, ...(spec === undefined ? {} : { spec }) } as ApiObject;
}

const ks = (name: string, spec: Record<string, unknown>) => object("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", name, spec);
const namespaceFlux = object("v1", "Namespace", undefined, "flux-system");
const gitRepo = object("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "flux-system", { url: own.url });

/** A valid cluster: flux-system sync, two layers, a HelmRelease with its repository. */
function validEntries(): IndexedObject[] {
  return [
    { component: "flux-system", object: namespaceFlux },
    { component: "flux-system", object: gitRepo },
    { component: "flux-system", object: ks("infra-controllers", { path: "./generated/prod/infrastructure/controllers", sourceRef: { kind: "GitRepository", name: "flux-system" } }) },
    { component: "flux-system", object: ks("apps", { path: "./generated/prod/apps", sourceRef: { kind: "GitRepository", name: "flux-system" }, dependsOn: [{ name: "infra-controllers" }] }) },
    { component: "infrastructure/controllers/traefik", object: object("v1", "Namespace", undefined, "traefik") },
    { component: "infrastructure/controllers/traefik", object: object("source.toolkit.fluxcd.io/v1", "HelmRepository", "traefik", "traefik", { url: "https://traefik.github.io/charts" }) },
    {
      component: "infrastructure/controllers/traefik",
      object: object("helm.toolkit.fluxcd.io/v2", "HelmRelease", "traefik", "traefik", { chart: { spec: { chart: "traefik", version: "41.3.0", sourceRef: { kind: "HelmRepository", name: "traefik" } } } }),
    },
  ];
}

function input(entries: IndexedObject[], extra: Partial<GraphInput> = {}): GraphInput {
  return {
    source: "clusters/prod",
    cluster: "prod",
    entries,
    files: new Set(["kustomization.yaml", "flux-system/kustomization.yaml", "infrastructure/controllers/kustomization.yaml", "apps/kustomization.yaml"]),
    ownSource: own,
    ...extra,
  };
}

describe("checkGraph", () => {
  it("finds nothing wrong in a consistent cluster", () => {
    expect(checkGraph(input(validEntries()))).toEqual([]);
  });

  it.each([
    [
      "a Kustomization whose source does not exist",
      { component: "flux-system", object: ks("extra", { path: "./generated/prod/apps", sourceRef: { kind: "GitRepository", name: "other" } }) },
      'clusters/prod: components["flux-system"]: Kustomization flux-system/extra',
      "spec.sourceRef refers to GitRepository flux-system/other, which is not in cluster prod",
    ],
    [
      "a dependsOn on a missing Kustomization",
      { component: "flux-system", object: ks("extra", { path: "./generated/prod/apps", sourceRef: { kind: "GitRepository", name: "flux-system" }, dependsOn: [{ name: "infra-configs" }] }) },
      'clusters/prod: components["flux-system"]: Kustomization flux-system/extra',
      "spec.dependsOn[0] refers to Kustomization flux-system/infra-configs, which is not in cluster prod",
    ],
    [
      "a decryption key Secret that nobody creates",
      { component: "flux-system", object: ks("secrets", { path: "./generated/prod/apps", sourceRef: { kind: "GitRepository", name: "flux-system" }, decryption: { provider: "sops", secretRef: { name: "sops-age" } } }) },
      'clusters/prod: components["flux-system"]: Kustomization flux-system/secrets',
      "spec.decryption.secretRef refers to Secret flux-system/sops-age, which is not in cluster prod",
    ],
    [
      "a HelmRelease whose chart repository is missing",
      {
        component: "apps/web",
        object: object("helm.toolkit.fluxcd.io/v2", "HelmRelease", "traefik", "web", { chart: { spec: { chart: "web", version: "1.0.0", sourceRef: { kind: "HelmRepository", name: "charts" } } } }),
      },
      'clusters/prod: components["apps/web"]: HelmRelease traefik/web',
      "spec.chart.spec.sourceRef refers to HelmRepository traefik/charts, which is not in cluster prod",
    ],
    [
      "a HelmRelease chartRef to a missing OCIRepository",
      { component: "apps/web", object: object("helm.toolkit.fluxcd.io/v2", "HelmRelease", "traefik", "web", { chartRef: { kind: "OCIRepository", name: "web" } }) },
      'clusters/prod: components["apps/web"]: HelmRelease traefik/web',
      "spec.chartRef refers to OCIRepository traefik/web, which is not in cluster prod",
    ],
    [
      "valuesFrom a missing ConfigMap",
      {
        component: "apps/web",
        object: object("helm.toolkit.fluxcd.io/v2", "HelmRelease", "traefik", "web", {
          chart: { spec: { chart: "traefik", version: "1.0.0", sourceRef: { kind: "HelmRepository", name: "traefik" } } },
          valuesFrom: [{ kind: "ConfigMap", name: "web-values" }],
        }),
      },
      'clusters/prod: components["apps/web"]: HelmRelease traefik/web',
      "spec.valuesFrom[0] refers to ConfigMap traefik/web-values, which is not in cluster prod",
    ],
    [
      "a Kustomization path with no kustomization.yaml",
      { component: "flux-system", object: ks("extra", { path: "./generated/prod/infrastructure/configs", sourceRef: { kind: "GitRepository", name: "flux-system" } }) },
      'clusters/prod: components["flux-system"]: Kustomization flux-system/extra',
      'spec.path "./generated/prod/infrastructure/configs" has no kustomization.yaml in the rendered tree (no component renders to generated/prod/infrastructure/configs)',
    ],
    [
      "a Kustomization path outside the cluster's tree",
      { component: "flux-system", object: ks("extra", { path: "./generated/staging/apps", sourceRef: { kind: "GitRepository", name: "flux-system" } }) },
      'clusters/prod: components["flux-system"]: Kustomization flux-system/extra',
      'spec.path "./generated/staging/apps" is outside generated/prod/, the tree this cluster\'s source serves',
    ],
    [
      "an ExternalSecret whose store does not exist",
      { component: "infrastructure/controllers/traefik", object: object("external-secrets.io/v1", "ExternalSecret", "traefik", "dashboard", { secretStoreRef: { name: "vault", kind: "SecretStore" }, data: [{ secretKey: "a", remoteRef: { key: "b" } }] }) },
      'clusters/prod: components["infrastructure/controllers/traefik"]: ExternalSecret traefik/dashboard',
      "spec.secretStoreRef refers to SecretStore traefik/vault, which is not in cluster prod",
    ],
    [
      "an object in a namespace nobody creates",
      { component: "apps/web", object: object("v1", "ConfigMap", "web", "settings") },
      'clusters/prod: components["apps/web"]: ConfigMap web/settings',
      'namespace "web" is not created by any component of cluster prod',
    ],
  ])("reports %s, naming both ends", (_case, extra, where, what) => {
    const problems = checkGraph(input([...validEntries(), extra]));
    expect(problems.map((problem) => `${problem.where} | ${problem.what}`)).toEqual([`${where} | ${what}`]);
    expect(problems[0]!.hint).toBeDefined();
  });

  it("accepts optional valuesFrom, declared pre-existing objects and namespaces", () => {
    const entries = [
      ...validEntries(),
      { component: "flux-system", object: ks("secrets", { path: "./generated/prod/apps", sourceRef: { kind: "GitRepository", name: "flux-system" }, decryption: { provider: "sops", secretRef: { name: "sops-age" } } }) },
      { component: "apps/web", object: object("v1", "ConfigMap", "legacy", "settings") },
      {
        component: "apps/web",
        object: object("helm.toolkit.fluxcd.io/v2", "HelmRelease", "traefik", "web", {
          chart: { spec: { chart: "traefik", version: "1.0.0", sourceRef: { kind: "HelmRepository", name: "traefik" } } },
          valuesFrom: [{ kind: "Secret", name: "optional-values", optional: true }],
        }),
      },
    ];
    const problems = checkGraph(
      input(entries, {
        preexistingNamespaces: ["legacy"],
        preexistingObjects: [{ kind: "Secret", namespace: "flux-system", name: "sops-age", reason: "created once at bootstrap with kubectl" }],
      }),
    );
    expect(problems).toEqual([]);
  });

  it("reports a dependsOn cycle once, with every member and the components that made them", () => {
    const entries = [
      ...validEntries().filter((entry) => entry.object.kind !== "Kustomization"),
      { component: "flux-system", object: ks("a", { path: "./generated/prod/apps", sourceRef: { kind: "GitRepository", name: "flux-system" }, dependsOn: [{ name: "b" }] }) },
      { component: "flux-system", object: ks("b", { path: "./generated/prod/apps", sourceRef: { kind: "GitRepository", name: "flux-system" }, dependsOn: [{ name: "c" }] }) },
      { component: "apps/web", object: ks("c", { path: "./generated/prod/apps", sourceRef: { kind: "GitRepository", name: "flux-system" }, dependsOn: [{ name: "a" }] }) },
    ];
    const problems = checkGraph(input(entries));
    expect(problems.map((problem) => problem.what)).toEqual([
      'dependsOn forms a cycle: Kustomization flux-system/a → Kustomization flux-system/b → Kustomization flux-system/c → Kustomization flux-system/a (made by components["flux-system"], components["flux-system"], components["apps/web"])',
    ]);
  });

  it("checks the path of an Argo CD Application that uses this repository", () => {
    const app = object("argoproj.io/v1alpha1", "Application", "argocd", "apps", { project: "default", source: { repoURL: own.url, path: "generated/prod/missing" } });
    const project = object("argoproj.io/v1alpha1", "AppProject", "argocd", "default", {});
    const problems = checkGraph(
      input([...validEntries(), { component: "argocd", object: object("v1", "Namespace", undefined, "argocd") }, { component: "argocd", object: project }, { component: "argocd", object: app }]),
    );
    expect(problems.map((problem) => problem.what)).toEqual([
      'spec.source.path "generated/prod/missing" has no kustomization.yaml in the rendered tree (no component renders to generated/prod/missing)',
    ]);
  });
});
