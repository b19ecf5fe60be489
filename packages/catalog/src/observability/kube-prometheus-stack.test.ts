import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles, releaseValues } from "../../test/validate-components.ts";
import { KUBE_PROMETHEUS_STACK_CHART } from "../versions.ts";
import { kubePrometheusStack, type KubePrometheusStackProps } from "./kube-prometheus-stack.ts";

const rich: KubePrometheusStackProps = {
  namespace: "observability",
  version: "88.1.5",
  crds: "Create",
  prometheus: {
    retention: "30d",
    retentionSize: "45GB",
    storage: { size: "50Gi", storageClassName: "gp3" },
    replicas: 2,
    scrapeInterval: "15s",
    externalLabels: { cluster: "production" },
    resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "4Gi" } },
  },
  alertmanager: {
    secretName: "alertmanager-receivers",
    receivers: [
      { type: "slack", name: "platform-slack", urlKey: "slack-url", channel: "#alerts" },
      { type: "pagerduty", name: "on-call", routingKeyKey: "pagerduty-key" },
      { type: "webhook", name: "incident-bot", urlKey: "webhook-url", maxAlerts: 10 },
      { type: "email", name: "team-mail", to: ["ops@example.org", "sre@example.org"], from: "alertmanager@example.org", smarthost: "smtp.example.org:587", username: "alertmanager", passwordKey: "smtp-password" },
    ],
    routes: [
      { receiver: "on-call", severity: ["critical"] },
      { receiver: "team-mail", namespaces: ["payments", "checkout"], groupBy: ["alertname", "namespace"], repeatInterval: "4h", continue: true },
      { receiver: "incident-bot", alertnames: ["KubePodCrashLooping"] },
    ],
    defaultReceiver: "platform-slack",
    repeatInterval: "6h",
    replicas: 2,
    storage: { size: "1Gi" },
  },
  grafana: {
    adminSecret: { name: "grafana-admin" },
    host: "grafana.example.org",
    tls: { name: "letsencrypt-production" },
    middleware: { name: "authentik", namespace: "authentik" },
    persistence: { size: "5Gi" },
  },
  fluxResourceMetrics: true,
  values: { grafana: { defaultDashboardsTimezone: "browser" }, prometheus: { prometheusSpec: { enableAdminAPI: false } } },
};

const renders = [
  { file: "kube-prometheus-stack.default", build: () => kubePrometheusStack() },
  { file: "kube-prometheus-stack.rich", build: () => kubePrometheusStack(rich) },
] as const;

describe("kubePrometheusStack", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  it("renders both cases into a tree that validates with kubeconform, the CRDs' CEL rules, the policies and kustomize", async () => {
    await expectValidTree([kubePrometheusStack()]);
    await expectValidTree([kubePrometheusStack(rich)]);
  }, 300_000);

  it("pins the chart whose prometheus-operator is v0.93.0, the version of the pinned CRDs", () => {
    expect(KUBE_PROMETHEUS_STACK_CHART).toMatchObject({ version: "88.2.0", appVersion: "v0.93.0" });
  });

  it("makes Prometheus select every monitor and rule of the cluster, not only the chart's own", () => {
    const values = releaseValues(kubePrometheusStack());
    const spec = values.prometheus.prometheusSpec;
    for (const kind of ["serviceMonitor", "podMonitor", "rule", "probe", "scrapeConfig"]) {
      expect(spec[`${kind}SelectorNilUsesHelmValues`]).toBe(false);
      expect(spec[`${kind}Selector`]).toEqual({});
      expect(spec[`${kind}NamespaceSelector`]).toEqual({});
    }
  });

  it("reads every receiver credential from a file of the mounted Secret, never from values", () => {
    const text = emitComponent(kubePrometheusStack(rich));
    expect(text).toContain("api_url_file: /etc/alertmanager/secrets/alertmanager-receivers/slack-url");
    expect(text).toContain("routing_key_file: /etc/alertmanager/secrets/alertmanager-receivers/pagerduty-key");
    expect(text).toContain("url_file: /etc/alertmanager/secrets/alertmanager-receivers/webhook-url");
    expect(text).toContain("auth_password_file: /etc/alertmanager/secrets/alertmanager-receivers/smtp-password");
    expect(text).not.toMatch(/adminPassword|api_url:|routing_key:|auth_password:/);
  });
});

const invalid = [
  {
    label: "an unknown prop",
    build: () => kubePrometheusStack({ retention: "10d" } as never),
    message: `kubePrometheusStack: unknown field "retention"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a route to an undefined receiver and a credential without a Secret",
    build: () => kubePrometheusStack({ alertmanager: { receivers: [{ type: "slack", name: "slack", urlKey: "url" }], routes: [{ receiver: "pager", severity: ["critical"] }] } }),
    message: [
      `kubePrometheusStack: alertmanager.receivers[0]: receiver "slack" reads its credentials from a Secret: set alertmanager.secretName to the Secret that holds them`,
      `kubePrometheusStack: alertmanager.routes[0].receiver: receiver "pager" is not defined; expected one of "null", "slack"`,
    ].join("\n"),
  },
  {
    label: "a receiver named null, defined twice",
    build: () => kubePrometheusStack({ alertmanager: { secretName: "am", receivers: [{ type: "webhook", name: "hook", urlKey: "url" }, { type: "webhook", name: "hook", urlKey: "url" }, { type: "webhook", name: "null", urlKey: "url" }] } }),
    message: [
      `kubePrometheusStack: alertmanager.receivers[2].name: "null" is the built-in receiver that drops alerts: choose another name`,
      `kubePrometheusStack: alertmanager.receivers[1].name: receiver "hook" is defined twice`,
    ].join("\n"),
  },
  {
    label: "a Grafana certificate and middleware without a host, and a bad retention",
    build: () => kubePrometheusStack({ prometheus: { retention: "15 days" }, grafana: { adminSecret: { name: "grafana-admin" }, tls: { name: "letsencrypt" }, middleware: { name: "auth", namespace: "authentik" } } }),
    message: [
      `kubePrometheusStack: prometheus.retention: expected a Prometheus duration such as 30s or 1m`,
      `kubePrometheusStack: grafana.tls: a certificate needs a host: set grafana.host too`,
      `kubePrometheusStack: grafana.middleware: a middleware needs a route: set grafana.host too`,
    ].join("\n"),
  },
  {
    label: "Grafana without its admin Secret, and a chart version range",
    build: () => kubePrometheusStack({ version: "88.x", grafana: { host: "grafana.example.org" } as never }),
    message: [
      `kubePrometheusStack: version: "88.x" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
      `kubePrometheusStack: grafana.adminSecret: Invalid input: expected object, received undefined`,
    ].join("\n"),
  },
] as const;

describeRejections("kubePrometheusStack", invalid);
