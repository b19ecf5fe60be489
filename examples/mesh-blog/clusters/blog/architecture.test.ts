/**
 * The architecture of the blog cluster, asserted on the rendered objects:
 * two meshed environments with STRICT mutual TLS and default-deny at both
 * the network and the mesh layer, allows that follow the one call graph,
 * the canary frontend behind the HTTPS-only gateway, Postgres and EFS where
 * the services expect them, and staging differing from production where
 * real environments do.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderProject } from "@typed-gitops/lib";
import { describe, expect, it } from "vitest";
import { BLOG_CALLS, BLOG_SERVICES, callersOf, SERVICE_PORT } from "../../apps/blog/call-graph.ts";

type Json = Record<string, any>;

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const tree = (await renderProject(root)).trees.find((candidate) => candidate.cluster === "blog")!;
const entries = [...tree.objects.values()].map(({ component, object }) => ({ component, object: JSON.parse(JSON.stringify(object)) as Json }));
const objects = entries.map((entry) => entry.object);

const ENVIRONMENTS = ["production", "staging"] as const;
const ofKind = (kind: string, namespace?: string) => objects.filter((object) => object.kind === kind && (namespace === undefined || object.metadata.namespace === namespace));
const named = (kind: string, namespace: string | undefined, name: string): Json => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name && object.metadata.namespace === namespace);
  if (found === undefined) throw new Error(`no ${kind} ${namespace ?? ""}/${name}`);
  return found;
};
const workloads = (namespace: string) => objects.filter((object) => ["Deployment", "Rollout"].includes(object.kind) && object.metadata.namespace === namespace);
const workload = (namespace: string, name: string) => workloads(namespace).find((object) => object.metadata.name === name)!;
const container = (namespace: string, name: string): Json => workload(namespace, name).spec.template.spec.containers[0];
const envOf = (namespace: string, name: string): Record<string, Json> => Object.fromEntries((container(namespace, name).env ?? []).map((entry: Json) => [entry.name, entry]));
const tagOf = (namespace: string, name: string) => (container(namespace, name).image as string).split(":").pop();
const sorted = (values: readonly string[]) => [...values].sort();

describe("the mesh", () => {
  it("enforces STRICT mutual TLS mesh-wide and again in each environment", () => {
    expect(named("PeerAuthentication", "istio-system", "default").spec).toEqual({ mtls: { mode: "STRICT" } });
    for (const namespace of ENVIRONMENTS) expect(named("PeerAuthentication", namespace, "default").spec).toEqual({ mtls: { mode: "STRICT" } });
    expect(ofKind("PeerAuthentication").every((policy) => policy.spec.mtls.mode === "STRICT" && policy.spec.portLevelMtls === undefined)).toBe(true);
  });

  it("denies every request no ALLOW policy matches, mesh-wide and in each environment", () => {
    expect(named("AuthorizationPolicy", "istio-system", "default-deny").spec ?? {}).toEqual({});
    for (const namespace of ENVIRONMENTS) expect(named("AuthorizationPolicy", namespace, "default-deny").spec ?? {}).toEqual({});
    expect(ofKind("AuthorizationPolicy").filter((policy) => policy.spec?.action !== undefined && policy.spec.action !== "ALLOW")).toEqual([]);
  });

  it("runs the sidecars through the Istio CNI agent, so injected pods pass the restricted Pod Security Standard", () => {
    const istiod = named("HelmRelease", "istio-system", "istiod");
    const cni = named("HelmRelease", "istio-system", "istio-cni");
    expect(istiod.spec.values.pilot.cni.enabled).toBe(true);
    expect(cni.spec.chart.spec.version).toBe(istiod.spec.chart.spec.version);
    expect(cni.spec.chart.spec.sourceRef.name).toBe(istiod.spec.chart.spec.sourceRef.name);
    for (const namespace of ENVIRONMENTS) {
      expect(named("Namespace", undefined, namespace).metadata.labels).toEqual({ "istio-injection": "enabled", "pod-security.kubernetes.io/enforce": "restricted" });
    }
  });
});

describe.each(ENVIRONMENTS)("the %s environment", (namespace) => {
  it("runs each of the four services, with a sidecar-injected ServiceAccount of its own name", () => {
    expect(sorted(workloads(namespace).map((object) => object.metadata.name))).toEqual(sorted(BLOG_SERVICES));
    for (const service of BLOG_SERVICES) expect(workload(namespace, service).spec.template.spec.serviceAccountName).toBe(service);
  });

  it("has a NetworkPolicy default deny of ingress and egress", () => {
    expect(named("NetworkPolicy", namespace, "default-deny").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it.each(BLOG_SERVICES)("lets exactly the callers of %s in, by NetworkPolicy and by AuthorizationPolicy principal", (service) => {
    const callers = callersOf(service);
    const allow = named("AuthorizationPolicy", namespace, `allow-${service}`);
    expect(allow.spec.selector).toEqual({ matchLabels: { "app.kubernetes.io/name": service } });
    expect(allow.spec.rules).toHaveLength(1);
    const [rule] = allow.spec.rules;
    expect(rule.from).toHaveLength(1);
    const expected = callers.map((caller) => `cluster.local/ns/${namespace}/sa/${caller}`);
    if (service === "frontend") expected.unshift("cluster.local/ns/istio-ingress/sa/istio-ingressgateway");
    expect(rule.from[0].source).toEqual({ principals: expected });
    expect(rule.to).toEqual([{ operation: { ports: [String(SERVICE_PORT)] } }]);

    const policy = named("NetworkPolicy", namespace, service);
    const fromPods = (policy.spec.ingress ?? [])
      .flatMap((entry: Json) => entry.from)
      .filter((peer: Json) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === namespace)
      .map((peer: Json) => peer.podSelector.matchLabels["app.kubernetes.io/name"]);
    expect(sorted(fromPods)).toEqual(sorted(callers));
  });

  it("lets each service's pods call exactly the services the call graph names", () => {
    for (const service of BLOG_SERVICES) {
      const policy = named("NetworkPolicy", namespace, service);
      const called = policy.spec.egress
        .flatMap((entry: Json) => entry.to)
        .filter((peer: Json) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === namespace && peer.podSelector !== undefined)
        .map((peer: Json) => peer.podSelector.matchLabels["app.kubernetes.io/name"]);
      expect(sorted(called), service).toEqual(sorted(BLOG_CALLS[service]));
      // Every sidecar reaches istiod for its configuration and certificate.
      expect(policy.spec.egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-system" } } }], ports: [{ protocol: "TCP", port: 15012 }] });
    }
  });

  it("releases the frontend as an Istio-routed canary gated by an analysis of the sidecars' metrics", () => {
    const rollout = named("Rollout", namespace, "frontend");
    const canary = rollout.spec.strategy.canary;
    expect(canary.trafficRouting).toEqual({ istio: { virtualService: { name: "frontend", routes: ["primary"] } } });
    expect(canary.steps.some((step: Json) => step.analysis !== undefined)).toBe(true);
    const analysis = named("AnalysisTemplate", namespace, "frontend-success-rate");
    expect(analysis.spec.metrics[0].provider.prometheus.query).toContain("istio_requests_total");
    expect(analysis.spec.metrics[0].provider.prometheus.address).toBe("http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090");
    const route = named("VirtualService", namespace, "frontend").spec;
    expect(route.gateways).toEqual(["istio-ingress/public-gateway"]);
    expect(route.http[0].route.map((destination: Json) => [destination.destination.host, destination.weight])).toEqual([
      [`frontend.${namespace}.svc.cluster.local`, 100],
      [`frontend-canary.${namespace}.svc.cluster.local`, 0],
    ]);
  });

  it("keeps Postgres out of the mesh behind a NetworkPolicy, and hands content and comment their own users", () => {
    const database = named("PostgresCluster", namespace, "blog");
    expect(database.spec.metadata.labels).toEqual({ "sidecar.istio.io/inject": "false" });
    expect(database.spec.users.map((user: Json) => user.name)).toEqual(["content", "comment"]);
    for (const service of ["content", "comment"]) {
      expect(envOf(namespace, service).DATABASE_URL).toEqual({ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: `blog-pguser-${service}`, key: "uri" } } });
    }
    const policy = named("NetworkPolicy", namespace, "blog-postgres");
    expect(policy.spec.podSelector).toEqual({ matchLabels: { "postgres-operator.crunchydata.com/cluster": "blog" } });
    const clients = policy.spec.ingress.find((entry: Json) => entry.ports?.[0]?.port === 5432);
    expect(clients.from.map((peer: Json) => peer.podSelector.matchLabels["app.kubernetes.io/name"])).toEqual(["content", "comment"]);
  });

  it("stores the content service's media on an EFS volume that every replica mounts", () => {
    const claim = named("PersistentVolumeClaim", namespace, "content-media");
    expect(claim.spec.accessModes).toEqual(["ReadWriteMany"]);
    expect(claim.spec.storageClassName).toBe("efs");
    expect(named("StorageClass", undefined, "efs").provisioner).toBe("efs.csi.aws.com");
    expect(container(namespace, "content").volumeMounts).toContainEqual({ name: "data-media", mountPath: "/var/lib/blog/media" });
  });

  it("gives the user service its OIDC client: issuer and client ID as settings, the secret from a SealedSecret", () => {
    const env = envOf(namespace, "user");
    expect(env.OIDC_ISSUER_URL!.value).toMatch(/^https:\/\//);
    expect(env.OIDC_CLIENT_ID!.value).toBe(`blog-${namespace}`);
    expect(env.OIDC_CLIENT_SECRET).toEqual({ name: "OIDC_CLIENT_SECRET", valueFrom: { secretKeyRef: { name: `user-oidc-${namespace}`, key: "client-secret" } } });
    expect(named("SealedSecret", namespace, `user-oidc-${namespace}`).spec.encryptedData["client-secret"]).toMatch(/^Ag/);
  });
});

describe("the ingress gateway", () => {
  const gateway = named("Gateway", "istio-ingress", "public-gateway").spec;

  it("redirects plain HTTP to HTTPS for every host it serves", () => {
    const http = gateway.servers.filter((server: Json) => server.port.protocol === "HTTP");
    const httpsHosts = gateway.servers.filter((server: Json) => server.port.protocol === "HTTPS").flatMap((server: Json) => server.hosts);
    expect(http).toHaveLength(1);
    expect(http[0].tls).toEqual({ httpsRedirect: true });
    expect(sorted(http[0].hosts)).toEqual(sorted(httpsHosts));
  });

  it("serves each host with a cert-manager certificate from its environment's Let's Encrypt issuer", () => {
    const issuers: Record<string, string> = {};
    for (const server of gateway.servers.filter((candidate: Json) => candidate.port.protocol === "HTTPS")) {
      const certificate = named("Certificate", "istio-ingress", server.tls.credentialName);
      expect(certificate.spec.secretName).toBe(server.tls.credentialName);
      expect(sorted(certificate.spec.dnsNames)).toEqual(sorted(server.hosts));
      for (const host of server.hosts) issuers[host] = certificate.spec.issuerRef.name;
    }
    expect(issuers).toEqual({ "blog.example.org": "letsencrypt-production", "staging.blog.example.org": "letsencrypt-staging" });
    expect(ofKind("ClusterIssuer").map((issuer) => issuer.spec.acme.server)).toEqual(
      expect.arrayContaining(["https://acme-v02.api.letsencrypt.org/directory", "https://acme-staging-v02.api.letsencrypt.org/directory"]),
    );
  });
});

describe("staging and production", () => {
  it("differ in hosts, replicas, database size and backups", () => {
    expect(named("VirtualService", "production", "frontend").spec.hosts).toEqual(["blog.example.org"]);
    expect(named("VirtualService", "staging", "frontend").spec.hosts).toEqual(["staging.blog.example.org"]);
    for (const service of BLOG_SERVICES) {
      expect(workload("staging", service).spec.replicas, service).toBe(1);
      const production = workload("production", service).spec.replicas ?? named("HorizontalPodAutoscaler", "production", service).spec.minReplicas;
      expect(production, service).toBeGreaterThanOrEqual(2);
    }
    expect(named("PostgresCluster", "production", "blog").spec.instances[0].replicas).toBe(2);
    expect(named("PostgresCluster", "production", "blog").spec.backups.pgbackrest.repos[0].s3.bucket).toBe("example-org-blog-backups");
    expect(named("PostgresCluster", "staging", "blog").spec.backups).toBeUndefined();
  });

  it("run their own image tags: staging the release candidates", () => {
    expect(tagOf("production", "frontend")).toBe("2.4.1");
    expect(tagOf("staging", "frontend")).toMatch(/-rc\.[0-9]+$/);
    for (const service of BLOG_SERVICES) expect(tagOf("production", service), service).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+$/);
  });
});

describe("the platform", () => {
  it("keeps every secret sealed: no Secret objects, only SealedSecrets sealed to their name and namespace", () => {
    expect(ofKind("Secret")).toEqual([]);
    const sealed = ofKind("SealedSecret").map((object) => `${object.metadata.namespace}/${object.metadata.name}`);
    expect(sorted(sealed)).toEqual(["cert-manager/cloudflare-api-token", "production/blog-pgbackrest-s3", "production/user-oidc-production", "staging/user-oidc-staging"]);
    for (const object of ofKind("SealedSecret")) expect(object.metadata.annotations ?? {}).toEqual({});
  });

  it("installs each operator in the controllers layer and what uses its CRDs after it", () => {
    const folderOf = (kind: string) => [...new Set(entries.filter((entry) => entry.object.kind === kind).map((entry) => entry.component.split("/").slice(0, 2).join("/")))];
    expect(folderOf("HelmRelease")).toEqual(["infrastructure/controllers"]);
    for (const kind of ["ClusterIssuer", "Gateway", "Certificate", "StorageClass"]) expect(folderOf(kind), kind).toEqual(["infrastructure/configs"]);
    for (const kind of ["Rollout", "PostgresCluster", "VirtualService"]) expect(folderOf(kind), kind).toEqual(["apps/production", "apps/staging"]);
    expect(sorted(ofKind("HelmRelease").map((release) => release.metadata.name))).toEqual(
      sorted(["sealed-secrets", "cert-manager", "istio-base", "istiod", "istio-ingressgateway", "istio-cni", "argo-rollouts", "pgo", "kube-prometheus-stack", "metrics-server", "cluster-autoscaler", "aws-efs-csi-driver"]),
    );
  });

  it("scales nodes with the Cluster Autoscaler of the cluster's Kubernetes minor, and pods with metrics-server", () => {
    const autoscaler = named("HelmRelease", "kube-system", "cluster-autoscaler").spec.values;
    expect(autoscaler.image.tag).toMatch(/^v1\.35\./);
    expect(autoscaler.autoDiscovery.clusterName).toBe("blog");
    expect(ofKind("HelmRelease").some((release) => release.metadata.name === "metrics-server")).toBe(true);
    expect(ofKind("HorizontalPodAutoscaler", "production").map((hpa) => hpa.spec.scaleTargetRef.kind).sort()).toEqual(["Deployment", "Rollout"]);
  });
});
