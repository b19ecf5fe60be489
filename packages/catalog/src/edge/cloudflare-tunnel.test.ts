import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { CLOUDFLARED_IMAGE } from "../versions.ts";
import { cloudflaredConfig, cloudflareTunnel, type CloudflareTunnelProps } from "./cloudflare-tunnel.ts";

const TUNNEL = "6ff42ae2-765d-4adf-8112-31c55c1551ef";

const minimal: CloudflareTunnelProps = {
  tunnelId: TUNNEL,
  credentialsSecret: "tunnel-credentials",
  ingress: [{ hostname: "app.example.org", service: "http://traefik.traefik.svc.cluster.local:80", targetPort: 8000 }],
};

const rich: CloudflareTunnelProps = {
  name: "edge-tunnel",
  namespace: "edge",
  createNamespace: false,
  tunnelId: TUNNEL,
  credentialsSecret: "edge-tunnel",
  credentialsKey: "tunnel.json",
  ingress: [
    { hostname: "grafana.example.org", service: "http://grafana.monitoring.svc.cluster.local:80", targetPort: 3000 },
    { hostname: "app.example.org", path: "^/api/", service: "http://api.apps.svc.cluster.local:8080" },
    { hostname: "app.example.org", service: "http://web.apps.svc.cluster.local:80" },
    { hostname: "*.example.org", service: "https://traefik.traefik.svc.cluster.local:443", targetPort: 8443, originRequest: { noTLSVerify: true, originServerName: "example.org" } },
    { hostname: "ssh.example.org", service: "ssh://bastion.apps.svc:22" },
    { hostname: "old.example.org", service: "http_status:410" },
  ],
  replicas: 3,
  protocol: "quic",
  logLevel: "warn",
  image: { tag: "2026.9.1" },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi", cpu: "1" } },
  metrics: { interval: "1m", labels: { release: "kube-prometheus-stack" } },
};

const renders = [
  { file: "cloudflare-tunnel.default", props: minimal },
  { file: "cloudflare-tunnel.rich", props: rich },
] as const;

describe("cloudflareTunnel", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent(cloudflareTunnel(props)));

  it("renders components that pass validation and the policies without suppressions", async () => {
    const result = await expectValidTree([cloudflareTunnel(minimal), cloudflareTunnel(rich)], { cluster: { preexisting: { namespaces: ["edge"], objects: [] } } });
    for (const [path, text] of result.files) if (path.includes("/deployment-")) expect(text).not.toContain("suppress.policy");
  });

  it("pins an exact cloudflared tag", () => {
    expect(CLOUDFLARED_IMAGE).toEqual({ tag: "2026.9.3", repository: "docker.io/cloudflare/cloudflared" });
  });

  it("renders config.yaml with the rules in order and the catch-all last", () => {
    const config = cloudflaredConfig(TUNNEL, [{ hostname: "b.example.org", service: "http://b.apps.svc.cluster.local:80" }, { hostname: "a.example.org", service: "http_status:403" }], { protocol: "auto", logLevel: "info" });
    expect(config).toBe(
      [
        "credentials-file: /etc/cloudflared/creds/credentials.json",
        "ingress:",
        "  - hostname: b.example.org",
        "    service: http://b.apps.svc.cluster.local:80",
        "  - hostname: a.example.org",
        "    service: http_status:403",
        "  - service: http_status:404",
        "loglevel: info",
        'metrics: "0.0.0.0:2000"',
        "no-autoupdate: true",
        "protocol: auto",
        `tunnel: "${TUNNEL}"`,
        "",
      ].join("\n"),
    );
  });

  it("allows egress to each target namespace on the pods' ports, and to Cloudflare on 7844", () => {
    const policy = cloudflareTunnel(rich).configs!.find((object) => object.kind === "NetworkPolicy") as unknown as { spec: { egress: { to: unknown[]; ports: unknown[] }[] } };
    expect(policy.spec.egress.slice(1)).toEqual([
      { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }, { ipBlock: { cidr: "::/0" } }], ports: [{ protocol: "UDP", port: 7844 }, { protocol: "TCP", port: 7844 }] },
      { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "apps" } } }], ports: [{ protocol: "TCP", port: 22 }, { protocol: "TCP", port: 80 }, { protocol: "TCP", port: 8080 }] },
      { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ protocol: "TCP", port: 3000 }] },
      { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } } }], ports: [{ protocol: "TCP", port: 8443 }] },
    ]);
  });

  it("rolls the pods when the config changes, through a checksum annotation", () => {
    const checksum = (props: CloudflareTunnelProps) =>
      (cloudflareTunnel(props).configs!.find((object) => object.kind === "Deployment") as unknown as { spec: { template: { metadata: { annotations: Record<string, string> } } } }).spec.template.metadata.annotations["checksum/config"];
    expect(checksum(minimal)).toMatch(/^[a-f0-9]{64}$/);
    expect(checksum(minimal)).toBe(checksum(minimal));
    expect(checksum({ ...minimal, logLevel: "debug" })).not.toBe(checksum(minimal));
  });

  it("renders no PodDisruptionBudget for a single replica", () => {
    expect(cloudflareTunnel({ ...minimal, replicas: 1 }).configs!.map((object) => object.kind)).toEqual(["Namespace", "ConfigMap", "Deployment", "NetworkPolicy"]);
  });
});

const invalid = [
  {
    label: "missing required props",
    build: () => cloudflareTunnel({} as CloudflareTunnelProps),
    message: ["cloudflareTunnel: tunnelId: is required", "cloudflareTunnel: credentialsSecret: is required", "cloudflareTunnel: ingress: Invalid input: expected array, received undefined"].join("\n"),
  },
  {
    label: "a tunnel name instead of its UUID and no rules",
    build: () => cloudflareTunnel({ ...minimal, tunnelId: "home", ingress: [] }),
    message: [
      "cloudflareTunnel: tunnelId: expected the tunnel's UUID, as `cloudflared tunnel create` prints it",
      "cloudflareTunnel: ingress: give at least one rule; the catch-all http_status:404 is added after them",
    ].join("\n"),
  },
  {
    label: "a service outside the cluster, a bad host name and a targetPort on http_status",
    build: () =>
      cloudflareTunnel({
        ...minimal,
        ingress: [
          { hostname: "app.example.org", service: "http://192.168.1.10:8080" },
          { hostname: "App", service: "http://web.apps.svc.cluster.local:80" },
          { hostname: "gone.example.org", service: "http_status:410", targetPort: 80 },
        ],
      }),
    message: [
      "cloudflareTunnel: ingress[0].service: expected an in-cluster Service URL such as http://web.apps.svc.cluster.local:80, or http_status:<code>",
      `cloudflareTunnel: ingress[1].hostname: "App" is not a fully qualified host name or wildcard such as example.org or *.example.org: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`,
      "cloudflareTunnel: ingress[2].targetPort: applies only to a Service URL, not to http_status:<code>",
    ].join("\n"),
  },
  {
    label: "a host and path routed twice",
    build: () =>
      cloudflareTunnel({
        ...minimal,
        ingress: [
          { hostname: "app.example.org", service: "http://web.apps.svc.cluster.local:80" },
          { hostname: "app.example.org", service: "http://api.apps.svc.cluster.local:80" },
        ],
      }),
    message: "cloudflareTunnel: ingress[1].hostname: app.example.org is already routed by ingress[0]",
  },
  {
    label: "the latest tag, an unknown protocol and an unknown prop",
    build: () => cloudflareTunnel({ ...minimal, image: { tag: "latest" }, protocol: "h3" as never, token: "x" } as CloudflareTunnelProps),
    message: [
      `cloudflareTunnel: protocol: Invalid option: expected one of "auto"|"quic"|"http2"`,
      "cloudflareTunnel: image.tag: latest is not a pinned version: give an exact tag",
      `cloudflareTunnel: unknown field "token"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
] as const;

describeRejections("cloudflareTunnel", invalid);
