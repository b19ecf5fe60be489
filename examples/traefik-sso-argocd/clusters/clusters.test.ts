/**
 * The production cluster of this example: its committed tree is exactly
 * what the definition renders, every path Argo CD syncs builds, and the
 * architecture holds — Argo CD syncs, Flux only runs Helm, credentials are
 * SealedSecrets only, one wildcard certificate through Cloudflare DNS-01
 * serves the demo apps, and Authentik guards every admin UI.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkProject, hasDrift, renderProject, scanForSecrets, type ApiObject } from "@typed-gitops/lib";
import { buildTargets, buildWithKustomize, checkSealingCertificate, installTools } from "@typed-gitops/lib/tooling";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const rendered = await renderProject(root);
const [tree] = rendered.trees;

type Json = Record<string, any>;

beforeAll(async () => {
  await installTools(root, { only: ["kustomize"] });
}, 1_800_000);

/** Every rendered object with the folder of the component that made it. */
const entries = [...tree!.objects.entries()].map(([path, { component, object }]) => ({ path, component, object: object as unknown as Json }));
const objects = entries.map(({ object }) => object);
const ofKind = (kind: string, group?: string) =>
  objects.filter((object) => object.kind === kind && (group === undefined || String(object.apiVersion).startsWith(`${group}/`)));
const named = (kind: string, name: string, namespace?: string) => {
  const found = ofKind(kind).filter((object) => object.metadata.name === name && (namespace === undefined || object.metadata.namespace === namespace));
  expect(found, `${kind} ${namespace ?? ""}/${name}`).toHaveLength(1);
  return found[0]!;
};
/** The path of authentik's outpost (login callback, sign-out), which protected hosts send to authentik past the middleware. */
const OUTPOST = "PathPrefix(`/outpost.goauthentik.io/`)";
/** The hosts an IngressRoute matches, with the middlewares of each route, and whether it is the outpost route. */
const routesOf = (route: Json) =>
  (route.spec.routes as Json[]).map((rule) => ({
    hosts: [...String(rule.match).matchAll(/Host\(`([^`]+)`\)/g)].map((match) => match[1]),
    middlewares: ((rule.middlewares ?? []) as Json[]).map((middleware) => `${middleware.namespace}/${middleware.name}`),
    outpost: String(rule.match).includes(OUTPOST),
    services: rule.services as Json[],
  }));

describe("cluster production", () => {
  it("is committed exactly as rendered", () => {
    expect(rendered.trees.map((rendered) => rendered.cluster)).toEqual(["production"]);
    const drift = checkProject(rendered);
    expect(drift.reports.filter(hasDrift)).toEqual([]);
  });

  it("builds with kustomize at its root and at every path an Argo CD Application syncs", async () => {
    const manifests = [...tree!.files].filter(([path]) => !path.endsWith("kustomization.yaml") && path.endsWith(".yaml")).map(([, text]) => parse(text) as Record<string, unknown>);
    const targets = buildTargets("production", manifests);
    expect(targets.length).toBeGreaterThan(1);
    const results = await buildWithKustomize(root, targets);
    expect(results.filter((result) => result.problem !== undefined).map((result) => result.problem)).toEqual([]);
    for (const result of results) expect(result.objects, result.target.folder).toBeGreaterThan(0);
  });
});

describe("GitOps: Argo CD syncs, Flux only runs Helm", () => {
  it("is an app-of-apps: a root Application for argocd/ and one Application per layer, in wave order", () => {
    const applications = ofKind("Application", "argoproj.io").map((application) => ({
      name: application.metadata.name,
      wave: application.metadata.annotations["argocd.argoproj.io/sync-wave"],
      path: application.spec.source.path,
      project: application.spec.project,
    }));
    expect(applications.sort((a, b) => Number(a.wave) - Number(b.wave))).toEqual([
      { name: "root", wave: "0", path: "generated/production/argocd", project: "platform" },
      { name: "infra-controllers", wave: "1", path: "generated/production/infrastructure/controllers", project: "platform" },
      { name: "infra-configs", wave: "2", path: "generated/production/infrastructure/configs", project: "platform" },
      { name: "apps", wave: "3", path: "generated/production/apps", project: "platform" },
    ]);
    for (const application of ofKind("Application", "argoproj.io")) expect(application.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  it("installs only Flux's source and helm controllers, and no Flux object reads git", () => {
    const deployments = entries.filter(({ component, object }) => component === "infrastructure/controllers/flux" && object.kind === "Deployment");
    expect(deployments.map(({ object }) => object.metadata.name).sort()).toEqual(["helm-controller", "source-controller"]);
    expect(ofKind("Kustomization", "kustomize.toolkit.fluxcd.io")).toEqual([]);
    expect(ofKind("GitRepository", "source.toolkit.fluxcd.io")).toEqual([]);
  });

  it("installs every chart through a HelmRelease: those with CRDs in the controllers layer, Authentik with its SealedSecrets in the configs layer", () => {
    const releases = entries.filter(({ object }) => object.kind === "HelmRelease").map(({ component, object }) => `${component}: ${object.metadata.name}`);
    expect(releases.sort()).toEqual([
      "infrastructure/configs/authentik: authentik",
      "infrastructure/controllers/argo-cd: argocd",
      "infrastructure/controllers/cert-manager: cert-manager",
      "infrastructure/controllers/sealed-secrets: sealed-secrets",
      "infrastructure/controllers/traefik: traefik",
    ]);
  });

  it("restores Argo CD's Application health check, so each sync wave waits for the layer before it", () => {
    const cm = named("HelmRelease", "argocd", "argocd").spec.values.configs.cm;
    expect(cm["resource.customizations.health.argoproj.io_Application"]).toMatch(/obj\.status\.health\.status/);
  });
});

describe("secrets: SealedSecrets only, because Argo CD cannot decrypt SOPS", () => {
  it("commits no Secret at all, and a strict-scoped SealedSecret for each credential, in the configs layer", () => {
    expect(ofKind("Secret")).toEqual([]);
    const sealed = entries.filter(({ object }) => object.kind === "SealedSecret");
    expect(sealed.map(({ object }) => `${object.metadata.namespace}/${object.metadata.name}`).sort()).toEqual([
      "authentik/authentik-credentials",
      "authentik/authentik-postgresql",
      "cert-manager/cloudflare-api-token",
      "cloudflare-ddns/cloudflare-ddns-token",
    ]);
    for (const { component, object } of sealed) {
      // The SealedSecret CRD comes with the controller's chart: only the next layer may use it.
      expect(component).toMatch(/^infrastructure\/configs\//);
      expect(object.metadata.annotations?.["sealedsecrets.bitnami.com/namespace-wide"]).toBeUndefined();
      expect(object.metadata.annotations?.["sealedsecrets.bitnami.com/cluster-wide"]).toBeUndefined();
    }
  });

  it("gives each consumer the keys it reads from its SealedSecret", () => {
    const keys = (name: string) => Object.keys(named("SealedSecret", name).spec.encryptedData).sort();
    expect(keys("cloudflare-api-token")).toEqual(["api-token"]);
    expect(keys("cloudflare-ddns-token")).toEqual(["api-token"]);
    expect(keys("authentik-credentials")).toEqual(["AUTHENTIK_BOOTSTRAP_PASSWORD", "AUTHENTIK_SECRET_KEY"]);
    expect(keys("authentik-postgresql")).toEqual(["password", "postgres-password"]);
    const ddns = named("Deployment", "cloudflare-ddns", "cloudflare-ddns").spec.template.spec.containers[0];
    expect(ddns.env.find((variable: Json) => variable.name === "CLOUDFLARE_API_TOKEN").valueFrom.secretKeyRef).toEqual({ name: "cloudflare-ddns-token", key: "api-token" });
  });

  it("has a public sealing certificate and no private key anywhere under clusters/", () => {
    const certificate = checkSealingCertificate(join(root, "clusters/production/sealed-secrets.pem"));
    expect(certificate.subject).toBe("CN=sealed-secret");
    const dir = join(root, "clusters");
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const file of files) expect(readFileSync(join(file.parentPath, file.name), "utf8"), relative(root, join(file.parentPath, file.name))).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  });

  it("renders nothing the secret scan flags", () => {
    expect(scanForSecrets(entries.map(({ path, object }) => ({ path: `generated/production/${path}`, object: object as unknown as ApiObject })))).toEqual([]);
  });
});

describe("certificates: a wildcard through Cloudflare DNS-01", () => {
  it("has Let's Encrypt ClusterIssuers that solve DNS-01 through Cloudflare with the sealed token", () => {
    for (const name of ["letsencrypt-production", "letsencrypt-staging"]) {
      const solvers = named("ClusterIssuer", name).spec.acme.solvers as Json[];
      expect(solvers).toEqual([
        { selector: { dnsZones: ["example.org"] }, dns01: { cloudflare: { apiTokenSecretRef: { name: "cloudflare-api-token", key: "api-token" } } } },
      ]);
    }
  });

  it("issues one wildcard certificate, for *.example.org and the apex, in the namespace whose routes serve it", () => {
    const wildcards = ofKind("Certificate").filter((certificate) => (certificate.spec.dnsNames as string[]).some((name) => name.startsWith("*.")));
    expect(wildcards).toHaveLength(1);
    const [wildcard] = wildcards;
    expect(wildcard!.spec.dnsNames).toEqual(["example.org", "*.example.org"]);
    expect(wildcard!.spec.issuerRef).toEqual({ name: "letsencrypt-production", group: "cert-manager.io", kind: "ClusterIssuer" });
    const demoRoutes = ofKind("IngressRoute").filter((route) => route.metadata.namespace === "demo");
    expect(demoRoutes.map((route) => route.metadata.name).sort()).toEqual(["hello", "whoami"]);
    for (const route of demoRoutes) {
      expect(route.metadata.namespace).toBe(wildcard!.metadata.namespace);
      expect(route.spec.tls).toEqual({ secretName: wildcard!.spec.secretName });
      expect(route.spec.entryPoints).toEqual(["websecure"]);
    }
  });

  it("keeps the apex and wildcard DNS records pointed at the cluster", () => {
    const ddns = named("Deployment", "cloudflare-ddns", "cloudflare-ddns").spec.template.spec.containers[0];
    expect(ddns.env.find((variable: Json) => variable.name === "DOMAINS").value).toBe("example.org,*.example.org");
  });
});

describe("single sign-on: Authentik guards the admin UIs", () => {
  const forwardAuth = "authentik/authentik-forward-auth";

  it("runs Authentik's server, worker and bundled PostgreSQL from sealed credentials", () => {
    const values = named("HelmRelease", "authentik", "authentik").spec.values;
    expect(values.postgresql.enabled).toBe(true);
    expect(values.postgresql.auth.existingSecret).toBe("authentik-postgresql");
    expect(values.server.replicas).toBeGreaterThanOrEqual(1);
    expect(values.worker.replicas).toBeGreaterThanOrEqual(1);
    const fromSecrets = (values.global.env as Json[]).map((variable) => variable.valueFrom.secretKeyRef.name);
    expect(new Set(fromSecrets)).toEqual(new Set(["authentik-credentials", "authentik-postgresql"]));
    const middleware = named("Middleware", "authentik-forward-auth", "authentik");
    expect(middleware.spec.forwardAuth.address).toBe("http://authentik-server.authentik.svc.cluster.local/outpost.goauthentik.io/auth/traefik");
  });

  it.each([
    ["the Traefik dashboard", "traefik.example.org"],
    ["the Argo CD UI", "argocd.example.org"],
    ["the private echo", "whoami.example.org"],
  ])("puts %s (%s) behind the ForwardAuth middleware on every route", (_, host) => {
    const routes = ofKind("IngressRoute").flatMap(routesOf).filter((route) => route.hosts.includes(host));
    expect(routes.filter((route) => !route.outpost).length).toBeGreaterThan(0);
    for (const route of routes.filter((candidate) => !candidate.outpost)) expect(route.middlewares).toEqual([forwardAuth]);
    // The outpost's own paths go to authentik, not through the middleware, or the login could never complete.
    const outpost = routes.filter((route) => route.outpost);
    expect(outpost.map((route) => ({ middlewares: route.middlewares, services: route.services }))).toEqual([
      { middlewares: [], services: [{ kind: "Service", name: "authentik-server", namespace: "authentik", port: 80 }] },
    ]);
  });

  it("lets Traefik use the middleware across namespaces", () => {
    expect(named("HelmRelease", "traefik", "traefik").spec.values.providers.kubernetesCRD.allowCrossNamespace).toBe(true);
  });

  it("publishes no gRPC route for Argo CD behind ForwardAuth (the argocd CLI cannot pass it)", () => {
    const argocd = ofKind("IngressRoute").filter((route) => route.metadata.namespace === "argocd");
    expect(argocd.flatMap((route) => route.spec.routes as Json[]).map((rule) => rule.match)).toEqual(["Host(`argocd.example.org`)", `Host(\`argocd.example.org\`) && ${OUTPOST}`]);
  });
});

describe("the demo apps", () => {
  it.each(["hello", "whoami"])("runs %s with two replicas of a pinned whoami, a disruption budget and probes", (name) => {
    const deployment = named("Deployment", name, "demo");
    expect(deployment.spec.replicas).toBe(2);
    const [container] = deployment.spec.template.spec.containers;
    expect(container.image).toBe("docker.io/traefik/whoami:v1.11.0");
    expect(container.readinessProbe.httpGet.path).toBe("/health");
    expect(named("PodDisruptionBudget", name, "demo").spec.maxUnavailable).toBe(1);
  });

  it("denies all traffic in the demo namespace except from Traefik", () => {
    expect(named("NetworkPolicy", "default-deny", "demo").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    for (const name of ["hello", "whoami"]) {
      const policy = named("NetworkPolicy", name, "demo");
      expect(policy.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } } }], ports: [{ protocol: "TCP", port: 8080 }] }]);
    }
  });
});
