import { IngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles, releaseValues } from "../../test/validate-components.ts";
import { AUTHENTIK_CHART } from "../versions.ts";
import { authentik, type AuthentikProps } from "./authentik.ts";
import { AUTHENTIK_RESPONSE_HEADERS } from "./forward-auth-middleware.ts";

const minimal: AuthentikProps = {
  host: "auth.example.org",
  issuer: { name: "letsencrypt-production" },
  credentialsSecret: "authentik-credentials",
  postgresql: { mode: "bundled", passwordSecret: "authentik-postgresql" },
};

const rich: AuthentikProps = {
  namespace: "identity",
  version: "2026.8.0",
  host: "sso.example.org",
  issuer: { name: "internal-ca", kind: "Issuer" },
  entryPoints: ["websecure", "internal"],
  credentialsSecret: "authentik-bootstrap",
  postgresql: { mode: "external", host: "authentik-rw.databases.svc.cluster.local", port: 5433, database: "sso", user: "sso", passwordSecret: "authentik-db", passwordKey: "pw" },
  server: { replicas: 2, resources: { requests: { cpu: "250m", memory: "768Mi" }, limits: { memory: "1536Mi", cpu: "2" } } },
  worker: { replicas: 3 },
  email: { host: "smtp.example.org", port: 465, security: "tls", from: "authentik <auth@example.org>", timeout: 10, credentialsSecret: "authentik-smtp" },
  logLevel: "warning",
  forwardAuthName: "sso",
  metrics: { interval: "1m", labels: { release: "kube-prometheus-stack" } },
  values: { global: { image: { digest: "sha256:0000000000000000000000000000000000000000000000000000000000000000" } }, server: { podLabels: { team: "platform" } } },
};

/** A protected app: its IngressRoute uses the ForwardAuth Middleware and the outpost route. */
function protectedApp(sso: ReturnType<typeof authentik>) {
  return {
    "apps/whoami": [
      new Namespace({ metadata: { name: "whoami" } }),
      new IngressRoute({
        metadata: { name: "whoami", namespace: "whoami" },
        spec: {
          entryPoints: ["websecure"],
          routes: [
            { kind: "Rule", match: "Host(`whoami.example.org`)", middlewares: [sso.forwardAuth], services: [{ name: "whoami", port: 80 }] },
            sso.outpostRoute("whoami.example.org"),
          ],
          tls: { secretName: "whoami-tls" },
        },
      }),
    ],
  };
}

const renders = [
  { file: "authentik.default", props: minimal },
  { file: "authentik.rich", props: rich },
] as const;

describe("authentik", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent(authentik(props)));

  it("renders components that validate, build with kustomize and wire a protected app's IngressRoute", async () => {
    const sso = authentik(minimal);
    const other = authentik({ ...rich, metrics: { ...rich.metrics, enabled: true } });
    await expectValidTree([sso], { extra: protectedApp(sso) });
    await expectValidTree([other], { extra: protectedApp(other) });
  });

  it("pins the chart whose authentik version is its own", () => {
    expect(AUTHENTIK_CHART).toEqual({ version: "2026.8.3", chart: "authentik", repository: "https://charts.goauthentik.io", appVersion: "2026.8.3" });
  });

  it("exposes the ForwardAuth Middleware as a MiddlewareRef, pointing at the embedded outpost", () => {
    const sso = authentik(rich);
    expect(sso.forwardAuth).toEqual({ name: "sso", namespace: "identity" });
    const middleware = sso.configs!.find((object) => object.kind === "Middleware") as unknown as { spec: { forwardAuth: Record<string, unknown> } };
    expect(middleware.spec.forwardAuth).toEqual({
      address: "http://authentik-server.identity.svc.cluster.local/outpost.goauthentik.io/auth/traefik",
      trustForwardHeader: true,
      authResponseHeaders: [...AUTHENTIK_RESPONSE_HEADERS],
    });
  });

  it("gives the outpost route for a protected host, to the server Service in authentik's namespace", () => {
    expect(authentik(minimal).outpostRoute("app.example.org")).toEqual({
      kind: "Rule",
      match: "Host(`app.example.org`) && PathPrefix(`/outpost.goauthentik.io/`)",
      services: [{ kind: "Service", name: "authentik-server", namespace: "authentik", port: 80 }],
    });
  });

  it("never inlines a secret: every credential is a secretKeyRef, the bootstrap ones optional", () => {
    const values = releaseValues(authentik(rich));
    expect(values.global.env).toEqual([
      { name: "AUTHENTIK_SECRET_KEY", valueFrom: { secretKeyRef: { name: "authentik-bootstrap", key: "AUTHENTIK_SECRET_KEY" } } },
      { name: "AUTHENTIK_BOOTSTRAP_PASSWORD", valueFrom: { secretKeyRef: { name: "authentik-bootstrap", key: "AUTHENTIK_BOOTSTRAP_PASSWORD", optional: true } } },
      { name: "AUTHENTIK_BOOTSTRAP_TOKEN", valueFrom: { secretKeyRef: { name: "authentik-bootstrap", key: "AUTHENTIK_BOOTSTRAP_TOKEN", optional: true } } },
      { name: "AUTHENTIK_BOOTSTRAP_EMAIL", valueFrom: { secretKeyRef: { name: "authentik-bootstrap", key: "AUTHENTIK_BOOTSTRAP_EMAIL", optional: true } } },
      { name: "AUTHENTIK_POSTGRESQL__PASSWORD", valueFrom: { secretKeyRef: { name: "authentik-db", key: "pw" } } },
      { name: "AUTHENTIK_EMAIL__USERNAME", valueFrom: { secretKeyRef: { name: "authentik-smtp", key: "username" } } },
      { name: "AUTHENTIK_EMAIL__PASSWORD", valueFrom: { secretKeyRef: { name: "authentik-smtp", key: "password" } } },
    ]);
  });

  it("installs the release in the configs layer, where the Secrets it reads may be made by ExternalSecrets or SealedSecrets", () => {
    const sso = authentik(minimal);
    expect(sso.controllers!.map((object) => object.kind)).toEqual(["Namespace", "HelmRepository"]);
    expect(sso.configs!.filter((object) => object.kind === "HelmRelease").map((object) => object.metadata?.name)).toEqual(["authentik"]);
  });

  it("renders no ServiceMonitor when metrics are off or disabled", () => {
    const kinds = (props: AuthentikProps) => authentik(props).configs!.map((object) => object.kind);
    expect(kinds(minimal)).toEqual(["HelmRelease", "Certificate", "IngressRoute", "Middleware"]);
    expect(kinds({ ...minimal, metrics: { enabled: false } })).toEqual(["HelmRelease", "Certificate", "IngressRoute", "Middleware"]);
    expect(kinds({ ...minimal, metrics: {} })).toEqual(["HelmRelease", "Certificate", "IngressRoute", "Middleware", "ServiceMonitor", "ServiceMonitor"]);
  });
});

const invalid = [
  {
    label: "missing required props",
    build: () => authentik({} as AuthentikProps),
    message: [
      "authentik: host: is required",
      "authentik: issuer: Invalid input: expected object, received undefined",
      "authentik: credentialsSecret: is required",
      "authentik: postgresql: is required",
    ].join("\n"),
  },
  {
    label: "an unknown prop, such as a Redis the pinned authentik no longer uses",
    build: () => authentik({ ...minimal, redis: { mode: "bundled" } } as AuthentikProps),
    message: `authentik: unknown field "redis"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a host that is not a fully qualified name and a chart version range",
    build: () => authentik({ ...minimal, host: "authentik", version: "2026.x" }),
    message: [
      `authentik: version: "2026.x" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
      `authentik: host: "authentik" is not a fully qualified host name such as app.example.org: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`,
    ].join("\n"),
  },
  {
    label: "an external database without its host and password Secret",
    build: () => authentik({ ...minimal, postgresql: { mode: "external" } as never }),
    message: [
      "authentik: postgresql.host: is required",
      "authentik: postgresql.passwordSecret: is required",
    ].join("\n"),
  },
  {
    label: "a database mode that does not exist",
    build: () => authentik({ ...minimal, postgresql: { mode: "managed", passwordSecret: "db" } as never }),
    message: `authentik: postgresql.mode: expected mode "bundled" or "external"`,
  },
  {
    label: "zero replicas, a bad quantity and an unknown email security",
    build: () => authentik({ ...minimal, server: { replicas: 0 }, worker: { resources: { limits: { memory: "1 GB" } } }, email: { host: "smtp.example.org", from: "a@b.c", security: "ssl" as never } }),
    message: [
      "authentik: server.replicas: must be at least 1",
      "authentik: worker.resources.limits.memory: expected a Kubernetes quantity such as 100m, 512Mi or 2Gi",
      `authentik: email.security: Invalid option: expected one of "starttls"|"tls"|"none"`,
    ].join("\n"),
  },
] as const;

describeRejections("authentik", invalid);
