/**
 * The architecture of the reference platform, asserted on the rendered
 * objects of each cluster: the layers and their order, what each layer
 * holds, the certificate issuer of each environment, single sign-on in
 * front of every internal dashboard, default-deny networking in every app
 * namespace, where secrets come from, and what differs between the
 * environments.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderProject } from "@typed-gitops/lib";
import { describe, expect, it } from "vitest";
import { VAULT_ADDRESS } from "../infrastructure/platform.ts";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const rendered = await renderProject(root);

type Json = Record<string, unknown>;

interface Placed {
  /** The path under generated/<cluster>/. */
  readonly path: string;
  readonly object: Json;
}

const treeOf = (cluster: string) => rendered.trees.find((tree) => tree.cluster === cluster)!;

function placedObjects(cluster: string): Placed[] {
  return [...treeOf(cluster).objects.entries()].map(([path, { object }]) => ({ path, object: object as unknown as Json }));
}

function metadataOf(object: Json): { name: string; namespace?: string; labels?: Record<string, string> } {
  return object.metadata as { name: string; namespace?: string; labels?: Record<string, string> };
}

const specOf = (object: Json) => object.spec as Json;

/** The layer folder of a path: infrastructure/controllers, infrastructure/configs, apps or flux-system. */
function layerOf(path: string): string {
  if (path.startsWith("infrastructure/controllers/")) return "infrastructure/controllers";
  if (path.startsWith("infrastructure/configs/")) return "infrastructure/configs";
  if (path.startsWith("apps/")) return "apps";
  return path.split("/")[0]!;
}

/** The hosts of a Traefik rule. */
function hostsOf(match: string): string[] {
  return [...match.matchAll(/Host\(`([^`]+)`\)/g)].map((found) => found[1]!);
}

interface Route {
  readonly match: string;
  readonly middlewares?: { name: string; namespace?: string }[];
  readonly services: { name: string; namespace?: string }[];
}

const OUTPOST = "PathPrefix(`/outpost.goauthentik.io/`)";
const FORWARD_AUTH = { name: "authentik-forward-auth", namespace: "authentik" };
const ISSUERS = { production: "letsencrypt-production", staging: "letsencrypt-staging" } as const;
const DOMAINS = { production: "example.org", staging: "staging.example.org" } as const;
const DASHBOARDS = ["traefik", "grafana", "vault"] as const;

describe.each(["production", "staging"] as const)("cluster %s", (cluster) => {
  const placed = placedObjects(cluster);
  const ofKind = (kind: string) => placed.filter(({ object }) => object.kind === kind);

  describe("layers", () => {
    const layers = ofKind("Kustomization")
      .filter(({ object }) => object.apiVersion === "kustomize.toolkit.fluxcd.io/v1")
      .map(({ object }) => ({ name: metadataOf(object).name, spec: specOf(object) }));

    it("chains infra-controllers → infra-configs → apps with dependsOn, each pruned, waited for and reconciled from generated/<cluster>", () => {
      const byName = new Map(layers.map((layer) => [layer.name, layer.spec]));
      expect([...byName.keys()].sort()).toEqual(["apps", "flux-system", "infra-configs", "infra-controllers"]);
      expect(byName.get("infra-controllers")!.dependsOn).toBeUndefined();
      expect(byName.get("infra-configs")!.dependsOn).toEqual([{ name: "infra-controllers" }]);
      expect(byName.get("apps")!.dependsOn).toEqual([{ name: "infra-configs" }]);
      for (const name of ["infra-controllers", "infra-configs", "apps"]) {
        const spec = byName.get(name)!;
        expect(spec.prune, name).toBe(true);
        expect(spec.wait, name).toBe(true);
        expect(spec.path, name).toBe(`./generated/${cluster}/${name === "apps" ? "apps" : `infrastructure/${name.replace("infra-", "")}`}`);
      }
    });

    it("decrypts SOPS in exactly the layers that hold SOPS Secrets: controllers (bootstrap credentials) and apps (podinfo's token)", () => {
      const decrypting = layers.filter((layer) => layer.spec.decryption !== undefined).map((layer) => layer.name);
      expect(decrypting.sort()).toEqual(["apps", "infra-controllers"]);
    });

    it("installs every chart in the controllers layer (authentik's release, which reads user-made Secrets, with the configs), and the custom resources that need their CRDs in later layers", () => {
      const withConfigs = new Set(["infrastructure/configs/authentik/helmrelease-authentik.yaml"]);
      for (const { path } of [...ofKind("HelmRelease"), ...ofKind("HelmRepository"), ...ofKind("OCIRepository")]) {
        expect(layerOf(path), path).toBe(withConfigs.has(path) ? "infrastructure/configs" : "infrastructure/controllers");
      }
      const needsCrds = ["ClusterIssuer", "Certificate", "ClusterSecretStore", "ExternalSecret", "IngressRoute", "Middleware", "TLSOption", "ServiceMonitor", "PodMonitor", "PrometheusRule", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "PostgresCluster", "SealedSecret"];
      for (const kind of needsCrds) {
        for (const { path } of ofKind(kind)) expect(["infrastructure/configs", "apps"], `${kind} at ${path}`).toContain(layerOf(path));
      }
    });

    it("runs the platform's controllers", () => {
      const releases = ofKind("HelmRelease").map(({ object }) => `${metadataOf(object).namespace}/${metadataOf(object).name}`);
      expect(releases.sort()).toEqual([
        "authentik/authentik",
        "cert-manager/cert-manager",
        "external-secrets/external-secrets",
        "kube-system/metrics-server",
        "monitoring/kube-prometheus-stack",
        "postgres-operator/pgo",
        "sealed-secrets/sealed-secrets",
        "strimzi/strimzi-kafka-operator",
        "traefik/traefik",
        "vault/vault",
      ]);
    });
  });

  describe("certificates", () => {
    it(`gets every certificate from Let's Encrypt's ${cluster === "production" ? "production" : "staging"} issuer`, () => {
      const certificates = ofKind("Certificate");
      expect(certificates.length).toBeGreaterThanOrEqual(6);
      for (const { path, object } of certificates) expect((specOf(object).issuerRef as Json).name, path).toBe(ISSUERS[cluster]);
    });

    it("solves DNS-01 on Cloudflare with the token of a SOPS Secret in cert-manager's namespace", () => {
      for (const { object } of ofKind("ClusterIssuer")) {
        const solvers = (specOf(object).acme as { solvers: { dns01: { cloudflare: { apiTokenSecretRef: { name: string } } } }[] }).solvers;
        expect(solvers.map((solver) => solver.dns01.cloudflare.apiTokenSecretRef.name)).toEqual(["cloudflare-api-token"]);
      }
      const token = ofKind("Secret").find(({ object }) => metadataOf(object).name === "cloudflare-api-token")!;
      expect(metadataOf(token.object).namespace).toBe("cert-manager");
      expect(typeof (token.object.sops as Json).mac).toBe("string");
    });
  });

  describe("single sign-on", () => {
    const routes = ofKind("IngressRoute");

    it.each(DASHBOARDS)("puts authentik's forward auth in front of every route of the %s dashboard, and routes its outpost path", (dashboard) => {
      const host = `${dashboard}.${DOMAINS[cluster]}`;
      const owners = routes.filter(({ object }) => ((specOf(object).routes as Route[]) ?? []).some((route) => hostsOf(route.match).includes(host)));
      expect(owners.map(({ path }) => layerOf(path))).toEqual(["infrastructure/configs"]);
      const hostRoutes = (specOf(owners[0]!.object).routes as Route[]).filter((route) => hostsOf(route.match).includes(host));
      const outpost = hostRoutes.filter((route) => route.match.includes(OUTPOST));
      expect(outpost).toHaveLength(1);
      expect(outpost[0]!.services).toEqual([{ name: "authentik-server", kind: "Service", namespace: "authentik", port: 80 }]);
      for (const route of hostRoutes.filter((candidate) => !candidate.match.includes(OUTPOST))) expect(route.middlewares, route.match).toEqual([FORWARD_AUTH]);
    });

    it("leaves unprotected only authentik's own login and the public apps", () => {
      const unprotected = routes
        .filter(({ object }) => (specOf(object).routes as Route[]).some((route) => !route.match.includes(OUTPOST) && route.middlewares === undefined))
        .map(({ object }) => `${metadataOf(object).namespace}/${metadataOf(object).name}`);
      expect(unprotected.sort()).toEqual(["authentik/authentik", "orders/orders", "podinfo/podinfo"]);
    });

    it("serves every route over TLS on the websecure entry point", () => {
      for (const { path, object } of routes) {
        expect(specOf(object).entryPoints, path).toEqual(["websecure"]);
        expect((specOf(object).tls as Json | undefined)?.secretName, path).toBeDefined();
      }
    });
  });

  describe("apps", () => {
    const appPaths = placed.filter(({ path }) => layerOf(path) === "apps");
    const workloads = appPaths.filter(({ object }) => object.kind === "Deployment");
    const appNamespaces = [...new Set(workloads.map(({ object }) => metadataOf(object).namespace!))].sort();

    it("runs podinfo, orders and notifier, each in its own namespace", () => {
      expect(workloads.map(({ object }) => `${metadataOf(object).namespace}/${metadataOf(object).name}`).sort()).toEqual(["notifier/notifier", "orders/orders", "podinfo/podinfo"]);
    });

    it.each(["notifier", "orders", "podinfo"])("denies all traffic in namespace %s by default, then allows each flow explicitly", (namespace) => {
      expect(appNamespaces).toContain(namespace);
      const policies = ofKind("NetworkPolicy").filter(({ object }) => metadataOf(object).namespace === namespace);
      const deny = policies.find(({ object }) => metadataOf(object).name === "default-deny")!;
      expect(specOf(deny.object)).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
      for (const { object } of workloads.filter((workload) => metadataOf(workload.object).namespace === namespace)) {
        const name = metadataOf(object).name;
        const own = policies.find((policy) => metadataOf(policy.object).name === name)!;
        expect(specOf(own.object).podSelector).toEqual({ matchLabels: { "app.kubernetes.io/name": name } });
      }
    });

    it.each(["notifier", "orders", "podinfo"])("autoscales %s on CPU and has Prometheus scrape it", (name) => {
      const inApp = appPaths.filter(({ path }) => path.startsWith(`apps/${name}/`));
      const kinds = inApp.map(({ object }) => object.kind);
      expect(kinds).toContain("HorizontalPodAutoscaler");
      expect(kinds).toContain("PodDisruptionBudget");
      expect(kinds).toContain("ServiceMonitor");
      const policy = inApp.find(({ object }) => object.kind === "NetworkPolicy" && metadataOf(object).name === name)!;
      const from = ((specOf(policy.object).ingress as { from: { namespaceSelector?: { matchLabels: Json } }[] }[]) ?? []).flatMap((rule) => rule.from);
      expect(from).toContainEqual({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } });
    });

    it("gives orders its database credentials from the Secret PGO writes, and keeps the database's pods in a NetworkPolicy of their own", () => {
      const [deployment] = workloads.filter(({ object }) => metadataOf(object).name === "orders");
      const env = (((specOf(deployment!.object).template as Json).spec as Json).containers as { env: { name: string; valueFrom?: Json }[] }[])[0]!.env;
      expect(env.find((entry) => entry.name === "DATABASE_URL")!.valueFrom).toEqual({ secretKeyRef: { name: "orders-db-pguser-orders", key: "uri" } });
      const [database] = ofKind("PostgresCluster");
      expect(metadataOf(database!.object)).toMatchObject({ name: "orders-db", namespace: "orders" });
      expect((specOf(database!.object).backups as Json).pgbackrest).toBeDefined();
      const policy = ofKind("NetworkPolicy").find(({ object }) => metadataOf(object).name === "orders-db-postgres")!;
      expect(specOf(policy.object).podSelector).toEqual({ matchLabels: { "postgres-operator.crunchydata.com/cluster": "orders-db" } });
    });

    it("gives each Kafka user the password of a Vault key, which its app reads from the same key", () => {
      const users = ofKind("KafkaUser");
      expect(users.map(({ object }) => metadataOf(object).name).sort()).toEqual(["notifier", "orders"]);
      const externals = ofKind("ExternalSecret").map(({ object }) => object);
      for (const { object } of users) {
        const name = metadataOf(object).name;
        const ref = ((specOf(object).authentication as Json).password as { valueFrom: { secretKeyRef: { name: string } } }).valueFrom.secretKeyRef.name;
        const copies = externals.filter((external) => metadataOf(external).name === ref);
        expect(copies.map((external) => metadataOf(external).namespace).sort()).toEqual(["kafka", name].sort());
        const keys = copies.map((external) => ((specOf(external).data as { remoteRef: { key: string } }[])[0]!.remoteRef.key));
        expect(new Set(keys)).toEqual(new Set([`kafka/${name}`]));
      }
    });
  });

  describe("secrets", () => {
    it("keeps no plaintext Secret: every Secret in the tree is SOPS-encrypted", () => {
      const secrets = ofKind("Secret");
      expect(secrets.map(({ object }) => metadataOf(object).name).sort()).toEqual([
        "alertmanager-receivers",
        "authentik-credentials",
        "authentik-postgresql",
        "cloudflare-api-token",
        "grafana-admin",
        "podinfo-token",
      ]);
      for (const { path, object } of secrets) {
        expect(typeof (object.sops as Json | undefined)?.mac, path).toBe("string");
        expect(object.stringData, path).toBeUndefined();
      }
    });

    it("reads every ExternalSecret from the in-cluster Vault, the only store", () => {
      const stores = [...ofKind("ClusterSecretStore"), ...ofKind("SecretStore")];
      expect(stores.map(({ object }) => metadataOf(object).name)).toEqual(["vault"]);
      expect(((specOf(stores[0]!.object).provider as Json).vault as Json).server).toBe(VAULT_ADDRESS);
      for (const { path, object } of ofKind("ExternalSecret")) expect(specOf(object).secretStoreRef, path).toEqual({ name: "vault", kind: "ClusterSecretStore" });
    });

    it("names the Sealed Secrets controller as kubeseal expects it, so --fetch-cert needs only the namespace", () => {
      const [release] = ofKind("HelmRelease").filter(({ object }) => metadataOf(object).name === "sealed-secrets");
      expect(metadataOf(release!.object).namespace).toBe("sealed-secrets");
      expect((specOf(release!.object).values as Json).fullnameOverride).toBe("sealed-secrets-controller");
    });

    it("installs the External Secrets CRDs with the chart, so the configs layer can use them", () => {
      const [release] = ofKind("HelmRelease").filter(({ object }) => metadataOf(object).name === "external-secrets");
      expect((specOf(release!.object).values as Json).installCRDs).toBe(true);
    });
  });
});

describe("production and staging differ where real environments differ", () => {
  const objectsOf = (cluster: "production" | "staging") => placedObjects(cluster).map(({ object }) => object);
  const release = (cluster: "production" | "staging", name: string) => objectsOf(cluster).find((object) => object.kind === "HelmRelease" && metadataOf(object).name === name)!;
  const values = (cluster: "production" | "staging", name: string) => specOf(release(cluster, name)).values as Json;

  it("serves production on example.org and staging on staging.example.org only", () => {
    for (const cluster of ["production", "staging"] as const) {
      const hosts = objectsOf(cluster)
        .filter((object) => object.kind === "IngressRoute")
        .flatMap((object) => (specOf(object).routes as Route[]).flatMap((route) => hostsOf(route.match)));
      expect(hosts.length).toBeGreaterThan(0);
      for (const host of hosts) expect(host.endsWith(".staging.example.org"), host).toBe(cluster === "staging");
    }
  });

  it("runs Vault with three Raft replicas in production and one in staging", () => {
    expect((((values("production", "vault").server as Json).ha as Json).replicas)).toBe(3);
    expect((((values("staging", "vault").server as Json).ha as Json).replicas)).toBe(1);
  });

  it("keeps metrics longer, on more disk, in production", () => {
    const spec = (cluster: "production" | "staging") => ((values(cluster, "kube-prometheus-stack").prometheus as Json).prometheusSpec as Json);
    expect(spec("production")).toMatchObject({ retention: "30d", retentionSize: "90GB", replicas: 2, externalLabels: { cluster: "production" } });
    expect(spec("staging")).toMatchObject({ retention: "7d", retentionSize: "9GB", replicas: 1, externalLabels: { cluster: "staging" } });
  });

  it("pages on-call from production only; staging alerts go to a Slack channel", () => {
    const receivers = (cluster: "production" | "staging") =>
      ((((values(cluster, "kube-prometheus-stack").alertmanager as Json).config as Json).receivers as { name: string }[]).map((receiver) => receiver.name)).sort();
    expect(receivers("production")).toEqual(["null", "pagerduty-oncall", "slack-platform"]);
    expect(receivers("staging")).toEqual(["null", "slack-staging"]);
  });

  it("runs staging's images ahead of production's, bumped by image automation in staging only", () => {
    const image = (cluster: "production" | "staging", name: string) => {
      const deployment = objectsOf(cluster).find((object) => object.kind === "Deployment" && metadataOf(object).name === name)!;
      return (((specOf(deployment).template as Json).spec as Json).containers as { image: string }[])[0]!.image;
    };
    expect(image("production", "orders")).toBe("ghcr.io/example-org/orders:1.4.2");
    expect(image("staging", "orders")).toBe("ghcr.io/example-org/orders:1.5.0");
    expect(objectsOf("production").filter((object) => object.kind === "ImageUpdateAutomation")).toEqual([]);
    expect(objectsOf("staging").filter((object) => object.kind === "ImagePolicy").map((object) => metadataOf(object).name).sort()).toEqual(["notifier", "orders", "podinfo"]);
  });

  it("backs the orders database up to S3 from production and to a volume in staging", () => {
    const repo = (cluster: "production" | "staging") => {
      const database = objectsOf(cluster).find((object) => object.kind === "PostgresCluster")!;
      return (((specOf(database).backups as Json).pgbackrest as Json).repos as Json[])[0]!;
    };
    expect(repo("production").s3).toMatchObject({ bucket: "example-org-production-pg-backups" });
    expect(repo("staging").volume).toBeDefined();
  });

  it("runs a three-broker Kafka with dedicated controllers in production and a single dual-role node in staging", () => {
    const pools = (cluster: "production" | "staging") =>
      objectsOf(cluster)
        .filter((object) => object.kind === "KafkaNodePool")
        .map((object) => `${metadataOf(object).name}:${specOf(object).replicas}`)
        .sort();
    expect(pools("production")).toEqual(["broker:3", "controller:3"]);
    expect(pools("staging")).toEqual(["dual-role:1"]);
  });
});
