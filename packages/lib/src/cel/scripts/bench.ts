/**
 * Times `evaluateCelRules` on real rule sets: every rule of one object of
 * each kind, 10,000 times (after a first, compiling call and 1,000 warm-up
 * calls). Not a test: run
 * `node src/cel/scripts/bench.ts` (from packages/lib) and read the figures.
 */
import { performance } from "node:perf_hooks";
import { evaluateCelRules } from "../evaluate.ts";
import { mirrorRuleSet } from "../test-support.ts";

const RUNS = 10_000;

const OBJECTS = [
  {
    file: "crds/cert-manager/cert-manager.io_issuers.yaml",
    kind: "Issuer",
    version: "v1",
    spec: { venafi: { zone: "devops", tpp: { url: "https://tpp.example.com/vedsdk", credentialsRef: { name: "tpp" } } } },
  },
  {
    file: "crds/strimzi/040-Crd-kafka.yaml",
    kind: "Kafka",
    version: "v1",
    spec: {
      kafka: { version: "4.1.0", listeners: [{ name: "plain", port: 9092, type: "internal", tls: false }], rack: { topologyKey: "topology.kubernetes.io/zone" }, metricsConfig: { type: "strimziMetricsReporter" } },
      cruiseControl: { metricsConfig: { type: "jmxPrometheusExporter", valueFrom: { configMapKeyRef: { name: "m", key: "k" } } } },
    },
  },
  {
    file: "crds/flux-helm-controller/helm.toolkit.fluxcd.io_helmreleases.yaml",
    kind: "HelmRelease",
    version: "v2",
    spec: { interval: "1h", chart: { spec: { chart: "podinfo", sourceRef: { kind: "HelmRepository", name: "podinfo" } } }, install: { strategy: { name: "RetryOnFailure" } }, upgrade: { strategy: { name: "RetryOnFailure", retryInterval: "5m" } } },
  },
  {
    file: "crds/gateway-api/gateway.networking.k8s.io_gateways.yaml",
    kind: "Gateway",
    version: "v1",
    spec: {
      gatewayClassName: "cilium",
      listeners: [
        { name: "http", port: 80, protocol: "HTTP" },
        { name: "https", port: 443, protocol: "HTTPS", hostname: "example.com", tls: { mode: "Terminate", certificateRefs: [{ name: "example-com" }] } },
        { name: "https-api", port: 443, protocol: "HTTPS", hostname: "api.example.com", tls: { mode: "Terminate", certificateRefs: [{ name: "api-example-com" }] } },
      ],
      infrastructure: { labels: { "example.com/team": "platform" }, annotations: { "example.com/owner": "sre" } },
    },
  },
  {
    file: "crds/gateway-api/gateway.networking.k8s.io_httproutes.yaml",
    kind: "HTTPRoute",
    version: "v1",
    spec: {
      parentRefs: [{ name: "public", sectionName: "https" }],
      hostnames: ["example.com"],
      rules: [
        { matches: [{ path: { type: "PathPrefix", value: "/api" } }], filters: [{ type: "URLRewrite", urlRewrite: { path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/" } } }], backendRefs: [{ name: "api", port: 8080 }] },
        { backendRefs: [{ name: "web", port: 80 }], timeouts: { request: "10s", backendRequest: "5s" } },
      ],
    },
  },
];

const loaded = OBJECTS.map(({ file, kind, version, spec }) => {
  const { ruleSet, schema } = mirrorRuleSet(file, kind, version);
  return { kind, ruleSet, schema, object: { apiVersion: `${ruleSet.group}/${version}`, kind, metadata: { name: "example", namespace: "default" }, spec } };
});

console.log(`kind         rules  per object  ${RUNS} objects (best of 3)  first call (compiles)`);
for (const { kind, ruleSet, schema, object } of loaded) {
  const firstStart = performance.now();
  const first = evaluateCelRules(object, ruleSet, { schema });
  const firstMs = performance.now() - firstStart;
  if (first.violations.length > 0 || first.unsupported.length > 0) throw new Error(`${kind}: the benchmark object must be valid: ${JSON.stringify(first)}`);
  for (let run = 0; run < 1_000; run += 1) evaluateCelRules(object, ruleSet, { schema });
  let totalMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round += 1) {
    const start = performance.now();
    for (let run = 0; run < RUNS; run += 1) evaluateCelRules(object, ruleSet, { schema });
    totalMs = Math.min(totalMs, performance.now() - start);
  }
  console.log(
    `${kind.padEnd(12)} ${String(ruleSet.rules.length).padStart(5)}  ${`${((totalMs * 1000) / RUNS).toFixed(1)} µs`.padStart(10)}  ${`${totalMs.toFixed(0)} ms`.padStart(26)}  ${firstMs.toFixed(1)} ms`,
  );
}
