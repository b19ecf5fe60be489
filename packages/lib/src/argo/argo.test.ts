import { describe, expect, it } from "vitest";
import { isUserError } from "../errors/user-error.ts";
import { emitDocument } from "../render/yaml-emit.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { argoAppProject } from "./app-project.ts";
import { argoApplication } from "./application.ts";

const REPO = "https://github.com/acme/platform.git";

/** Each builder with its minimal props (`default`) and a rich set (`rich`), by the golden file's name. */
const builds: readonly { readonly file: string; readonly build: () => ApiObject & { validate(): void } }[] = [
  { file: "app-project.default", build: () => argoAppProject({ name: "platform", sourceRepos: [REPO], destinations: [{ namespace: "*" }] }) },
  {
    file: "app-project.rich",
    build: () =>
      argoAppProject({
        name: "team-a",
        namespace: "gitops",
        sourceRepos: ["https://github.com/acme/*"],
        destinations: [
          { server: "https://kubernetes.default.svc", namespace: "team-a-*" },
          { server: "https://prod.k8s.example.com:6443", namespace: "team-a" },
        ],
        clusterResourceWhitelist: [
          { group: "", kind: "Namespace" },
          { group: "rbac.authorization.k8s.io", kind: "ClusterRole" },
        ],
      }),
  },
  {
    file: "application.default",
    build: () => argoApplication({ name: "apps", source: { repoURL: REPO, targetRevision: "main", path: "generated/production/apps" } }),
  },
  {
    file: "application.rich",
    build: () =>
      argoApplication({
        name: "infra-controllers",
        namespace: "gitops",
        project: "platform",
        source: { repoURL: "git@github.com:acme/platform.git", targetRevision: "v1.4.0", path: "generated/production/infra/controllers" },
        destination: { server: "https://prod.k8s.example.com:6443", namespace: "infra" },
        syncWave: -1,
        syncPolicy: { automated: { prune: false, selfHeal: true } },
        syncOptions: ["CreateNamespace=true", "ServerSideApply=true"],
        finalizer: false,
      }),
  },
];

describe("Argo CD builders", () => {
  it.each(builds)("$file renders as its golden file", async ({ file, build }) => {
    await expect(emitDocument(build() as unknown as Record<string, unknown>)).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it.each(builds)("$file passes its model's schema validation", ({ build }) => {
    expect(() => build().validate()).not.toThrow();
  });

  it.each([
    { wave: 0, annotation: "0" },
    { wave: -5, annotation: "-5" },
    { wave: 12, annotation: "12" },
  ])("writes sync wave $wave as the annotation string $annotation", ({ wave, annotation }) => {
    const app = argoApplication({ name: "apps", source: { repoURL: REPO, targetRevision: "main", path: "apps" }, syncWave: wave });
    expect(app.metadata.annotations).toEqual({ "argocd.argoproj.io/sync-wave": annotation });
  });
});

const invalid: readonly { readonly label: string; readonly build: () => unknown; readonly message: string }[] = [
  {
    label: "an unknown field",
    build: () => argoApplication({ name: "apps", source: { repoURL: REPO, targetRevision: "main", path: "apps" }, autoSync: true } as never),
    message: `argoApplication "apps": unknown field "autoSync"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a missing source revision and a path that leaves the repository",
    build: () => argoApplication({ name: "apps", source: { repoURL: REPO, path: "../secrets" } as never }),
    message: [
      `argoApplication "apps": source.targetRevision: is required`,
      `argoApplication "apps": source.path: "../secrets" must be relative to the repository root, with no ".." segments`,
    ].join("\n"),
  },
  {
    label: "a sync wave that is not an integer and a malformed sync option",
    build: () => argoApplication({ name: "apps", source: { repoURL: REPO, targetRevision: "main", path: "apps" }, syncWave: 1.5, syncOptions: ["CreateNamespace"] }),
    message: [
      `argoApplication "apps": syncWave: Invalid input: expected int, received number`,
      `argoApplication "apps": syncOptions[0]: expected a sync option Name=value, e.g. CreateNamespace=true`,
    ].join("\n"),
  },
  {
    label: "a project without repositories or destinations",
    build: () => argoAppProject({ name: "platform", sourceRepos: [], destinations: [] }),
    message: [
      `argoAppProject "platform": sourceRepos: give at least one repository (or * for any)`,
      `argoAppProject "platform": destinations: give at least one destination`,
    ].join("\n"),
  },
  {
    label: "a destination server that is not a URL",
    build: () => argoAppProject({ name: "platform", sourceRepos: ["*"], destinations: [{ server: "in-cluster", namespace: "*" }] }),
    message: `argoAppProject "platform": destinations[0].server: expected the API server's URL, e.g. https://kubernetes.default.svc`,
  },
];

describe("Argo CD builders reject bad input", () => {
  it.each(invalid)("rejects $label with every problem named", ({ build, message }) => {
    let thrown: unknown;
    try {
      build();
    } catch (error) {
      thrown = error;
    }
    expect(isUserError(thrown)).toBe(true);
    expect((thrown as Error).message).toBe(message);
  });
});
