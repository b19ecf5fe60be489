/**
 * The two servers, stated as tests of their rendered trees: each is
 * committed exactly as rendered; each reads its own 1Password vault through
 * its own Connect credentials, which only its own age key decrypts; journal
 * runs as one SQLite writer with every runtime secret from 1Password, behind
 * Traefik with a Let's Encrypt certificate; and ci is production's twin,
 * differing only in values.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkProject, hasDrift, objectId, podSpecs, renderedCluster, scanForSecrets, secretsReadBy, type ApiObject } from "@typed-gitops/lib";
import { buildTargets, buildWithKustomize, installTools } from "@typed-gitops/lib/tooling";
import { beforeAll, describe, expect, it } from "vitest";
import { ONEPASSWORD_ITEMS } from "../apps/journal/journal.ts";

/** The project root: the folder holding clusters/. */
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A manifest as the tests read it. */
type Json = Record<string, any>;

const clusters = { ci: await renderedCluster<Json>(root, "ci"), production: await renderedCluster<Json>(root, "production") };
const VAULTS = { ci: "journal-ci", production: "journal-production" } as const;
const HOSTS = { ci: "journal.ci.example.org", production: "journal.example.org" } as const;

beforeAll(async () => {
  await installTools(root, { only: ["kustomize"] });
}, 1_800_000);

it("renders exactly the clusters ci and production", () => {
  expect(clusters.ci.project.trees.map((tree) => tree.cluster)).toEqual(["ci", "production"]);
});

describe.each(Object.entries(clusters).map(([name, cluster]) => [name as keyof typeof clusters, cluster] as const))("cluster %s", (name, cluster) => {
  it("is committed exactly as its cluster.ts renders", () => {
    const drift = checkProject({ ...cluster.project, trees: [cluster.tree], complete: false });
    expect(drift.reports.filter(hasDrift)).toEqual([]);
  });

  it("builds with kustomize at its root and at every path Flux reconciles", async () => {
    const targets = buildTargets(name, cluster.all.map(({ json }) => json));
    expect(targets.length).toBe(4);
    const results = await buildWithKustomize(root, targets);
    expect(results.flatMap((result) => (result.problem === undefined ? [] : [result.problem]))).toEqual([]);
  });

  describe("secrets", () => {
    it(`has one store, reading only the 1Password vault ${VAULTS[name]} through its own Connect server`, () => {
      const stores = [...cluster.ofKind("ClusterSecretStore"), ...cluster.ofKind("SecretStore")];
      expect(stores.map(({ json }) => objectId(json))).toEqual(["onepassword"]);
      expect(stores[0]!.json.spec.provider).toEqual({
        onepassword: {
          connectHost: "http://onepassword-connect.onepassword.svc:8080",
          vaults: { [VAULTS[name]]: 1 },
          auth: { secretRef: { connectTokenSecretRef: { name: "onepassword-token", key: "token", namespace: "onepassword" } } },
        },
      });
      const connect = cluster.get("HelmRelease", "onepassword", "connect").json.spec.values.connect;
      expect(connect).toMatchObject({ credentialsName: "op-credentials", credentialsKey: "1password-credentials.json", serviceType: "ClusterIP" });
    });

    it("keeps in SOPS only the Connect credentials and token, encrypted for this cluster's age key alone", () => {
      const secrets = cluster.ofKind("Secret", "v1");
      expect(secrets.map(({ json }) => objectId(json)).sort()).toEqual(["onepassword/onepassword-token", "onepassword/op-credentials"]);
      for (const { json, component } of secrets) {
        expect(component).toBe("infrastructure/controllers/onepassword-credentials");
        expect(typeof json.sops?.mac, objectId(json)).toBe("string");
        expect(json.sops.age.map((entry: Json) => entry.recipient), objectId(json)).toEqual(cluster.tree.ageRecipients);
      }
    });

    it("reads every runtime secret of journal from 1Password, through ExternalSecrets of its namespace", () => {
      const externals = cluster.ofKind("ExternalSecret");
      expect(externals.map(({ json }) => objectId(json)).sort()).toEqual(["journal/journal-app", "journal/journal-object-storage", "journal/journal-telemetry"]);
      for (const { json } of externals) expect(json.spec.secretStoreRef, objectId(json)).toEqual({ name: "onepassword", kind: "ClusterSecretStore" });
      const variables = externals.flatMap(({ json }) => json.spec.data.map((entry: Json) => entry.secretKey as string)).sort();
      expect(variables).toEqual(["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "SECRET_KEY_BASE"]);
      const [journal] = podSpecs(cluster).filter(({ id }) => id === "Deployment journal/journal");
      expect(secretsReadBy(journal!.spec)).toEqual(externals.map(({ json }) => json.metadata.name).sort());
      const plain = journal!.spec.containers[0].env.map((env: Json) => env.name as string);
      for (const variable of variables) expect(plain, `${variable} must not be a plain variable`).not.toContain(variable);
    });

    it("renders nothing the secret scan flags", () => {
      expect(scanForSecrets(cluster.all.map(({ path, json }) => ({ path: `generated/${name}/${path}`, object: json as ApiObject })))).toEqual([]);
    });

    it("lets only the External Secrets controller reach 1Password Connect", () => {
      const policies = cluster.ofKind("NetworkPolicy").filter(({ json }) => json.metadata.namespace === "onepassword").map(({ json }) => json);
      expect(policies.find((policy) => policy.metadata.name === "default-deny-ingress")?.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
      const callers = policies.flatMap((policy) => (policy.spec.ingress ?? []).flatMap((rule: Json) => rule.from));
      expect(callers).toEqual([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "external-secrets" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "external-secrets" } } }]);
    });
  });

  describe("journal", () => {
    it("runs one replica, replaced with Recreate, with its SQLite database on a ReadWriteOnce volume that outlives its claim", () => {
      const deployment = cluster.get("Deployment", "journal", "journal").json;
      expect(deployment.spec.replicas).toBe(1);
      expect(deployment.spec.strategy).toEqual({ type: "Recreate" });
      const claim = cluster.get("PersistentVolumeClaim", "journal", "journal-data").json;
      expect(claim.spec).toMatchObject({ accessModes: ["ReadWriteOnce"], storageClassName: "local-path-retain" });
      expect(cluster.get("StorageClass", undefined, "local-path-retain").json).toMatchObject({ provisioner: "rancher.io/local-path", reclaimPolicy: "Retain" });
      const container = deployment.spec.template.spec.containers[0];
      const mount = container.volumeMounts.find((volumeMount: Json) => volumeMount.name === "data-data").mountPath as string;
      const database = container.env.find((env: Json) => env.name === "DATABASE_URL").value as string;
      expect(database.startsWith(`sqlite://${mount}/`)).toBe(true);
      expect(cluster.ofKind("HorizontalPodAutoscaler")).toEqual([]);
    });

    it("finds its object storage and telemetry through the environment, and may reach them only over HTTPS", () => {
      const container = cluster.get("Deployment", "journal", "journal").json.spec.template.spec.containers[0];
      const env = Object.fromEntries(container.env.map((entry: Json) => [entry.name, entry.value]));
      expect(env).toMatchObject({ S3_ENDPOINT: "https://s3.eu-central-003.backblazeb2.com", S3_BUCKET: name === "ci" ? "journal-ci-assets" : "journal-assets", OTEL_RESOURCE_ATTRIBUTES: `deployment.environment=${name}` });
      const policy = cluster.get("NetworkPolicy", "journal", "journal").json;
      const external = policy.spec.egress.filter((rule: Json) => rule.to.some((peer: Json) => peer.ipBlock !== undefined));
      expect(external.flatMap((rule: Json) => rule.ports.map((port: Json) => port.port))).toEqual([443, 443]);
    });

    it(`is served by Traefik on ${HOSTS[name]} over HTTPS with a Let's Encrypt certificate`, () => {
      const route = cluster.get("IngressRoute", "journal", "journal").json;
      expect(route.spec).toMatchObject({ entryPoints: ["websecure"], routes: [{ match: `Host(\`${HOSTS[name]}\`)` }], tls: { secretName: "journal-tls" } });
      const certificate = cluster.get("Certificate", "journal", "journal-tls").json;
      expect(certificate.spec).toMatchObject({ dnsNames: [HOSTS[name]], secretName: "journal-tls", issuerRef: { name: "letsencrypt-production", kind: "ClusterIssuer" } });
      const issuer = cluster.get("ClusterIssuer", undefined, "letsencrypt-production").json;
      expect(issuer.spec.acme.server).toBe("https://acme-v02.api.letsencrypt.org/directory");
      expect(issuer.spec.acme.solvers).toEqual([{ http01: { ingress: { ingressClassName: "traefik" } } }]);
      const traefik = cluster.get("HelmRelease", "traefik", "traefik").json.spec.values;
      expect(traefik.service.spec.type).toBe("LoadBalancer");
      expect(traefik.ports.web.http.redirections.entryPoint).toEqual({ to: "websecure", scheme: "https", permanent: true });
    });

    it("lets Traefik reach the app and cert-manager's HTTP-01 solver through the namespace's default deny", () => {
      const policies = cluster.ofKind("NetworkPolicy").filter(({ json }) => json.metadata.namespace === "journal").map(({ json }) => json);
      expect(policies.find((policy) => policy.metadata.name === "default-deny")?.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
      const fromTraefik = { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } } };
      const app = policies.find((policy) => policy.metadata.name === "journal")!;
      expect(app.spec.ingress).toEqual([{ from: [fromTraefik], ports: [{ protocol: "TCP", port: 8080 }] }]);
      const solver = policies.find((policy) => policy.metadata.name === "allow-acme-http01-solver")!;
      expect(solver.spec).toEqual({
        podSelector: { matchLabels: { "acme.cert-manager.io/http01-solver": "true" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: [fromTraefik], ports: [{ protocol: "TCP", port: 8089 }] }],
      });
    });
  });
});

describe("ci and production", () => {
  it("are encrypted for different age keys, so neither server can decrypt the other's Connect credentials", () => {
    expect(clusters.ci.tree.ageRecipients).toHaveLength(1);
    expect(clusters.production.tree.ageRecipients).toHaveLength(1);
    expect(clusters.ci.tree.ageRecipients).not.toEqual(clusters.production.tree.ageRecipients);
    const sops = readFileSync(join(root, ".sops.yaml"), "utf8");
    expect(sops).toContain(`path_regex: '^clusters/ci/secrets/[^/]+\\.sops\\.yaml$'`);
    expect(sops).toContain(`path_regex: '^clusters/production/secrets/[^/]+\\.sops\\.yaml$'`);
  });

  it("are twins: the same objects, differing only in the values of their cluster.ts", () => {
    const { ci, production } = clusters;
    expect([...ci.tree.objects.keys()]).toEqual([...production.tree.objects.keys()]);
    const differing = ci.all.filter(({ path, json }) => JSON.stringify(json) !== JSON.stringify(production.all.find((other) => other.path === path)!.json)).map(({ path }) => path);
    expect(differing).toEqual([
      // the image tag, the bucket and the environment's name
      "apps/journal/deployment-journal.yaml",
      // the host
      "apps/journal/certificate-journal-tls.yaml",
      "apps/journal/ingressroute-journal.yaml",
      // CI reconciles faster
      "flux-system/kustomization-apps.yaml",
      "flux-system/kustomization-flux-system.yaml",
      "flux-system/kustomization-infra-configs.yaml",
      "flux-system/kustomization-infra-controllers.yaml",
      // the 1Password vault
      "infrastructure/configs/external-secrets/clustersecretstore-onepassword.yaml",
      // each cluster's own Connect credentials
      "infrastructure/controllers/onepassword-credentials/secret-onepassword-token.yaml",
      "infrastructure/controllers/onepassword-credentials/secret-op-credentials.yaml",
    ].sort());
  });
});

describe("the README", () => {
  it("names every 1Password item and field the ExternalSecrets read", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    for (const { item, fields } of Object.values(ONEPASSWORD_ITEMS)) {
      for (const field of Object.values(fields)) expect(readme, `${item}.${field}`).toMatch(new RegExp(`\`${item}\`[^\\n]*\`${field}\``));
    }
  });
});
