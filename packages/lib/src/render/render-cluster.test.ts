import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { describe, expect, it } from "vitest";
import { isUserError, type UserError } from "../errors/user-error.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { defineKind } from "../resource/define-kind.ts";
import { renderCluster } from "./render-cluster.ts";

const Widget = defineKind<{ spec: { size: number; labels?: Record<string, string> } }>()({ apiVersion: "example.com/v1alpha1", kind: "Widget" });

function shop(): Record<string, ApiObject[]> {
  const labels = { "app.kubernetes.io/name": "shop" };
  return {
    "apps/shop": [
      new Service({ metadata: { name: "shop", namespace: "shop", labels }, spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] } }),
      new ConfigMap({
        metadata: { name: "shop", namespace: "shop" },
        data: { "feature-flags": "on", "settings.yaml": "greeting: hello\nretries: 3\n", empty: "", port: "8080", octal: "0755" },
      }),
      new Deployment({
        metadata: { name: "shop", namespace: "shop", labels, annotations: { "example.com/note": "yes: really" } },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: "shop",
                  image: "ghcr.io/example/shop:1.4.2",
                  args: ["--listen=:8080", "--verbose"],
                  ports: [{ name: "http", containerPort: 8080 }],
                  readinessProbe: { httpGet: { path: "/ready", port: "http" } },
                  livenessProbe: { httpGet: { path: "/live", port: "http" } },
                  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "128Mi" } },
                  securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                },
              ],
            },
          },
        },
      }),
      new Namespace({ metadata: { name: "shop" } }),
      new PodDisruptionBudget({ metadata: { name: "shop", namespace: "shop" }, spec: { minAvailable: 1, selector: { matchLabels: labels } } }),
      Widget({ metadata: { name: "front", namespace: "shop" }, spec: { size: 3 } }),
    ],
    "apps/policies": [
      new NetworkPolicy({ metadata: { name: "default-deny", namespace: "shop" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } }),
      new NetworkPolicy({ metadata: { name: "default-deny", namespace: "payments" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } }),
    ],
  };
}

function renderError(components: Record<string, ApiObject[]>, name = "test"): UserError {
  try {
    renderCluster({ name, components, preexisting: { namespaces: ["x"] } }, { source: `clusters/${name}` });
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error("expected the render to fail");
}

describe("renderCluster", () => {
  it("renders one file per object, a kustomization.yaml per folder, and matches the golden files", async () => {
    const tree = renderCluster({ name: "golden", components: shop(), preexisting: { namespaces: ["payments"] } }, { source: "clusters/golden" });
    expect([...tree.files.keys()]).toEqual([
      "apps/kustomization.yaml",
      "apps/policies/kustomization.yaml",
      "apps/policies/networkpolicy-payments-default-deny.yaml",
      "apps/policies/networkpolicy-shop-default-deny.yaml",
      "apps/shop/configmap-shop.yaml",
      "apps/shop/deployment-shop.yaml",
      "apps/shop/kustomization.yaml",
      "apps/shop/namespace-shop.yaml",
      "apps/shop/poddisruptionbudget-shop.yaml",
      "apps/shop/service-shop.yaml",
      "apps/shop/widget-front.yaml",
      "kustomization.yaml",
    ]);
    expect(tree.objectCount).toBe(8);
    for (const [path, content] of tree.files) {
      await expect(content).toMatchFileSnapshot(`__golden__/render-cluster/${path}`);
    }
  });

  it("gives the same bytes whatever the order of components and of objects within them", () => {
    const forward = renderCluster({ name: "golden", components: shop(), preexisting: { namespaces: ["payments"] } }, { source: "clusters/golden" });
    const entries = Object.entries(shop()).reverse().map(([folder, objects]) => [folder, [...objects].reverse()] as const);
    const backward = renderCluster({ name: "golden", components: Object.fromEntries(entries), preexisting: { namespaces: ["payments"] } }, { source: "clusters/golden" });
    expect([...backward.files]).toEqual([...forward.files]);
  });

  it("hands every file to onFile as soon as it is known, with the content of the tree", () => {
    const seen = new Map<string, string>();
    const tree = renderCluster(
      { name: "golden", components: shop(), preexisting: { namespaces: ["payments"] } },
      { source: "clusters/golden", onFile: (path, content) => {
        expect(seen.has(path)).toBe(false);
        seen.set(path, content);
      } },
    );
    expect(new Map([...seen].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(tree.files);
  });

  it("lists the files of a folder in install order: Namespace first, then by kind", () => {
    const tree = renderCluster({ name: "golden", components: shop(), preexisting: { namespaces: ["payments"] } }, { source: "clusters/golden" });
    expect(tree.files.get("apps/shop/kustomization.yaml")).toContain(
      "resources:\n  - namespace-shop.yaml\n  - configmap-shop.yaml\n  - service-shop.yaml\n  - deployment-shop.yaml\n  - poddisruptionbudget-shop.yaml\n  - widget-front.yaml\n",
    );
  });

  it.each([
    ["a path that climbs out", "../../etc", "is not a DNS-1123 subdomain"],
    ["an absolute path", "/etc/passwd", "is not a DNS-1123 subdomain"],
    ["an empty name", "", "metadata.name: must not be empty"],
    ["a name with a slash", "a/b", "is not a DNS-1123 subdomain"],
    ["a dot", ".", "is not a DNS-1123 subdomain"],
    ["two dots", "..", "is not a DNS-1123 subdomain"],
    ["full-width look-alike letters", "ｓｈｏｐ", "is not a DNS-1123 subdomain"],
    ["a Cyrillic look-alike letter", "shоp", "is not a DNS-1123 subdomain"],
    ["upper case", "Shop", "is not a DNS-1123 subdomain"],
    ["a NUL byte", "shop\u0000", "is not a DNS-1123 subdomain"],
    ["254 characters", "a".repeat(254), "must be at most 253 characters"],
  ])("rejects %s as an object name", (_case, name, message) => {
    const error = renderError({ "apps/x": [new ConfigMap({ metadata: { name, namespace: "x" } })] });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.where).toBe(`clusters/test: components["apps/x"]: ConfigMap x/${name}`);
    expect(error.problems[0]!.what).toContain(message);
  });

  it.each([
    ["a path that climbs out", "../x"],
    ["an absolute path", "/abs"],
    ["an empty segment", "apps//x"],
    ["a dot segment", "apps/./x"],
    ["an empty folder", ""],
    ["a backslash", "apps\\x"],
    ["a Cyrillic look-alike letter", "аpps/x"],
    ["a trailing slash", "apps/"],
  ])("rejects %s as a component folder", (_case, folder) => {
    const error = renderError({ [folder]: [new ConfigMap({ metadata: { name: "x", namespace: "x" } })] });
    expect(error.problems[0]!.where).toBe(`clusters/test: components[${JSON.stringify(folder)}]`);
    expect(error.problems[0]!.what).toMatch(/^invalid folder: /);
  });

  it("rejects a namespace that is not a DNS-1123 label and a Service name that is not a label", () => {
    const error = renderError({
      "apps/x": [new ConfigMap({ metadata: { name: "x", namespace: "a.b" } }), new Service({ metadata: { name: "web.v1", namespace: "x" } })],
    });
    expect(error.problems.map((problem) => problem.what)).toEqual([
      'metadata.namespace: "a.b" is not a DNS-1123 label: use lower-case letters, digits and \'-\', starting and ending with a letter or digit',
      'metadata.name: "web.v1" is not a DNS-1123 label: use lower-case letters, digits and \'-\', starting and ending with a letter or digit',
    ]);
  });

  it("reports every problem at once, each with where it is", () => {
    const error = renderError({
      "apps/a": [
        new ConfigMap({ metadata: { name: "same", namespace: "x" } }),
        new Deployment({ metadata: { name: "bad", namespace: "x" }, spec: { replicas: "two" as unknown as number, selector: {}, template: {} } }),
      ],
      "apps/b": [new ConfigMap({ metadata: { name: "same", namespace: "x" } })],
    });
    expect(error.problems.map((problem) => `${problem.where} | ${problem.what}`)).toEqual([
      'clusters/test: components["apps/a"]: Deployment x/bad | spec.replicas: must be integer',
      'clusters/test: components["apps/b"] | ConfigMap x/same is also defined in components["apps/a"]',
    ]);
  });

  it("skips schema validation with validate: false but still checks names", () => {
    const bad = new Deployment({ metadata: { name: "ok", namespace: "x" }, spec: { replicas: "two" as unknown as number, selector: {}, template: {} } });
    expect(() => renderCluster({ name: "t", components: { "apps/a": [bad] }, preexisting: { namespaces: ["x"] } }, { source: "clusters/t", validate: false })).not.toThrow();
    const badName = new ConfigMap({ metadata: { name: "Bad", namespace: "x" } });
    expect(() => renderCluster({ name: "t", components: { "apps/a": [badName] }, preexisting: { namespaces: ["x"] } }, { source: "clusters/t", validate: false })).toThrow(/not a DNS-1123 subdomain/);
  });

  it("rejects unknown cluster fields and a cluster name that is not a DNS-1123 label", () => {
    let caught: unknown;
    try {
      renderCluster({ name: "Prod", components: {}, replica: 1 }, { source: "clusters/Prod" });
    } catch (error) {
      caught = error;
    }
    expect(isUserError(caught)).toBe(true);
    expect((caught as UserError).problems.map((problem) => `${problem.where} | ${problem.what}`)).toEqual([
      'clusters/Prod: name | "Prod" is not a DNS-1123 label: use lower-case letters, digits and \'-\', starting and ending with a letter or digit',
      'clusters/Prod | unknown field "replica"',
    ]);
  });

  it("reports a value that has no YAML form with its field path", () => {
    const error = renderError({ "apps/a": [new ConfigMap({ metadata: { name: "x", namespace: "x" }, data: { ratio: Number.NaN as unknown as string } })] });
    expect(error.problems[0]!.what).toContain("data.ratio");
  });
});
