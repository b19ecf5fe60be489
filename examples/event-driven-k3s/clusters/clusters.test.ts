/**
 * The production cluster of this example: its committed tree is exactly
 * what the definition renders, every folder Flux builds builds, and the
 * architecture holds — the services talk only through Kafka with their own
 * users and least-privilege ACLs, scale within their partitions, are fenced
 * by network policies, scraped and alerted on; every secret is SOPS; image
 * tags move through images.yaml only.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkProject, hasDrift, readImageTags, readSopsFileMetadata, renderProject, scanForSecrets, type ApiObject } from "@typed-gitops/lib";
import { buildTargets, buildWithKustomize, installTools } from "@typed-gitops/lib/tooling";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { SERVICE_NAMES, SERVICES, TOPICS, type ServiceName } from "../apps/pipeline/topology.ts";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const rendered = await renderProject(root);
const [tree] = rendered.trees;

type Json = Record<string, any>;

beforeAll(async () => {
  await installTools(root, { only: ["kustomize"] });
}, 1_800_000);

const entries = [...tree!.objects.entries()].map(([path, { component, object }]) => ({ path, component, object: object as unknown as Json }));
const objects = entries.map(({ object }) => object);
const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
const named = (kind: string, name: string, namespace?: string) => {
  const found = ofKind(kind).filter((object) => object.metadata.name === name && (namespace === undefined || object.metadata.namespace === namespace));
  expect(found, `${kind} ${namespace ?? ""}/${name}`).toHaveLength(1);
  return found[0]!;
};
const RECIPIENT = "age180u40p8gue488dmezatsmjqwrgtgrgj0k3tllepdt55tp9s4fa8quszdlc";

describe("cluster production", () => {
  it("is committed exactly as rendered", () => {
    expect(rendered.trees.map((rendered) => rendered.cluster)).toEqual(["production"]);
    expect(checkProject(rendered).reports.filter(hasDrift)).toEqual([]);
  });

  it("builds with kustomize at its root and at every Kustomization path", async () => {
    const manifests = [...tree!.files].filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml")).map(([, text]) => parse(text) as Record<string, unknown>);
    const targets = buildTargets("production", manifests);
    expect(targets.length).toBeGreaterThan(1);
    const results = await buildWithKustomize(root, targets);
    expect(results.filter((result) => result.problem !== undefined).map((result) => result.problem)).toEqual([]);
    for (const result of results) expect(result.objects, result.target.folder).toBeGreaterThan(0);
  });
});

describe("Flux", () => {
  it("chains the layers and decrypts SOPS in each of them, since each holds encrypted Secrets", () => {
    const layers = ["infra-controllers", "infra-configs", "apps"].map((name) => named("Kustomization", name, "flux-system").spec);
    expect(layers.map((layer) => layer.dependsOn?.map((dependency: Json) => dependency.name) ?? [])).toEqual([[], ["infra-controllers"], ["infra-configs"]]);
    for (const layer of layers) {
      expect(layer.decryption).toEqual({ provider: "sops", secretRef: { name: "sops-age" } });
      expect(layer).toMatchObject({ prune: true, wait: true, timeout: "15m" });
    }
  });

  it("runs the image reflector and automation controllers", () => {
    const controllers = entries.filter(({ component, object }) => component === "flux-system" && object.kind === "Deployment").map(({ object }) => object.metadata.name);
    expect(controllers).toEqual(expect.arrayContaining(["image-reflector-controller", "image-automation-controller"]));
  });

  it("follows every service image with a policy whose marker is in images.yaml, and writes tags only there", () => {
    const file = join(root, "clusters/production/images.yaml");
    const images = readImageTags(file);
    const text = readFileSync(file, "utf8");
    for (const service of SERVICE_NAMES) {
      expect(named("ImageRepository", service, "flux-system").spec.image).toBe(images[service]!.image);
      expect(named("ImagePolicy", service, "flux-system").spec.imageRepositoryRef).toEqual({ name: service });
      expect(text).toContain(`tag: ${images[service]!.tag} # {"$imagepolicy": "flux-system:${service}:tag"}`);
      const [container] = named("Deployment", service, service).spec.template.spec.containers;
      expect(container.image).toBe(`${images[service]!.image}:${images[service]!.tag}`);
    }
    const [automation] = ofKind("ImageUpdateAutomation");
    expect(automation!.spec.update).toEqual({ path: "./clusters/production/images.yaml", strategy: "Setters" });
    expect(automation!.spec.git.push.branch).toBe("image-updates");
  });
});

describe("secrets", () => {
  it("commits every Secret SOPS-encrypted for exactly the cluster's recipient", () => {
    const secrets = entries.filter(({ object }) => object.kind === "Secret");
    expect(secrets.map(({ object }) => `${object.metadata.namespace}/${object.metadata.name}`).sort()).toEqual([
      "enrichment/enrichment-kafka",
      "gateway/gateway-kafka",
      "generation/generation-kafka",
      "kafka/kafka-user-enrichment",
      "kafka/kafka-user-gateway",
      "kafka/kafka-user-generation",
      "monitoring/alertmanager-receivers",
      "monitoring/grafana-admin",
    ]);
    for (const { path } of secrets) {
      const metadata = readSopsFileMetadata(join(root, "generated/production", path));
      expect(metadata?.ageRecipients, path).toEqual([RECIPIENT]);
      expect(metadata?.hasMac, path).toBe(true);
    }
  });

  it("renders nothing the secret scan flags", () => {
    expect(scanForSecrets(entries.map(({ path, object }) => ({ path: `generated/production/${path}`, object: object as unknown as ApiObject })))).toEqual([]);
  });
});

describe("Kafka", () => {
  it("has exactly the topology's topics, with its partitions, and no automatic topic creation", () => {
    const topics = ofKind("KafkaTopic").map((topic) => [topic.metadata.name, topic.spec.partitions, topic.spec.replicas]);
    expect(topics.sort()).toEqual(Object.entries(TOPICS).map(([name, spec]) => [name, spec.partitions, 3]).sort());
    expect(named("Kafka", "events", "kafka").spec.kafka.config["auto.create.topics.enable"]).toBe(false);
  });

  it("accepts clients only with SCRAM on the plain listener, under simple authorization", () => {
    const kafka = named("Kafka", "events", "kafka").spec.kafka;
    expect(kafka.listeners).toEqual([{ name: "plain", port: 9092, type: "internal", tls: false, authentication: { type: "scram-sha-512" } }]);
    expect(kafka.authorization).toEqual({ type: "simple" });
  });

  it.each(SERVICE_NAMES)("gives %s a user whose ACLs allow exactly its flows", (service) => {
    const spec = SERVICES[service as ServiceName];
    const acls = (named("KafkaUser", service, "kafka").spec.authorization.acls as Json[]).map((acl) => `${acl.resource.type}:${acl.resource.name}:${acl.operations.join("+")}`);
    const expected = [
      ...spec.consumes.map((topic) => `topic:${topic}:Read+Describe`),
      ...spec.produces.map((topic) => `topic:${topic}:Write+Describe`),
      ...(spec.consumes.length > 0 ? [`group:${service}:Read`] : []),
    ];
    expect(acls.sort()).toEqual(expected.sort());
  });

  it("watches broker health with a PrometheusRule and scrapes brokers and Kafka Exporter", () => {
    const alerts = (named("PrometheusRule", "events-brokers", "kafka").spec.groups as Json[]).flatMap((group) => group.rules.map((rule: Json) => rule.alert));
    expect(alerts).toEqual(["KafkaUnderReplicatedPartitions", "KafkaOfflinePartitions", "KafkaBrokersMissing"]);
    expect(named("PodMonitor", "events", "kafka").spec.selector).toEqual({ matchLabels: { "strimzi.io/cluster": "events" } });
    expect(named("Kafka", "events", "kafka").spec.kafkaExporter).toEqual({ topicRegex: ".*", groupRegex: ".*" });
  });
});

describe.each(SERVICE_NAMES)("service %s", (service) => {
  const spec = SERVICES[service as ServiceName];

  it("scales with an autoscaler that never outgrows the partitions it consumes", () => {
    const hpa = named("HorizontalPodAutoscaler", service, service).spec;
    expect([hpa.minReplicas, hpa.maxReplicas]).toEqual([spec.minReplicas, spec.maxReplicas]);
    for (const topic of spec.consumes) expect(hpa.maxReplicas).toBeLessThanOrEqual(TOPICS[topic].partitions);
    expect(named("PodDisruptionBudget", service, service).spec.maxUnavailable).toBe(1);
  });

  it("is fenced: default deny, egress only to DNS and the Kafka brokers' port", () => {
    expect(named("NetworkPolicy", "default-deny", service).spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const egress = named("NetworkPolicy", service, service).spec.egress as Json[];
    expect(egress.map((rule) => rule.ports.map((port: Json) => port.port))).toEqual([[53, 53], [9092]]);
    expect(egress[1]!.to).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kafka" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "kafka" } } },
    ]);
  });

  it("authenticates to Kafka as its own user, with the password from a Secret in its namespace", () => {
    const [container] = named("Deployment", service, service).spec.template.spec.containers;
    const env = Object.fromEntries((container.env as Json[]).map((variable) => [variable.name, variable.value ?? variable.valueFrom]));
    expect(env.KAFKA_USERNAME).toBe(service);
    expect(env.KAFKA_BOOTSTRAP_SERVERS).toBe("events-kafka-bootstrap.kafka.svc:9092");
    expect(env.KAFKA_PASSWORD).toEqual({ secretKeyRef: { name: `${service}-kafka`, key: "password" } });
    expect(named("Secret", `${service}-kafka`, service).data.password).toMatch(/^ENC\[AES256_GCM,/);
    expect(named("KafkaUser", service, "kafka").spec.authentication.password.valueFrom.secretKeyRef).toEqual({ name: `kafka-user-${service}`, key: "password" });
  });

  it("is scraped by Prometheus and alerts on its consumer lag", () => {
    const monitor = named("ServiceMonitor", service, service).spec;
    expect(monitor.endpoints).toEqual([{ port: "metrics", path: "/metrics", scheme: "HTTP", interval: "30s" }]);
    const rules = (named("PrometheusRule", service, service).spec.groups as Json[]).flatMap((group) => group.rules as Json[]);
    const lag = rules.filter((rule) => String(rule.expr).includes(`kafka_consumergroup_lag{consumergroup="${service}"}`));
    expect(lag.map((rule) => rule.labels.severity)).toEqual(["warning", "critical"]);
    // One alert name for both severities, so the critical one inhibits the warning.
    expect(new Set(lag.map((rule) => rule.alert))).toEqual(new Set([`${service.charAt(0).toUpperCase()}${service.slice(1)}ConsumerLag`]));
  });

  it(spec.public ? "is published over HTTPS through Traefik" : "is not published", () => {
    const routes = ofKind("IngressRoute").filter((route) => route.metadata.namespace === service);
    if (!spec.public) return expect(routes).toEqual([]);
    expect(routes).toHaveLength(1);
    expect(routes[0]!.spec.routes[0].match).toBe("Host(`api.example.org`)");
    expect(routes[0]!.spec.tls).toEqual({ secretName: `${service}-tls` });
    expect(named("Certificate", `${service}-tls`, service).spec.issuerRef.name).toBe("letsencrypt-production");
  });
});

describe("alerting", () => {
  const values = () => named("HelmRelease", "kube-prometheus-stack", "monitoring").spec.values;

  it("lets Prometheus select every monitor and rule of the cluster", () => {
    const spec = values().prometheus.prometheusSpec;
    for (const kind of ["serviceMonitor", "podMonitor", "rule"]) {
      expect(spec[`${kind}Selector`]).toEqual({});
      expect(spec[`${kind}NamespaceSelector`]).toEqual({});
    }
  });

  it("pages on critical alerts, sends the pipeline's alerts to its team and the rest to the platform", () => {
    const route = values().alertmanager.config.route;
    expect(route.receiver).toBe("platform");
    expect(route.routes.map((rule: Json) => [rule.receiver, rule.matchers, rule.continue ?? false])).toEqual([
      ["null", ['alertname = "Watchdog"'], false],
      ["on-call", ['severity = "critical"'], true],
      ["events-team", ['namespace =~ "gateway|generation|enrichment|kafka"'], false],
      ["platform", ['severity =~ "critical|warning"'], false],
    ]);
  });

  it("reads every receiver credential from the mounted SOPS Secret, never from the values", () => {
    const alertmanager = values().alertmanager;
    expect(alertmanager.alertmanagerSpec.secrets).toEqual(["alertmanager-receivers"]);
    const files = JSON.stringify(alertmanager.config.receivers).match(/"[a-z_]+_file":"[^"]+"/g);
    expect(files).toEqual([
      '"routing_key_file":"/etc/alertmanager/secrets/alertmanager-receivers/pagerduty-routing-key"',
      '"api_url_file":"/etc/alertmanager/secrets/alertmanager-receivers/slack-events-url"',
      '"api_url_file":"/etc/alertmanager/secrets/alertmanager-receivers/slack-platform-url"',
    ]);
    expect(JSON.stringify(alertmanager.config)).not.toMatch(/hooks\.slack\.com/);
  });

  it("alerts on Flux itself", () => {
    expect(named("PrometheusRule", "flux", "flux-system").spec.groups.length).toBeGreaterThan(0);
    expect(values()["kube-state-metrics"].customResourceState.enabled).toBe(true);
  });
});
