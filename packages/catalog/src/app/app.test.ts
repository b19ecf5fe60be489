import { describe, expect, it } from "vitest";
import { emitComponent, thrownMessage, validateComponents } from "../../test/validate-components.ts";
import { authentik } from "../identity/authentik.ts";
import { app, defineApp } from "./app.ts";

const minimal = () => app({ name: "web", image: "ghcr.io/acme/web:1.4.2" });

const rich = () =>
  app({
    name: "shop",
    namespace: "shop",
    image: "ghcr.io/acme/shop:2.0.1",
    port: 3000,
    replicas: 3,
    resources: { cpu: "250m", memory: "256Mi", cpuLimit: "1" },
    autoscaling: { maxReplicas: 10, cpuUtilization: 70 },
    expose: { host: "shop.example.org", via: "traefik", tls: { issuer: { name: "letsencrypt-production" } }, protect: { name: "authentik", namespace: "authentik" } },
    env: { LOG_LEVEL: "info", NODE_ENV: "production" },
    config: { "settings.json": '{"currency":"EUR"}\n' },
    secretEnv: { DATABASE_PASSWORD: { secret: "shop-database", key: "password" } },
    externalSecrets: [{ name: "shop-database", store: { name: "vault" }, data: [{ secretKey: "password", key: "shop/database", property: "password" }] }],
    metrics: { port: 9100 },
    calls: [{ namespace: "kafka", port: 9092 }, { namespace: "shop", selector: { "postgres-operator.crunchydata.com/cluster": "shop-db" }, port: 5432 }],
    allowFrom: [{ namespace: "gateway", app: "gateway" }],
  });

const canary = () =>
  app({
    name: "frontend",
    namespace: "blog",
    image: "ghcr.io/acme/frontend:3.1.0",
    mesh: "istio",
    workload: { kind: "Rollout", trafficRouting: "istio" },
    expose: { host: "blog.example.org", via: "istio", tls: { issuer: { name: "letsencrypt-production" } } },
    metrics: {},
  });

const ingress = () => app({ name: "docs", image: "ghcr.io/acme/docs:1.0.0", replicas: 1, expose: { host: "docs.example.org", via: "ingress", ingressClassName: "nginx", tls: { issuer: { name: "letsencrypt-staging" } } } });

const gateway = () => app({ name: "api", image: "ghcr.io/acme/api:1.0.0", expose: { host: "api.example.org", via: "gateway", gateway: { name: "public", namespace: "gateway" } } });

const sqlite = () =>
  app({
    name: "notes",
    image: "ghcr.io/acme/notes:0.9.0",
    replicas: 1,
    volumes: [{ name: "data", mountPath: "/data", size: "5Gi", storageClassName: "local-path" }],
    env: { DATABASE_URL: "file:/data/notes.db" },
  });

const cases = [
  { file: "app.minimal", build: minimal },
  { file: "app.rich", build: rich },
  { file: "app.canary-istio", build: canary },
  { file: "app.ingress", build: ingress },
  { file: "app.gateway", build: gateway },
  { file: "app.sqlite", build: sqlite },
] as const;

describe("app", () => {
  it.each(cases)("renders $file as its golden file", async ({ file, build }) => {
    await expect(emitComponent(build())).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it("renders every case as a tree that validates, passes the policies without suppressions and builds with kustomize", async () => {
    const result = await validateComponents(cases.map(({ build }) => build()), {
      cluster: {
        preexisting: {
          namespaces: ["authentik", "gateway", "kafka", "istio-ingress"],
          objects: [{ kind: "ClusterSecretStore", name: "vault", reason: "the secrets catalog component renders it in a real cluster" }],
        },
      },
    });
    expect(result.problems).toEqual([]);
    expect([...result.files.values()].join("\n")).not.toContain("suppress.policy");
  });

  it("leaves replicas to the autoscaler and guards the pods with a disruption budget", () => {
    const objects = rich().apps!;
    const deployment = objects.find((object) => object.kind === "Deployment") as unknown as { spec: Record<string, unknown> };
    expect(deployment.spec.replicas).toBeUndefined();
    expect(objects.map((object) => object.kind)).toEqual(expect.arrayContaining(["HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor", "Certificate", "IngressRoute", "ExternalSecret"]));
  });

  it("sends authentik's outpost paths of a protected host to authentik, past the ForwardAuth middleware", () => {
    const sso = authentik({ host: "auth.example.org", issuer: { name: "letsencrypt-production" }, credentialsSecret: "authentik-credentials", postgresql: { mode: "bundled", passwordSecret: "authentik-postgresql" } });
    const route = app({ name: "web", image: "ghcr.io/acme/web:1.4.2", expose: { host: "web.example.org", protect: sso.forwardAuth } }).apps!.find((object) => object.kind === "IngressRoute") as unknown as { spec: { routes: unknown[] } };
    expect(route.spec.routes).toEqual([
      { kind: "Rule", match: "Host(`web.example.org`)", middlewares: [{ name: "authentik-forward-auth", namespace: "authentik" }], services: [{ name: "web", port: 80 }] },
      { kind: "Rule", match: "Host(`web.example.org`) && PathPrefix(`/outpost.goauthentik.io/`)", services: [{ kind: "Service", name: "authentik-server", namespace: "authentik", port: 80 }] },
    ]);
  });

  it("names the ConfigMap by its content, so a change of config rolls the pods", () => {
    const name = (config: Record<string, string>) => app({ name: "web", image: "ghcr.io/acme/web:1.4.2", config }).apps!.find((object) => object.kind === "ConfigMap")!.metadata!.name;
    expect(name({ a: "1" })).toMatch(/^web-config-[0-9a-f]{10}$/);
    expect(name({ a: "1" })).toBe(name({ a: "1" }));
    expect(name({ a: "2" })).not.toBe(name({ a: "1" }));
  });
});

describe("defineApp", () => {
  const web = defineApp({ name: "web", image: "ghcr.io/acme/web:1.4.2", replicas: 3, env: { A: "1" }, expose: { host: "web.example.org" } });

  it("applies a cluster's overrides in one place: tag, host, replicas and merged env", () => {
    const objects = web({ tag: "1.5.0-rc.1", host: "web.staging.example.org", replicas: 1, env: { B: "2" } }).apps!;
    const deployment = objects.find((object) => object.kind === "Deployment") as unknown as { spec: { replicas: number; template: { spec: { containers: { image: string; env: { name: string }[] }[] } } } };
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0]!.image).toBe("ghcr.io/acme/web:1.5.0-rc.1");
    expect(deployment.spec.template.spec.containers[0]!.env.map((entry) => entry.name)).toEqual(["A", "B"]);
    const route = objects.find((object) => object.kind === "IngressRoute") as unknown as { spec: { routes: { match: string }[] } };
    expect(route.spec.routes[0]!.match).toBe("Host(`web.staging.example.org`)");
  });

  it("merges a partial expose override into the base's", () => {
    const route = web({ expose: { tls: { secretName: "wildcard-tls" } } }).apps!.find((object) => object.kind === "IngressRoute") as unknown as { spec: { routes: { match: string }[]; tls: { secretName: string } } };
    expect(route.spec.routes[0]!.match).toBe("Host(`web.example.org`)");
    expect(route.spec.tls.secretName).toBe("wildcard-tls");
  });

  it("pins a digest when the tag is one", () => {
    const deployment = web({ tag: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }).apps!.find((object) => object.kind === "Deployment") as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(deployment.spec.template.spec.containers[0]!.image).toBe("ghcr.io/acme/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  });
});

describe("app errors", () => {
  it.each([
    {
      label: "an unknown prop",
      build: () => app({ name: "web", image: "ghcr.io/acme/web:1.4.2", replica: 2 } as never),
      message: 'app "web": unknown field "replica"\n  hint: remove it, or check its spelling against the documented props',
    },
    {
      label: "a ReadWriteOnce volume with several replicas",
      build: () => app({ name: "notes", image: "ghcr.io/acme/notes:0.9.0", replicas: 2, volumes: [{ name: "data", mountPath: "/data", size: "1Gi" }] }),
      message: 'app "notes": volumes["data"]: is ReadWriteOnce, which one pod at a time can write, but the app runs 2 replicas\n  hint: set replicas: 1 and no autoscaling, or use a ReadWriteMany volume',
    },
    {
      label: "Istio canary routing without Istio exposure",
      build: () => app({ name: "web", image: "ghcr.io/acme/web:1.4.2", workload: { kind: "Rollout", trafficRouting: "istio" }, expose: { host: "web.example.org" } }),
      message: 'app "web": workload.trafficRouting: istio traffic routing needs the app exposed via istio, not traefik\n  hint: set expose.via: "istio", or trafficRouting: "none"',
    },
    {
      label: "a Traefik middleware on an Ingress",
      build: () => app({ name: "web", image: "ghcr.io/acme/web:1.4.2", expose: { host: "web.example.org", via: "ingress", protect: { name: "authentik", namespace: "authentik" } } }),
      message: 'app "web": expose.protect: is a Traefik middleware, but the app is exposed via ingress\n  hint: use via: "traefik", or protect the app at its gateway',
    },
    {
      label: "a gateway route without its Gateway",
      build: () => app({ name: "web", image: "ghcr.io/acme/web:1.4.2", expose: { host: "web.example.org", via: "gateway" } }),
      message: 'app "web": expose.gateway: is required for via gateway\n  hint: name the Gateway the HTTPRoute attaches to: { name, namespace }',
    },
  ])("rejects $label", ({ build, message }) => {
    expect(thrownMessage(build)).toBe(message);
  });
});
