/**
 * The home cluster's architecture, stated as tests of the rendered tree:
 * the committed tree is exactly what the definition renders, Vault is the
 * only secret store, SOPS holds only the bootstrap secrets, nothing listens
 * on the node, and every namespace is closed to traffic it does not expect.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkProject, hasDrift, objectId, podSpecs, renderedCluster, scanForSecrets, secretsReadBy, type ApiObject } from "@typed-gitops/lib";
import { buildTargets, buildWithKustomize, installTools } from "@typed-gitops/lib/tooling";
import { beforeAll, describe, expect, it } from "vitest";
import { BOOTSTRAP_SECRETS } from "./cluster.ts";

/** The project root: the folder holding clusters/. */
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** A manifest as the tests read it. */
type Json = Record<string, any>;

const home = await renderedCluster<Json>(root, "home");

beforeAll(async () => {
  await installTools(root, { only: ["kustomize"] });
}, 1_800_000);

/** Whether a Vault policy path pattern (`apps/*`, `team/+/db`) covers a KV path. */
function vaultPathMatches(pattern: string, path: string): boolean {
  // A trailing * is a prefix match; + stands for one path segment.
  if (pattern.endsWith("*")) return path.startsWith(pattern.slice(0, -1));
  const want = pattern.split("/");
  const got = path.split("/");
  return want.length === got.length && want.every((segment, i) => segment === "+" || segment === got[i]);
}

describe("the committed tree", () => {
  it("is exactly what clusters/home/cluster.ts renders", () => {
    const drift = checkProject(home.project);
    expect(drift.reports.filter(hasDrift)).toEqual([]);
  });

  it("builds with kustomize at its root and at every path a Flux Kustomization reconciles", async () => {
    const targets = buildTargets("home", home.all.map(({ json }) => json));
    expect(targets.map((target) => target.folder).sort()).toEqual(["generated/home", "generated/home/apps", "generated/home/infrastructure/configs", "generated/home/infrastructure/controllers"]);
    const results = await buildWithKustomize(root, targets);
    expect(results.flatMap((result) => (result.problem === undefined ? [] : [result.problem]))).toEqual([]);
  });
});

describe("secrets", () => {
  it("has Vault as its only store", () => {
    const stores = [...home.ofKind("ClusterSecretStore"), ...home.ofKind("SecretStore")];
    expect(stores.map(({ json }) => objectId(json))).toEqual(["vault"]);
    const provider = stores[0]!.json.spec.provider;
    expect(Object.keys(provider)).toEqual(["vault"]);
    expect(provider.vault).toMatchObject({ server: "http://vault-active.vault.svc:8200", path: "secret", version: "v2", auth: { kubernetes: { role: "external-secrets" } } });
  });

  it("reads every ExternalSecret from Vault, and Vault's policy lets the operator read each key", () => {
    const externals = home.ofKind("ExternalSecret");
    expect(externals.map(({ json }) => objectId(json)).sort()).toEqual(["api/api-credentials", "monitoring/alertmanager-receivers", "web/web-session"]);
    const script = home.get("ConfigMap", "vault", "vault-bootstrap").json.data["bootstrap.sh"] as string;
    const readable = [...script.matchAll(/path "secret\/data\/([^"]+)"/g)].map((match) => match[1]!);
    expect(readable).toEqual(["apps/*", "platform/*"]);
    for (const { json } of externals) {
      expect(json.spec.secretStoreRef, objectId(json)).toEqual({ name: "vault", kind: "ClusterSecretStore" });
      for (const entry of json.spec.data) {
        expect(readable.some((pattern) => vaultPathMatches(pattern, entry.remoteRef.key)), `${objectId(json)}: ${entry.remoteRef.key}`).toBe(true);
      }
    }
  });

  it("binds Vault's Kubernetes auth role to the External Secrets controller's ServiceAccount", () => {
    const script = home.get("ConfigMap", "vault", "vault-bootstrap").json.data["bootstrap.sh"] as string;
    expect(script).toContain("vault write auth/kubernetes/role/external-secrets");
    expect(script).toContain("bound_service_account_names=external-secrets");
    expect(script).toContain("bound_service_account_namespaces=external-secrets");
    expect(script).toContain("vault audit enable file");
  });

  it("keeps in SOPS exactly the bootstrap secrets, all in one folder", () => {
    const secrets = home.ofKind("Secret", "v1");
    expect(secrets.map(({ json }) => json.metadata.name).sort()).toEqual(Object.keys(BOOTSTRAP_SECRETS).sort());
    for (const { json, component } of secrets) {
      expect(typeof json.sops?.mac, objectId(json)).toBe("string");
      expect(component).toBe("infrastructure/controllers/bootstrap-secrets");
      expect(json.metadata.namespace).toBe(BOOTSTRAP_SECRETS[json.metadata.name as keyof typeof BOOTSTRAP_SECRETS].namespace);
    }
  });

  it("gives every app only Secrets that an ExternalSecret writes in its namespace", () => {
    const written = new Set(home.ofKind("ExternalSecret").map(({ json }) => `${json.metadata.namespace}/${json.spec.target?.name ?? json.metadata.name}`));
    const apps = podSpecs(home).filter(({ component }) => component.startsWith("apps/"));
    expect(apps.map(({ id }) => id).sort()).toEqual(["Deployment api/api", "Deployment web/web"]);
    for (const { id, spec } of apps) {
      const namespace = id.split(" ")[1]!.split("/")[0]!;
      const read = secretsReadBy(spec);
      expect(read.length, id).toBeGreaterThan(0);
      for (const secret of read) expect(written.has(`${namespace}/${secret}`), `${id} reads ${secret}`).toBe(true);
    }
  });

  it("renders nothing the secret scan flags, and commits no Secret without a SOPS MAC", () => {
    expect(scanForSecrets(home.all.map(({ path, json }) => ({ path: `generated/home/${path}`, object: json as ApiObject })))).toEqual([]);
    for (const { path } of home.ofKind("Secret", "v1")) {
      const committed = readFileSync(join(root, "generated/home", path), "utf8");
      expect(committed, path).toMatch(/^\s+mac: ENC\[AES256_GCM,/m);
    }
  });

  it("stores Vault's data in MinIO, as a user that reaches only Vault's bucket, once MinIO is up", () => {
    const vault = home.get("HelmRelease", "vault", "vault");
    expect(vault.component).toBe("infrastructure/controllers/vault");
    expect(vault.json.spec.dependsOn).toEqual([{ name: "minio", namespace: "minio" }]);
    const config = vault.json.spec.values.server.ha.raft.config as string;
    expect(config).toContain('storage "s3"');
    expect(config).toContain('endpoint            = "http://minio.minio.svc.cluster.local:9000"');
    expect(config).toContain('bucket              = "vault"');
    expect(vault.json.spec.values.server.extraSecretEnvironmentVars.map((entry: Json) => entry.secretName)).toEqual(["vault-s3", "vault-s3"]);
    const minio = home.get("HelmRelease", "minio", "minio");
    expect(minio.component).toBe("infrastructure/controllers/minio");
    expect(minio.json.spec.values.buckets.map((bucket: Json) => bucket.name)).toEqual(["vault"]);
    expect(minio.json.spec.values.users).toEqual([{ accessKey: "vault", existingSecret: "minio-vault-user", existingSecretKey: "secretKey", policy: "vault-storage" }]);
    expect(minio.json.spec.values.policies[0].statements[0].resources).toEqual(["arn:aws:s3:::vault", "arn:aws:s3:::vault/*"]);
  });
});

describe("traffic", () => {
  it("opens no port on the node: no LoadBalancer or NodePort, no host network or host port", () => {
    for (const { json } of home.ofKind("Service")) expect(json.spec.type ?? "ClusterIP", objectId(json)).toBe("ClusterIP");
    expect(home.get("HelmRelease", "ingress-nginx", "ingress-nginx").json.spec.values.controller.service.type).toBe("ClusterIP");
    for (const { id, spec } of podSpecs(home)) {
      expect(spec.hostNetwork ?? false, id).toBe(false);
      for (const container of spec.containers) for (const port of container.ports ?? []) expect(port.hostPort, id).toBeUndefined();
    }
  });

  it("reaches every public host through the tunnel, then ingress-nginx", () => {
    const config = home.get("ConfigMap", "cloudflared", "cloudflared").json.data["config.yaml"] as string;
    const ingresses = home.ofKind("Ingress");
    expect(ingresses.length).toBeGreaterThan(0);
    for (const { json } of ingresses) {
      expect(json.spec.ingressClassName, objectId(json)).toBe("nginx");
      for (const rule of json.spec.rules) {
        expect(config, rule.host).toContain(`hostname: ${rule.host}\n    service: http://ingress-nginx-controller.ingress-nginx.svc.cluster.local:80`);
      }
    }
    expect(config).toMatch(/- service: http_status:404\n/);
  });

  it("lets only cloudflared reach ingress-nginx's HTTP port", () => {
    const allow = home.get("NetworkPolicy", "ingress-nginx", "allow-http-from-cloudflared").json;
    expect(allow.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "cloudflared" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "cloudflared" } } }],
        ports: [{ protocol: "TCP", port: 80 }],
      },
    ]);
    const others = home.ofKind("NetworkPolicy").filter(({ json }) => json.metadata.namespace === "ingress-nginx" && (json.spec.ingress ?? []).some((rule: Json) => rule.ports?.some((port: Json) => port.port === 80)));
    expect(others.map(({ json }) => json.metadata.name)).toEqual(["allow-http-from-cloudflared"]);
  });
});

describe("network policies", () => {
  const policies = home.ofKind("NetworkPolicy").map(({ json }) => json);
  const namespaces = home.ofKind("Namespace").map(({ json }) => json.metadata.name as string);

  it("close every namespace of the tree to ingress it does not allow", () => {
    for (const namespace of namespaces) {
      const here = policies.filter((policy) => policy.metadata.namespace === namespace && policy.spec.policyTypes.includes("Ingress"));
      const everyPod = here.some((policy) => Object.keys(policy.spec.podSelector).length === 0);
      // A namespace whose every workload is in the tree may instead select each workload.
      const workloads = podSpecs(home).filter(({ id }) => id.split(" ")[1]!.startsWith(`${namespace}/`));
      const eachWorkload = workloads.length > 0 && workloads.every(({ id }) => {
        const labels = home.ofKind("Deployment").find(({ json }) => `Deployment ${objectId(json)}` === id)!.json.spec.template.metadata.labels as Json;
        return here.some((policy) => Object.entries(policy.spec.podSelector.matchLabels ?? {}).every(([key, value]) => labels[key] === value));
      });
      expect(everyPod || eachWorkload, namespace).toBe(true);
    }
  });

  it("deny every app namespace's ingress and egress by default", () => {
    for (const namespace of ["web", "api"]) {
      expect(policies.find((policy) => policy.metadata.namespace === namespace && policy.metadata.name === "default-deny")?.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    }
  });

  it("let only the External Secrets controller, Prometheus and Vault itself reach Vault", () => {
    const callers = policies
      .filter((policy) => policy.metadata.namespace === "vault")
      .flatMap((policy) => (policy.spec.ingress ?? []).flatMap((rule: Json) => rule.from.map((peer: Json) => `${peer.namespaceSelector.matchLabels["kubernetes.io/metadata.name"]}:${JSON.stringify(peer.podSelector?.matchLabels ?? {})}`)));
    expect(callers.sort()).toEqual([
      'external-secrets:{"app.kubernetes.io/name":"external-secrets"}',
      'monitoring:{"app.kubernetes.io/name":"prometheus"}',
      'vault:{"app.kubernetes.io/name":"vault","component":"server"}',
    ]);
  });
});

describe("metrics", () => {
  it("scrapes and alerts on Vault and the External Secrets Operator, after the prometheus-operator CRDs exist", () => {
    const monitors = [...home.ofKind("ServiceMonitor"), ...home.ofKind("PodMonitor"), ...home.ofKind("PrometheusRule")];
    const ids = monitors.map(({ json }) => `${json.kind} ${objectId(json)}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        "ServiceMonitor vault/vault",
        "PrometheusRule vault/vault",
        "ServiceMonitor external-secrets/external-secrets",
        "ServiceMonitor external-secrets/external-secrets-webhook",
        "ServiceMonitor external-secrets/external-secrets-cert-controller",
        "PrometheusRule external-secrets/external-secrets",
      ]),
    );
    // The CRDs come with kube-prometheus-stack in the controllers layer; every monitor is reconciled later.
    const stack = home.get("HelmRelease", "monitoring", "kube-prometheus-stack");
    expect(stack.component).toBe("infrastructure/controllers/kube-prometheus-stack");
    expect(stack.json.spec.install.crds).toBe("CreateReplace");
    for (const { json, component } of monitors) expect(component.startsWith("infrastructure/controllers/"), `${json.kind} ${objectId(json)}`).toBe(false);
    const rules = home.get("PrometheusRule", "vault", "vault").json.spec.groups[0].rules.map((rule: Json) => rule.alert);
    expect(rules).toEqual(expect.arrayContaining(["VaultSealed", "VaultAuditLogFailures"]));
  });
});

describe("storage", () => {
  it("puts Vault's and MinIO's volumes on the Retain class, which exists in the layer that uses it", () => {
    const retain = home.get("StorageClass", undefined, "local-path-retain");
    expect(retain.component).toBe("infrastructure/controllers/local-path-storage");
    expect(retain.json).toMatchObject({ provisioner: "rancher.io/local-path", reclaimPolicy: "Retain", volumeBindingMode: "WaitForFirstConsumer" });
    const vault = home.get("HelmRelease", "vault", "vault").json.spec.values.server;
    expect([vault.dataStorage.storageClass, vault.auditStorage.storageClass]).toEqual(["local-path-retain", "local-path-retain"]);
    expect(home.get("HelmRelease", "minio", "minio").json.spec.values.persistence.storageClass).toBe("local-path-retain");
    const paths = JSON.parse(home.get("ConfigMap", "kube-system", "local-path-config").json.data["config.json"]);
    expect(paths.nodePathMap).toEqual([{ node: "DEFAULT_PATH_FOR_NON_LISTED_NODES", paths: ["/srv/k3s-storage"] }]);
  });
});

describe("the README", () => {
  it("seeds every Vault key and property the ExternalSecrets read", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    for (const { json } of home.ofKind("ExternalSecret")) {
      for (const entry of json.spec.data) {
        expect(readme, `${objectId(json)}: ${entry.remoteRef.key}#${entry.remoteRef.property}`).toMatch(new RegExp(`secret/${entry.remoteRef.key} ${entry.remoteRef.property}=-`));
      }
    }
  });
});
