import { describe, expect, it } from "vitest";
import { evaluateCelRules, type CelViolation } from "./evaluate.ts";
import { mirrorRuleSet } from "./test-support.ts";

interface Case {
  /** What the object is, as the test's name. */
  readonly name: string;
  readonly file: string;
  readonly kind: string;
  readonly version: string;
  readonly spec: Readonly<Record<string, unknown>>;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly violations: readonly CelViolation[];
}

const KUSTOMIZATIONS = "crds/flux-kustomize-controller/kustomize.toolkit.fluxcd.io_kustomizations.yaml";
const HELMRELEASES = "crds/flux-helm-controller/helm.toolkit.fluxcd.io_helmreleases.yaml";
const FLUX_INSTANCES = "crds/flux-operator/fluxcd.controlplane.io_fluxinstances.yaml";
const ISSUERS = "crds/cert-manager/cert-manager.io_issuers.yaml";
const GATEWAYS = "crds/gateway-api/gateway.networking.k8s.io_gateways.yaml";
const HTTPROUTES = "crds/gateway-api/gateway.networking.k8s.io_httproutes.yaml";
const KAFKAS = "crds/strimzi/040-Crd-kafka.yaml";
const SECRET_STORES = "crds/external-secrets/external-secrets.io_secretstores.yaml";
const ROLLOUTS = "crds/argo-rollouts/rollout-crd.yaml";
const TRAEFIK = "crds/traefik/kubernetes-crd-definition-v1.yml";
const ISTIO = "crds/istio/crd-all.gen.yaml";
const PGO = "crds/crunchydata-pgo/postgres-operator.crunchydata.com_postgresclusters.yaml";

const sourceRef = { kind: "GitRepository", name: "flux-system" };
const listener = { name: "http", port: 80, protocol: "HTTP" };
const tlsListener = { name: "https", port: 443, protocol: "HTTPS", hostname: "example.com", tls: { mode: "Terminate", certificateRefs: [{ name: "example-com" }] } };
const route = { matches: [{ path: { type: "PathPrefix", value: "/api" } }], backendRefs: [{ name: "api", port: 8080 }] };
const secretRef = { name: "secretserver", key: "password" };
const instance = { name: "main", dataVolumeClaimSpec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } };

const CASES: readonly Case[] = [
  {
    name: "a Flux Kustomization with one kubeConfig reference passes",
    file: KUSTOMIZATIONS,
    kind: "Kustomization",
    version: "v1",
    spec: { interval: "10m", path: "./apps", prune: true, sourceRef, kubeConfig: { secretRef: { name: "remote" } } },
    violations: [],
  },
  {
    name: "a Flux Kustomization with both kubeConfig references fails",
    file: KUSTOMIZATIONS,
    kind: "Kustomization",
    version: "v1",
    spec: { interval: "10m", path: "./apps", prune: true, sourceRef, kubeConfig: { secretRef: { name: "remote" }, configMapRef: { name: "remote" } } },
    violations: [
      {
        field: "spec.kubeConfig",
        rule: "!has(self.configMapRef) || !has(self.secretRef)",
        message: "exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified",
      },
    ],
  },
  {
    name: "a Flux HelmRelease with a chart and a RetryOnFailure upgrade strategy passes",
    file: HELMRELEASES,
    kind: "HelmRelease",
    version: "v2",
    spec: { interval: "1h", chart: { spec: { chart: "podinfo", sourceRef: { kind: "HelmRepository", name: "podinfo" } } }, upgrade: { strategy: { name: "RetryOnFailure", retryInterval: "5m" } } },
    violations: [],
  },
  {
    name: "a Flux HelmRelease with a retryInterval on a RemediateOnFailure upgrade strategy fails",
    file: HELMRELEASES,
    kind: "HelmRelease",
    version: "v2",
    spec: { interval: "1h", chartRef: { kind: "OCIRepository", name: "podinfo" }, upgrade: { strategy: { name: "RemediateOnFailure", retryInterval: "5m" } } },
    violations: [
      {
        field: "spec.upgrade.strategy",
        rule: "!has(self.retryInterval) || self.name == 'RetryOnFailure'",
        message: ".retryInterval can only be set when .name is 'RetryOnFailure'",
      },
    ],
  },
  {
    name: "a Flux Operator FluxInstance with persistent sharding storage and a storage passes",
    file: FLUX_INSTANCES,
    kind: "FluxInstance",
    version: "v1",
    spec: { distribution: { version: "2.x", registry: "ghcr.io/fluxcd" }, sharding: { shards: ["shard1"], storage: "persistent" }, storage: { class: "standard", size: "10Gi" } },
    violations: [],
  },
  {
    name: "a Flux Operator FluxInstance with persistent sharding storage and no storage fails",
    file: FLUX_INSTANCES,
    kind: "FluxInstance",
    version: "v1",
    spec: { distribution: { version: "2.x", registry: "ghcr.io/fluxcd" }, sharding: { shards: ["shard1"], storage: "persistent" } },
    violations: [
      {
        field: "spec",
        rule: "!has(self.sharding) || !has(self.sharding.storage) || self.sharding.storage != 'persistent' || has(self.storage)",
        message: ".spec.storage must be set when .spec.sharding.storage is 'persistent'",
      },
    ],
  },
  {
    name: "a Flux Operator FluxInstance not named flux fails at the root",
    file: FLUX_INSTANCES,
    kind: "FluxInstance",
    version: "v1",
    metadata: { name: "fluxcd", namespace: "flux-system" },
    spec: { distribution: { version: "2.x", registry: "ghcr.io/fluxcd" } },
    violations: [{ field: "", rule: "self.metadata.name == 'flux'", message: "the only accepted name for a FluxInstance is 'flux'" }],
  },
  {
    name: "a cert-manager Issuer with one Venafi connection passes",
    file: ISSUERS,
    kind: "Issuer",
    version: "v1",
    spec: { venafi: { zone: "devops\\cert-manager", tpp: { url: "https://tpp.example.com/vedsdk", credentialsRef: { name: "tpp" } } } },
    violations: [],
  },
  {
    name: "a cert-manager Issuer with two Venafi connections fails",
    file: ISSUERS,
    kind: "Issuer",
    version: "v1",
    spec: { venafi: { zone: "devops\\cert-manager", tpp: { url: "https://tpp.example.com/vedsdk", credentialsRef: { name: "tpp" } }, cloud: { apiTokenSecretRef: { name: "cloud", key: "token" } } } },
    violations: [
      {
        field: "spec.venafi",
        rule: "(has(self.tpp) ? 1 : 0) + (has(self.cloud) ? 1 : 0) + (has(self.ngts) ? 1 : 0) == 1",
        message: "exactly one of tpp, cloud, or ngts must be configured",
      },
    ],
  },
  {
    name: "a Gateway API Gateway with an HTTP and an HTTPS listener passes",
    file: GATEWAYS,
    kind: "Gateway",
    version: "v1",
    spec: { gatewayClassName: "cilium", listeners: [listener, tlsListener], infrastructure: { labels: { "example.com/team": "platform" } } },
    violations: [],
  },
  {
    name: "a Gateway API Gateway with TLS on an HTTP listener fails",
    file: GATEWAYS,
    kind: "Gateway",
    version: "v1",
    spec: { gatewayClassName: "cilium", listeners: [{ ...listener, tls: { mode: "Terminate", certificateRefs: [{ name: "example-com" }] } }, tlsListener] },
    violations: [
      {
        field: "spec.listeners",
        rule: "self.all(l, l.protocol in ['HTTP', 'TCP', 'UDP'] ? !has(l.tls) : true)",
        message: "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
      },
    ],
  },
  {
    name: "a Gateway API HTTPRoute with a prefix match and a Service port passes",
    file: HTTPROUTES,
    kind: "HTTPRoute",
    version: "v1",
    spec: { parentRefs: [{ name: "public" }], hostnames: ["example.com"], rules: [route, { backendRefs: [{ name: "web", port: 80 }], timeouts: { request: "10s", backendRequest: "5s" } }] },
    violations: [],
  },
  {
    name: "a Gateway API HTTPRoute with a relative path and a Service without port fails twice",
    file: HTTPROUTES,
    kind: "HTTPRoute",
    version: "v1",
    spec: { parentRefs: [{ name: "public" }], rules: [route, { matches: [{ path: { type: "PathPrefix", value: "web" } }], backendRefs: [{ name: "web" }] }] },
    violations: [
      {
        field: "spec.rules[1].backendRefs[0]",
        rule: "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true",
        message: "Must have port for Service reference",
      },
      {
        field: "spec.rules[1].matches[0].path",
        rule: "(self.type in ['Exact','PathPrefix']) ? self.value.startsWith('/') : true",
        message: "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
      },
    ],
  },
  {
    name: "a Gateway API HTTPRoute with a backend timeout longer than the request timeout fails",
    file: HTTPROUTES,
    kind: "HTTPRoute",
    version: "v1",
    spec: { parentRefs: [{ name: "public" }], rules: [{ ...route, timeouts: { request: "10s", backendRequest: "1m" } }] },
    violations: [
      {
        field: "spec.rules[0].timeouts",
        rule: "!(has(self.request) && has(self.backendRequest) && duration(self.request) != duration('0s') && duration(self.backendRequest) > duration(self.request))",
        message: "backendRequest timeout cannot be longer than request timeout",
      },
    ],
  },
  {
    name: "a Strimzi Kafka with a topology-label rack passes",
    file: KAFKAS,
    kind: "Kafka",
    version: "v1",
    spec: { kafka: { version: "4.1.0", listeners: [{ name: "plain", port: 9092, type: "internal", tls: false }], rack: { topologyKey: "topology.kubernetes.io/zone" } } },
    violations: [],
  },
  {
    name: "a Strimzi Kafka with an environment-variable rack and an empty variable name fails",
    file: KAFKAS,
    kind: "Kafka",
    version: "v1",
    spec: { kafka: { version: "4.1.0", listeners: [{ name: "plain", port: 9092, type: "internal", tls: false }], rack: { type: "environment-variable", envVarName: "" } } },
    violations: [
      {
        field: "spec.kafka.rack",
        rule: 'has(self.type) == false || self.type != "environment-variable" || self.envVarName != ""',
        message: "envVarName property is required",
      },
    ],
  },
  {
    name: "a Strimzi Kafka with an environment-variable rack and no variable name fails as the API server does, with a no-such-key error",
    file: KAFKAS,
    kind: "Kafka",
    version: "v1",
    spec: { kafka: { version: "4.1.0", listeners: [{ name: "plain", port: 9092, type: "internal", tls: false }], rack: { type: "environment-variable" } } },
    violations: [
      {
        field: "spec.kafka.rack",
        rule: 'has(self.type) == false || self.type != "environment-variable" || self.envVarName != ""',
        message: "no such key: envVarName evaluating rule: envVarName property is required",
      },
    ],
  },
  {
    name: "an external-secrets SecretStore for Secret Server with a username value passes",
    file: SECRET_STORES,
    kind: "SecretStore",
    version: "v1",
    spec: { provider: { secretserver: { serverURL: "https://secretserver.example.com", username: { value: "eso" }, password: { secretRef } } } },
    violations: [],
  },
  {
    name: "an external-secrets SecretStore for Secret Server with a username value and reference fails",
    file: SECRET_STORES,
    kind: "SecretStore",
    version: "v1",
    spec: { provider: { secretserver: { serverURL: "https://secretserver.example.com", username: { value: "eso", secretRef }, password: { secretRef } } } },
    violations: [{ field: "spec.provider.secretserver.username", rule: "has(self.value) != has(self.secretRef)", message: "exactly one of value or secretRef must be set" }],
  },
  {
    name: "an Argo Rollouts Rollout passes on creation, since its only rule is a transition rule",
    file: ROLLOUTS,
    kind: "Rollout",
    version: "v1alpha1",
    spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, strategy: { canary: { steps: [{ setWeight: 20 }] } } },
    violations: [],
  },
  {
    name: "a Traefik Middleware adding an absolute prefix passes",
    file: TRAEFIK,
    kind: "Middleware",
    version: "v1alpha1",
    spec: { addPrefix: { prefix: "/api" } },
    violations: [],
  },
  {
    name: "a Traefik Middleware adding a relative prefix fails",
    file: TRAEFIK,
    kind: "Middleware",
    version: "v1alpha1",
    spec: { addPrefix: { prefix: "api" } },
    violations: [{ field: "spec.addPrefix.prefix", rule: "self.startsWith('/')", message: "must start with a '/'" }],
  },
  {
    name: "an Istio PeerAuthentication with a selector and a valid port passes",
    file: ISTIO,
    kind: "PeerAuthentication",
    version: "v1",
    spec: { selector: { matchLabels: { app: "web" } }, mtls: { mode: "STRICT" }, portLevelMtls: { "8080": { mode: "DISABLE" } } },
    violations: [],
  },
  {
    name: "an Istio PeerAuthentication with a port out of range and a wildcard label value fails twice",
    file: ISTIO,
    kind: "PeerAuthentication",
    version: "v1",
    spec: { selector: { matchLabels: { app: "web*" } }, portLevelMtls: { "70000": { mode: "DISABLE" } } },
    violations: [
      { field: "spec.portLevelMtls", rule: "self.all(key, 0 < int(key) && int(key) <= 65535)", message: "port must be between 1-65535" },
      { field: "spec.selector.matchLabels[app]", rule: '!self.contains("*")', message: "wildcard not allowed in label value match" },
    ],
  },
  {
    name: "an Istio WasmPlugin with an OCI image URL passes",
    file: ISTIO,
    kind: "WasmPlugin",
    version: "v1alpha1",
    spec: { url: "oci://ghcr.io/example/filter:v1", selector: { matchLabels: { app: "web" } } },
    violations: [],
  },
  {
    name: "an Istio WasmPlugin with an FTP URL fails",
    file: ISTIO,
    kind: "WasmPlugin",
    version: "v1alpha1",
    spec: { url: "ftp://example.com/filter.wasm" },
    violations: [
      {
        field: "spec.url",
        rule: 'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "oci", "file"]) : (isURL("http://" + self) &&\nurl("http://" + self).getScheme() in ["", "http", "https", "oci", "file"])',
        message: "url must have schema one of [http, https, file, oci]",
      },
    ],
  },
  {
    name: "a Crunchy PostgresCluster logging below /pgdata passes its optional rules",
    file: PGO,
    kind: "PostgresCluster",
    version: "v1",
    spec: { postgresVersion: 17, instances: [instance], config: { parameters: { log_directory: "/pgdata/logs/postgres" } } },
    violations: [],
  },
  {
    name: "a Crunchy PostgresCluster logging outside its volumes fails at the rule's fieldPath",
    file: PGO,
    kind: "PostgresCluster",
    version: "v1",
    spec: { postgresVersion: 17, instances: [instance], config: { parameters: { log_directory: "/var/log" } } },
    violations: [
      {
        field: "spec.config.parameters.log_directory",
        rule: 'self.?log_directory.optMap(v, type(v) == string && (v == "log" || v.startsWith("/volumes") || ["/pgdata","/pgtmp","/pgwal","/volumes"].exists(p, v == (p + "/logs/postgres") || v.startsWith(p + "/logs/postgres/")))).orValue(true)',
        message: 'must start with "/pgdata/logs/postgres", "/pgtmp/logs/postgres", "/pgwal/logs/postgres", "/volumes", or be "log" to keep logs inside PGDATA',
      },
    ],
  },
];

describe("evaluateCelRules on the real rules of the upstream CRDs", () => {
  it.each(CASES)("$name", ({ file, kind, version, spec, metadata, violations }) => {
    const { ruleSet, schema } = mirrorRuleSet(file, kind, version);
    const object = { apiVersion: `${ruleSet.group}/${version}`, kind, metadata: metadata ?? { name: kind === "FluxInstance" ? "flux" : "example", namespace: "default" }, spec };
    expect(evaluateCelRules(object, ruleSet, { schema })).toEqual({ violations, unsupported: [] });
  });
});
