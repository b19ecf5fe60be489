/**
 * The architecture page: pinned by a golden file for a cluster that uses
 * every kind the page draws (routes of each flavour, a tunnel, a load
 * balancer, each secret mechanism, Helm releases), the same bytes in any
 * component order, and a page that follows the definitions.
 */
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { clusterSecretStore } from "../external-secrets/cluster-secret-store.ts";
import { externalSecret } from "../external-secrets/external-secret.ts";
import { helmRelease } from "../flux/helm-release.ts";
import { helmRepository } from "../flux/helm-repository.ts";
import { renderCluster } from "../render/render-cluster.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { defineKind } from "../resource/define-kind.ts";
import { withArchitecturePage } from "./add-architecture-page.ts";
import { ARCHITECTURE_FILE } from "./architecture-page.ts";

const IngressRoute = defineKind<{ spec: Record<string, unknown> }>()({ apiVersion: "traefik.io/v1alpha1", kind: "IngressRoute" });
const Gateway = defineKind<{ spec: Record<string, unknown> }>()({ apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway" });
const HTTPRoute = defineKind<{ spec: Record<string, unknown> }>()({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute" });
const VirtualService = defineKind<{ spec: Record<string, unknown> }>()({ apiVersion: "networking.istio.io/v1", kind: "VirtualService" });
const SealedSecret = defineKind<{ spec: Record<string, unknown> }>()({ apiVersion: "bitnami.com/v1alpha1", kind: "SealedSecret" });

const labels = { app: "web" };

function components(): Record<string, ApiObject[]> {
  return {
    "infrastructure/controllers/traefik": [
      new Namespace({ metadata: { name: "traefik" } }),
      helmRepository({ name: "traefik", namespace: "traefik", url: "https://traefik.github.io/charts" }),
      helmRelease({ name: "traefik", namespace: "traefik", chart: { name: "traefik", version: "37.1.1", sourceRef: { name: "traefik" } } }),
      new Service({ metadata: { name: "traefik", namespace: "traefik" }, spec: { type: "LoadBalancer", selector: { "app.kubernetes.io/name": "traefik" }, ports: [{ name: "https", port: 443 }] } }),
    ],
    "infrastructure/configs/stores": [clusterSecretStore({ name: "vault", provider: { vault: { server: "https://vault.example.org", path: "secret", auth: { kubernetes: { role: "eso" } } } } } as never)],
    "apps/web": [
      new Namespace({ metadata: { name: "web" } }),
      new Deployment({
        metadata: { name: "web", namespace: "web", labels },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [{ name: "web", image: "ghcr.io/example/web:2.1.0@sha256:0123456789abcdef", envFrom: [{ secretRef: { name: "db" } }] }],
              volumes: [{ name: "tls", secret: { secretName: "tls" } }],
            },
          },
        },
      }),
      new Service({ metadata: { name: "web", namespace: "web" }, spec: { selector: labels, ports: [{ name: "http", port: 80 }] } }),
      new Ingress({ metadata: { name: "web", namespace: "web" }, spec: { ingressClassName: "traefik", rules: [{ host: "shop.example.org", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } }] } }),
      IngressRoute({ metadata: { name: "api", namespace: "web" }, spec: { entryPoints: ["websecure"], routes: [{ kind: "Rule", match: "Host(`api.example.org`) && PathPrefix(`/v1`)", services: [{ name: "web", port: 80 }] }] } }),
      Gateway({ metadata: { name: "public", namespace: "web" }, spec: { gatewayClassName: "cilium", listeners: [{ name: "https", port: 443, protocol: "HTTPS", hostname: "*.example.org" }] } }),
      HTTPRoute({ metadata: { name: "www", namespace: "web" }, spec: { parentRefs: [{ name: "public" }], hostnames: ["www.example.org"], rules: [{ backendRefs: [{ name: "web", port: 80 }] }] } }),
      VirtualService({ metadata: { name: "mesh", namespace: "web" }, spec: { hosts: ["mesh.example.org"], gateways: ["istio-system/ingress"], http: [{ route: [{ destination: { host: "web.web.svc.cluster.local" } }] }] } }),
      new ConfigMap({ metadata: { name: "cloudflared", namespace: "web" }, data: { "config.yaml": "tunnel: shop\ningress:\n  - hostname: tunnel.example.org\n    service: http://web.web:80\n  - service: http_status:404\n" } }),
      externalSecret({ name: "db", namespace: "web", secretStoreRef: { name: "vault", kind: "ClusterSecretStore" }, data: [{ secretKey: "password", remoteRef: { key: "web/db", property: "password" } }] }),
      SealedSecret({ metadata: { name: "tls", namespace: "web" }, spec: { encryptedData: { "tls.key": "AgBy3i4OJSWK+PiTySYZZA==" }, template: { metadata: { name: "tls", namespace: "web" }, type: "kubernetes.io/tls" } } }),
    ],
  };
}

function page(input: Record<string, ApiObject[]>, engine: "flux" | "argocd" = "flux"): string {
  const tree = renderCluster(
    { name: "shop", kubernetesVersion: "1.35", gitops: { engine, repository: { url: "https://git.example.com/platform.git" } }, preexisting: { namespaces: ["istio-system"] }, components: input },
    { source: "clusters/shop", validate: false },
  );
  return withArchitecturePage(tree, "clusters/shop").files.get(ARCHITECTURE_FILE)!;
}

describe("the architecture page", () => {
  it("draws components, reconciliation, traffic, secrets, namespaces and versions as its golden file", async () => {
    await expect(page(components())).toMatchFileSnapshot("__golden__/architecture.flux.md");
  });

  it("shows Argo CD Applications and their sync waves on an Argo CD cluster", async () => {
    const argo = page(components(), "argocd");
    expect(argo).toContain("Argo CD reconciles the tree through these Applications");
    await expect(argo.slice(argo.indexOf("## Reconciliation"), argo.indexOf("## External traffic"))).toMatchFileSnapshot("__golden__/architecture.argocd-reconciliation.md");
  });

  it("is the same bytes whatever the order of components and of their objects", () => {
    const reversed = Object.fromEntries(Object.entries(components()).reverse().map(([folder, objects]) => [folder, [...objects].reverse()]));
    expect(page(reversed)).toBe(page(components()));
  });

  it("changes when a component is added: the component, its namespace and its image appear", () => {
    const before = page(components());
    const after = page({
      ...components(),
      "apps/api": [
        new Namespace({ metadata: { name: "api" } }),
        new Deployment({ metadata: { name: "api", namespace: "api" }, spec: { selector: { matchLabels: { app: "api" } }, template: { metadata: { labels: { app: "api" } }, spec: { containers: [{ name: "api", image: "ghcr.io/example/api:0.3.0" }] } } } }),
      ],
    });
    expect(after).not.toBe(before);
    expect(before).not.toContain("`apps/api`");
    expect(after).toContain('("api<br/>2 objects")');
    expect(after).toContain("| `api` | `apps/api` | `apps/api` | 1 |");
    expect(after).toContain("| `ghcr.io/example/api` | `0.3.0` |  | `Deployment api/api` |");
  });

  it("is written at the root of the tree, listed in no kustomization.yaml", () => {
    const tree = withArchitecturePage(renderCluster({ name: "shop", components: components(), preexisting: { namespaces: ["istio-system"] } }, { source: "clusters/shop", validate: false }), "clusters/shop");
    expect([...tree.files.keys()][0]).toBe(ARCHITECTURE_FILE);
    expect([...tree.files.values()].some((text) => text.includes(`- ${ARCHITECTURE_FILE}`))).toBe(false);
    expect(tree.objects.has(ARCHITECTURE_FILE)).toBe(false);
    expect(tree.files.get(ARCHITECTURE_FILE)).toMatch(/^<!-- Code generated by typed-gitops from clusters\/shop\. DO NOT EDIT\. -->\n# Cluster shop\n/);
  });

  it("takes its place in code-unit order among paths that sort before and after it", () => {
    const rendered = renderCluster({ name: "shop", components: components(), preexisting: { namespaces: ["istio-system"] } }, { source: "clusters/shop", validate: false });
    for (const extra of [[], ["0-base/kustomization.yaml", "AAA/kustomization.yaml"], ["B/kustomization.yaml", "ARCHITECTURE/kustomization.yaml"]]) {
      const files = new Map([...rendered.files, ...extra.map((path) => [path, "resources: []\n"] as const)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const keys = [...withArchitecturePage({ ...rendered, files }, "clusters/shop").files.keys()];
      expect(keys).toEqual([...files.keys(), ARCHITECTURE_FILE].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });
});
