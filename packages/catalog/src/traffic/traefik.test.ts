import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles, releaseValues } from "../../test/validate-components.ts";
import { certManager } from "../certificates/cert-manager.ts";
import { certManagerIssuers } from "../certificates/issuer-refs.ts";
import { traefik } from "./traefik.ts";

const issuers = certManager({
  letsEncrypt: { email: "ops@example.org", cloudflare: { apiToken: { secretName: "cloudflare-api-token", key: "api-token" }, dnsZones: ["example.org"] }, http01: { ingressClassName: "traefik" } },
}).issuers;

const renders = [
  { file: "traefik.default", build: () => traefik() },
  {
    file: "traefik.rich",
    build: () =>
      traefik({
        namespace: "ingress",
        version: "41.2.0",
        replicas: 3,
        service: { type: "LoadBalancer", annotations: { "metallb.io/loadBalancerIPs": "192.168.1.240" }, externalTrafficPolicy: "Local", loadBalancerSourceRanges: ["192.168.0.0/16"] },
        forwardedHeadersTrustedIPs: ["173.245.48.0/20", "2400:cb00::/32"],
        ingressClass: { name: "traefik-public", default: false },
        providers: { kubernetesIngress: true, allowCrossNamespace: true, gatewayApi: true },
        logLevel: "WARN",
        accessLogs: { format: "common" },
        tls: { minVersion: "VersionTLS13", sniStrict: true },
        metrics: { interval: "15s", labels: { release: "kube-prometheus-stack" } },
        dashboard: { host: "traefik.example.org", issuer: issuers.production, auth: { middleware: { name: "authentik", namespace: "authentik" } } },
        values: { deployment: { revisionHistoryLimit: 3 }, resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } } },
      }),
  },
  {
    file: "traefik.basic-auth",
    build: () => traefik({ redirectToHttps: false, service: { type: "NodePort" }, providers: { kubernetesIngress: false }, dashboard: { host: "traefik.home.example.org", issuer: certManagerIssuers.staging, auth: { basicAuthSecret: "traefik-dashboard-users" } } }),
  },
] as const;

describe("traefik", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  it("renders objects that validate against the pinned schemas, CEL rules and kustomize", async () => {
    await expectValidTree([renders[1].build()]);
    await expectValidTree([renders[0].build()]);
    await expectValidTree([renders[2].build()]);
  });

  it("redirects HTTP to HTTPS with the chart 41 entrypoint syntax, and sets the Service type under service.spec", () => {
    const values = releaseValues(traefik());
    expect(values.ports.web.http.redirections.entryPoint).toEqual({ to: "websecure", scheme: "https", permanent: true });
    expect(values.service.spec.type).toBe("LoadBalancer");
  });

  it("adds a PodDisruptionBudget only with more than one replica, unless told", () => {
    const pdbOf = (component: ReturnType<typeof traefik>) => releaseValues(component).podDisruptionBudget;
    expect(pdbOf(traefik())).toEqual({ enabled: false });
    expect(pdbOf(traefik({ replicas: 2 }))).toEqual({ enabled: true, maxUnavailable: 1 });
    expect(pdbOf(traefik({ replicas: 2, podDisruptionBudget: false }))).toEqual({ enabled: false });
  });
});

const invalid = [
  {
    label: "an unknown prop",
    build: () => traefik({ replica: 2 } as never),
    message: `traefik: unknown field "replica"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a version range and a Service type that does not exist",
    build: () => traefik({ version: "41.x", service: { type: "External" as never } }),
    message: [
      `traefik: version: "41.x" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
      `traefik: service.type: Invalid option: expected one of "LoadBalancer"|"NodePort"|"ClusterIP"`,
    ].join("\n"),
  },
  {
    label: "a dashboard without authentication",
    build: () => traefik({ dashboard: { host: "traefik.example.org", issuer: certManagerIssuers.production, auth: {} } }),
    message: "traefik: dashboard.auth: give one of middleware or basicAuthSecret: the dashboard is never exposed without authentication",
  },
  {
    label: "a dashboard host that is not a host name, and two kinds of authentication",
    build: () => traefik({ dashboard: { host: "Traefik_Dashboard", issuer: certManagerIssuers.production, auth: { basicAuthSecret: "users", middleware: { name: "authentik", namespace: "authentik" } } } }),
    message: [
      `traefik: dashboard.host: "Traefik_Dashboard" is not a host name such as app.example.org: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`,
      "traefik: dashboard.auth: middleware and basicAuthSecret cannot be given together: give one of them",
    ].join("\n"),
  },
  {
    label: "a dashboard middleware in another namespace without cross-namespace references",
    build: () => traefik({ providers: { allowCrossNamespace: false }, dashboard: { host: "traefik.example.org", issuer: certManagerIssuers.production, auth: { middleware: { name: "authentik", namespace: "authentik" } } } }),
    message: "traefik: dashboard.auth.middleware: is in namespace authentik, which the dashboard (in traefik) may use only with providers.allowCrossNamespace",
  },
  {
    label: "a trusted proxy that is not a CIDR range",
    build: () => traefik({ forwardedHeadersTrustedIPs: ["10.0.0.1"] }),
    message: "traefik: forwardedHeadersTrustedIPs[0]: expected a CIDR range such as 10.0.0.0/8",
  },
] as const;

describeRejections("traefik", invalid);
