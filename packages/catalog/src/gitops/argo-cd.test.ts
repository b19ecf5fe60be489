import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees, releaseValues } from "../../test/validate-components.ts";
import { ARGO_CD_CHART } from "../versions.ts";
import { argoCd } from "./argo-cd.ts";

const rich = () =>
  argoCd({
    namespace: "gitops",
    version: "10.3.3",
    ha: true,
    host: "argocd.example.com",
    issuer: { name: "letsencrypt-production" },
    protect: { name: "authentik", namespace: "authentik" },
    entryPoint: "websecure",
    oidc: { name: "Authentik", issuer: "https://auth.example.com/application/o/argocd/", clientID: "argocd", clientSecret: { name: "argocd-oidc", key: "client-secret" } },
    admin: false,
    rbac: { defaultRole: "", policy: "g, platform-admins, role:admin\n", scopes: ["groups", "email"] },
    metrics: { interval: "1m", labels: { release: "kube-prometheus-stack" } },
    values: { configs: { cm: { "exec.enabled": true } }, server: { resources: { requests: { cpu: "50m", memory: "128Mi" } } } },
  });

const renders = [
  { file: "argo-cd.default", build: () => argoCd() },
  { file: "argo-cd.rich", build: rich },
  { file: "argo-cd.published", build: () => argoCd({ host: "argocd.example.com", issuer: { name: "internal-ca", kind: "Issuer" } }) },
] as const;

describe("argoCd", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  itRendersValidTrees(renders, ({ build }) => [build()]);

  it("pins the argo-cd chart of Argo CD v3.5.1, the version whose CRDs the schema store pins", () => {
    expect(ARGO_CD_CHART).toMatchObject({ version: "10.3.3", appVersion: "v3.5.1" });
  });

  it("serves plain HTTP behind Traefik only when TLS terminates there", () => {
    const insecure = (component: ReturnType<typeof argoCd>) =>
      releaseValues(component).configs.params["server.insecure"];
    expect(insecure(argoCd())).toBe(false);
    expect(insecure(argoCd({ host: "argocd.example.com" }))).toBe(true);
  });

  it("references the OIDC client secret as $<secret>:<key>, never its value", () => {
    const values = releaseValues(rich());
    expect(values.configs.cm["oidc.config"]).toContain(`clientSecret: "$argocd-oidc:client-secret"`);
  });

  it("leaves out the gRPC route when a Middleware protects the UI, since the CLI cannot pass it", () => {
    const routes = (component: ReturnType<typeof argoCd>) => (component.configs!.find((object) => object.kind === "IngressRoute") as unknown as { spec: { routes: unknown[] } }).spec.routes.length;
    expect(routes(argoCd({ host: "argocd.example.com" }))).toBe(2);
    expect(routes(rich())).toBe(1);
  });
});

const invalid = [
  {
    label: "an unknown prop",
    build: () => argoCd({ hostname: "argocd.example.com" } as never),
    message: `argoCd: unknown field "hostname"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "OIDC without a host, and Dex with OIDC",
    build: () => argoCd({ dex: true, oidc: { issuer: "https://auth.example.com/", clientID: "argocd", clientSecret: { name: "argocd-oidc" } } }),
    message: [`argoCd: oidc: needs host: the provider redirects to https://<host>/auth/callback`, `argoCd: dex: use dex or oidc, not both`].join("\n"),
  },
  {
    label: "an issuer and a Middleware without a host",
    build: () => argoCd({ issuer: { name: "letsencrypt-production" }, protect: { name: "authentik", namespace: "authentik" } }),
    message: [`argoCd: issuer: applies to the published UI: set host too`, `argoCd: protect: applies to the published UI: set host too`].join("\n"),
  },
  {
    label: "a host that is not a host name, a plain-HTTP issuer URL and a chart range",
    build: () => argoCd({ version: "~10.3.0", host: "https://argocd.example.com", oidc: { issuer: "http://auth.example.com/", clientID: "argocd", clientSecret: { name: "argocd-oidc" } } }),
    message: [
      `argoCd: version: "~10.3.0" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
      `argoCd: host: "https://argocd.example.com" is not a host name such as app.example.org: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`,
      `argoCd: oidc.issuer: expected an https:// issuer URL`,
    ].join("\n"),
  },
] as const;

describeRejections("argoCd", invalid);
