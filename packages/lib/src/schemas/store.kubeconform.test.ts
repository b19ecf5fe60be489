/**
 * The whole store, built from the offline upstream mirror, run through the
 * real (pinned) kubeconform: valid manifests pass, invalid ones fail with
 * the expected message. One kind of each CRD set, and the Kubernetes cases
 * the converter must get right (unknown fields, int-or-string, Quantity,
 * null, recursion).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchemaStore, type BuildSchemaStoreResult } from "./build-store.ts";
import { schemaLocations } from "./layout.ts";
import { PROJECT_ROOT, pinnedKubeconform, requireMirror, runKubeconform, type KubeconformResource } from "./test-support.ts";

/** One manifest and what kubeconform must say about it: `valid`, or substrings of its message. */
interface Case {
  readonly title: string;
  readonly yaml: string;
  readonly expected: "valid" | readonly string[];
}

const deployment = (name: string, spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
${spec}`;

const KUBERNETES: readonly Case[] = [
  {
    title: "a Deployment with int-or-string ports and surges, quantities as strings and numbers, and null optional fields is valid",
    yaml: deployment(
      "deploy-valid",
      `      containers:
        - name: web
          image: nginx:1.29
          ports: [{ name: http, containerPort: 8080 }]
          resources:
            limits: { cpu: 500m, memory: 1Gi }
            requests: { cpu: 0.25, memory: 268435456 }
          readinessProbe:
            httpGet: { port: http, path: /healthz }
          livenessProbe:
            httpGet: { port: 8080, path: /healthz }
          securityContext: null
  strategy:
    rollingUpdate: { maxSurge: 25%, maxUnavailable: 1 }
  replicas: null`,
    ).replace("  name: deploy-valid\n", "  name: deploy-valid\n  creationTimestamp: null\n"),
    expected: "valid",
  },
  {
    title: "a Deployment with an unknown field is rejected",
    yaml: deployment("deploy-unknown-field", "      containers: [{ name: web, image: nginx }]\n  replica: 2\n"),
    expected: ["at '/spec': additional properties 'replica' not allowed"],
  },
  {
    title: "a misspelt metadata field is rejected",
    yaml: deployment("deploy-metadata-typo", "      containers: [{ name: web, image: nginx }]\n").replace("  name: deploy-metadata-typo\n", "  name: deploy-metadata-typo\n  lables: { app: web }\n"),
    expected: ["at '/metadata': additional properties 'lables' not allowed"],
  },
  {
    title: "an int-or-string port that is a fraction is rejected",
    yaml: deployment("deploy-port-fraction", "      containers: [{ name: web, image: nginx, readinessProbe: { httpGet: { port: 80.5 } } }]\n"),
    expected: ["at '/spec/template/spec/containers/0/readinessProbe/httpGet/port': got number, want integer or string"],
  },
  {
    title: "a quantity that is not a quantity string is rejected",
    yaml: deployment("deploy-bad-quantity", "      containers: [{ name: web, image: nginx, resources: { limits: { cpu: 1 core } } }]\n"),
    expected: ["at '/spec/template/spec/containers/0/resources/limits/cpu': '1 core' does not match pattern"],
  },
  {
    title: "a quantity that is a boolean is rejected",
    yaml: deployment("deploy-bool-quantity", "      containers: [{ name: web, image: nginx, resources: { limits: { cpu: true } } }]\n"),
    expected: ["at '/spec/template/spec/containers/0/resources/limits/cpu': got boolean, want number or string"],
  },
  {
    title: "a required field that is null is rejected",
    yaml: deployment("deploy-null-required", "      containers: [{ name: null, image: nginx }]\n"),
    expected: ["at '/spec/template/spec/containers/0/name': got null, want string"],
  },
  {
    title: "a ConfigMap value that is a number is rejected (it must be quoted)",
    yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cm-number }\ndata: { port: 8080 }\n",
    expected: ["at '/data/port': got number, want string"],
  },
  {
    title: "a Service with a named and a numbered targetPort is valid",
    yaml: "apiVersion: v1\nkind: Service\nmetadata: { name: svc-valid }\nspec:\n  selector: { app: web }\n  ports: [{ name: http, port: 80, targetPort: http }, { name: metrics, port: 9090, targetPort: 9090 }]\n",
    expected: "valid",
  },
  {
    title: "a ClusterRole (group rbac.authorization.k8s.io, file clusterrole-rbac-v1.json) with a misspelt rule field is rejected",
    yaml: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: role-typo }\nrules: [{ apiGroups: [''], resources: [pods], verb: [get] }]\n",
    expected: ["at '/rules/0': missing property 'verbs'", "additional properties 'verb' not allowed"],
  },
  {
    title: "a CRD whose nested schemas are valid to any depth is valid (JSONSchemaProps recursion)",
    yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: things.example.com }
spec:
  group: example.com
  names: { kind: Thing, plural: things }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                a: { type: object, properties: { b: { type: array, items: { type: object, properties: { c: { type: string } } } } } }
`,
    expected: "valid",
  },
  {
    title: "a CRD with a misspelt keyword deep in its nested schemas is rejected",
    yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: typos.example.com }
spec:
  group: example.com
  names: { kind: Typo, plural: typos }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: { type: object, properties: { a: { type: object, proprties: { b: { type: string } } } } }
`,
    expected: ["additional properties 'proprties' not allowed"],
  },
];

const CRD_SETS: readonly (Case & { readonly component: string })[] = [
  {
    component: "flux",
    title: "a Flux Kustomization is valid",
    yaml: "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: flux-ks-valid, namespace: flux-system }\nspec:\n  interval: 10m\n  path: ./generated/production\n  prune: true\n  sourceRef: { kind: GitRepository, name: flux-system }\n  dependsOn: [{ name: infrastructure }]\n",
    expected: "valid",
  },
  {
    component: "flux",
    title: "a Flux Kustomization with prune as a string is rejected",
    yaml: "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: flux-ks-invalid, namespace: flux-system }\nspec:\n  interval: 10m\n  prune: 'true'\n  sourceRef: { kind: GitRepository, name: flux-system }\n",
    expected: ["at '/spec/prune': got string, want boolean"],
  },
  {
    component: "flux",
    title: "a Flux HelmRelease keeps its free-form values open but rejects unknown fields elsewhere",
    yaml: "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: flux-hr-invalid, namespace: apps }\nspec:\n  interval: 1h\n  chart:\n    spec: { chart: podinfo, sourceRef: { kind: HelmRepository, name: podinfo }, version: 6.x }\n  values: { anything: { goes: [1, two] } }\n  valuesFrm: []\n",
    expected: ["at '/spec': additional properties 'valuesFrm' not allowed"],
  },
  {
    component: "flux",
    title: "a Flux OCIRepository may leave out a required field that has a default (verify.provider)",
    yaml: "apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata: { name: flux-oci-defaulted, namespace: flux-system }\nspec:\n  interval: 5m\n  url: oci://ghcr.io/example/manifests\n  ref: { tag: v1.0.0 }\n  verify: { secretRef: { name: cosign-pub } }\n",
    expected: "valid",
  },
  {
    component: "flux-operator",
    title: "a FluxInstance is valid",
    yaml: "apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: { name: flux, namespace: flux-system }\nspec:\n  distribution: { version: 2.x, registry: ghcr.io/fluxcd }\n  components: [source-controller, kustomize-controller]\n",
    expected: "valid",
  },
  {
    component: "flux-operator",
    title: "a FluxInstance with an unknown component is rejected",
    yaml: "apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: { name: flux-bad, namespace: flux-system }\nspec:\n  distribution: { version: 2.x, registry: ghcr.io/fluxcd }\n  components: [source-controller, kustomise-controller]\n",
    expected: ["at '/spec/components/1': value must be one of"],
  },
  {
    component: "cert-manager",
    title: "a cert-manager Certificate is valid",
    yaml: "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: cert-valid, namespace: apps }\nspec:\n  secretName: web-tls\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n  dnsNames: [web.example.com]\n  duration: 2160h\n",
    expected: "valid",
  },
  {
    component: "cert-manager",
    title: "a cert-manager Certificate with a misspelt field is rejected",
    yaml: "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: cert-typo, namespace: apps }\nspec:\n  secretName: web-tls\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n  dnsName: [web.example.com]\n",
    expected: ["at '/spec': additional properties 'dnsName' not allowed"],
  },
  {
    component: "external-secrets",
    title: "an ExternalSecret is valid",
    yaml: "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: { name: es-valid, namespace: apps }\nspec:\n  refreshInterval: 1h\n  secretStoreRef: { name: vault, kind: ClusterSecretStore }\n  target: { name: db }\n  data: [{ secretKey: password, remoteRef: { key: db/password } }]\n",
    expected: "valid",
  },
  {
    component: "external-secrets",
    title: "an ExternalSecret with a wrong store kind is rejected",
    yaml: "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: { name: es-invalid, namespace: apps }\nspec:\n  secretStoreRef: { name: vault, kind: Vault }\n",
    expected: ["at '/spec/secretStoreRef/kind': value must be one of 'SecretStore', 'ClusterSecretStore'"],
  },
  {
    component: "sealed-secrets",
    title: "a SealedSecret with a null (nullable) template data is valid",
    yaml: "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: { name: sealed-valid, namespace: apps }\nspec:\n  encryptedData: { password: AgBy3i4OJSWK+PiTySYZZA== }\n  template: { data: null, type: Opaque }\n",
    expected: "valid",
  },
  {
    component: "sealed-secrets",
    title: "a SealedSecret with a null in a field that is not nullable is rejected",
    yaml: "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: { name: sealed-null, namespace: apps }\nspec:\n  encryptedData: { password: AgBy3i4OJSWK+PiTySYZZA== }\n  template: { type: null }\n",
    expected: ["at '/spec/template/type': got null, want string"],
  },
  {
    component: "traefik",
    title: "a Traefik IngressRoute with a named and a numbered service port is valid",
    yaml: "apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata: { name: route-valid, namespace: apps }\nspec:\n  entryPoints: [websecure]\n  routes:\n    - match: Host(`web.example.com`)\n      kind: Rule\n      services: [{ name: web, port: http }, { name: api, port: 8080 }]\n",
    expected: "valid",
  },
  {
    component: "traefik",
    title: "a Traefik IngressRoute without routes is rejected",
    yaml: "apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata: { name: route-invalid, namespace: apps }\nspec:\n  entryPoints: [websecure]\n",
    expected: ["at '/spec': missing property 'routes'"],
  },
  {
    component: "istio",
    title: "an Istio VirtualService is valid",
    yaml: "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: vs-valid, namespace: apps }\nspec:\n  hosts: [web]\n  http: [{ route: [{ destination: { host: web, port: { number: 80 } }, weight: 100 }] }]\n",
    expected: "valid",
  },
  {
    component: "istio",
    title: "an Istio VirtualService with a misspelt field is rejected",
    yaml: "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: vs-invalid, namespace: apps }\nspec:\n  host: [web]\n",
    expected: ["at '/spec': additional properties 'host' not allowed"],
  },
  {
    component: "argo-cd",
    title: "an Argo CD Application is valid",
    yaml: "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: app-valid, namespace: argocd }\nspec:\n  project: default\n  source: { repoURL: 'https://github.com/example/repo', path: generated/production, targetRevision: main }\n  destination: { server: 'https://kubernetes.default.svc', namespace: apps }\n  syncPolicy: { automated: { prune: true, selfHeal: true } }\n",
    expected: "valid",
  },
  {
    component: "argo-cd",
    title: "an Argo CD Application without a project is rejected",
    yaml: "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: app-invalid, namespace: argocd }\nspec:\n  destination: { server: 'https://kubernetes.default.svc' }\n",
    expected: ["at '/spec': missing property 'project'"],
  },
  {
    component: "argo-rollouts",
    title: "an Argo Rollout with canary steps and int-or-string pause durations is valid",
    yaml: "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: rollout-valid, namespace: apps }\nspec:\n  replicas: 3\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: nginx }] }\n  strategy:\n    canary:\n      steps: [{ setWeight: 20 }, { pause: { duration: 10m } }, { pause: { duration: 30 } }]\n",
    expected: "valid",
  },
  {
    component: "argo-rollouts",
    title: "an Argo Rollout with a field inside an empty marker object is rejected",
    yaml: "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: rollout-invalid, namespace: apps }\nspec:\n  strategy:\n    blueGreen:\n      activeService: web\n      antiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { weight: 1 } }\n",
    expected: ["at '/spec/strategy/blueGreen/antiAffinity/requiredDuringSchedulingIgnoredDuringExecution': additional properties 'weight' not allowed"],
  },
  {
    component: "prometheus-operator",
    title: "a ServiceMonitor is valid",
    yaml: "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: sm-valid, namespace: apps }\nspec:\n  selector: { matchLabels: { app: web } }\n  endpoints: [{ port: metrics, interval: 30s }]\n",
    expected: "valid",
  },
  {
    component: "prometheus-operator",
    title: "a ServiceMonitor with an interval that is not a duration is rejected",
    yaml: "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: sm-invalid, namespace: apps }\nspec:\n  selector: { matchLabels: { app: web } }\n  endpoints: [{ port: metrics, interval: 30 seconds }]\n",
    expected: ["at '/spec/endpoints/0/interval': '30 seconds' does not match pattern"],
  },
  {
    component: "strimzi",
    title: "a Strimzi KafkaTopic with free-form config is valid",
    yaml: "apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata: { name: topic-valid, namespace: kafka, labels: { strimzi.io/cluster: main } }\nspec:\n  partitions: 3\n  replicas: 3\n  config: { retention.ms: 7200000, cleanup.policy: compact }\n",
    expected: "valid",
  },
  {
    component: "strimzi",
    title: "a Strimzi KafkaTopic with partitions as a word is rejected",
    yaml: "apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata: { name: topic-invalid, namespace: kafka }\nspec:\n  partitions: three\n",
    expected: ["at '/spec/partitions': got string, want integer"],
  },
  {
    component: "crunchydata-pgo",
    title: "a CrunchyData PostgresCluster is valid",
    yaml: "apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata: { name: pg-valid, namespace: db }\nspec:\n  postgresVersion: 17\n  instances:\n    - name: main\n      replicas: 2\n      dataVolumeClaimSpec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 10Gi } } }\n",
    expected: "valid",
  },
  {
    component: "crunchydata-pgo",
    title: "a CrunchyData PostgresCluster with a PostgreSQL version that is too old is rejected",
    yaml: "apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata: { name: pg-invalid, namespace: db }\nspec:\n  postgresVersion: 9\n  instances: [{ dataVolumeClaimSpec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 10Gi } } } }]\n",
    expected: ["at '/spec/postgresVersion': minimum: got 9, want"],
  },
  {
    component: "gateway-api",
    title: "a Gateway API HTTPRoute is valid",
    yaml: "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: http-valid, namespace: apps }\nspec:\n  parentRefs: [{ name: public, namespace: gateway, sectionName: https }]\n  hostnames: [web.example.com]\n  rules: [{ matches: [{ path: { type: PathPrefix, value: / } }], backendRefs: [{ name: web, port: 80 }] }]\n",
    expected: "valid",
  },
  {
    component: "gateway-api",
    title: "a Gateway API HTTPRoute with a port out of range is rejected",
    yaml: "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: http-invalid, namespace: apps }\nspec:\n  parentRefs: [{ name: public, port: 70000 }]\n",
    expected: ["at '/spec/parentRefs/0/port': maximum: got 70,000, want 65,535"],
  },
  {
    component: "vertical-pod-autoscaler",
    title: "a VerticalPodAutoscaler is valid",
    yaml: "apiVersion: autoscaling.k8s.io/v1\nkind: VerticalPodAutoscaler\nmetadata: { name: vpa-valid, namespace: apps }\nspec:\n  targetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  updatePolicy: { updateMode: Recreate }\n",
    expected: "valid",
  },
  {
    component: "vertical-pod-autoscaler",
    title: "a VerticalPodAutoscaler with an unknown update mode is rejected",
    yaml: "apiVersion: autoscaling.k8s.io/v1\nkind: VerticalPodAutoscaler\nmetadata: { name: vpa-invalid, namespace: apps }\nspec:\n  targetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  updatePolicy: { updateMode: Sometimes }\n",
    expected: ["at '/spec/updatePolicy/updateMode': value must be one of"],
  },
  {
    component: "onepassword-operator",
    title: "a 1Password OnePasswordItem is valid",
    yaml: "apiVersion: onepassword.com/v1\nkind: OnePasswordItem\nmetadata: { name: op-valid, namespace: apps }\nspec: { itemPath: vaults/platform/items/db }\n",
    expected: "valid",
  },
  {
    component: "onepassword-operator",
    title: "a 1Password OnePasswordItem with a misspelt field is rejected",
    yaml: "apiVersion: onepassword.com/v1\nkind: OnePasswordItem\nmetadata: { name: op-invalid, namespace: apps }\nspec: { itemPaths: vaults/platform/items/db }\n",
    expected: ["at '/spec': additional properties 'itemPaths' not allowed"],
  },
];

const scratch = mkdtempSync(join(tmpdir(), "schema-store-kubeconform-"));
let built: BuildSchemaStoreResult;
let kubeconform: string;
const results = new Map<string, Map<string, KubeconformResource>>();

function nameOf(yaml: string): string {
  const match = /^metadata:\s*(?:\{\s*name:\s*([\w.-]+)|\n\s+name:\s*([\w.-]+))/m.exec(yaml);
  if (match === null) throw new Error(`no metadata.name in\n${yaml}`);
  return (match[1] ?? match[2])!;
}

async function validate(version: string, cases: readonly Case[]): Promise<void> {
  const output = await runKubeconform(kubeconform, schemaLocations({ store: built.store, kubernetesVersion: version }), cases.map((entry) => entry.yaml).join("\n---\n"));
  results.set(version, new Map(output.map((resource) => [resource.name, resource])));
}

/** Why the setup failed (e.g. the mirror is missing); every test then fails with it rather than being skipped. */
let setupError: unknown;

beforeAll(async () => {
  try {
    const mirror = requireMirror();
    kubeconform = await pinnedKubeconform();
    built = await buildSchemaStore({ root: PROJECT_ROOT, mirror, out: join(scratch, "store") });
    await Promise.all([validate("1.36", [...KUBERNETES, ...CRD_SETS]), validate("1.35", KUBERNETES)]);
  } catch (error) {
    setupError = error;
  }
});

function ready(): void {
  if (setupError !== undefined) throw setupError;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function expectResult(version: string, entry: Case): void {
  ready();
  const result = results.get(version)!.get(nameOf(entry.yaml));
  expect(result, `no kubeconform result for ${nameOf(entry.yaml)}`).toBeDefined();
  if (entry.expected === "valid") {
    expect({ status: result!.status, msg: result!.msg }).toEqual({ status: "statusValid", msg: "" });
  } else {
    expect(result!.status).toBe("statusInvalid");
    for (const message of entry.expected) expect(result!.msg).toContain(message);
  }
}

describe("the schema store built from the upstream mirror, validated with kubeconform", () => {
  it.each(KUBERNETES.map((entry) => [entry.title, entry] as const))("Kubernetes 1.36: %s", (_, entry) => expectResult("1.36", entry));

  it.each(KUBERNETES.map((entry) => [entry.title, entry] as const))("Kubernetes 1.35: %s", (_, entry) => expectResult("1.35", entry));

  it.each(CRD_SETS.map((entry) => [entry.component, entry.title, entry] as const))("%s: %s", (_, __, entry) => expectResult("1.36", entry));

  it("covers a kind of every CRD set of schemas/sources.json", () => {
    ready();
    const sources = JSON.parse(readFileSync(join(PROJECT_ROOT, "schemas", "sources.json"), "utf8")) as { crds: { component: string }[] };
    expect([...new Set(CRD_SETS.map((entry) => entry.component))].sort()).toEqual(sources.crds.map((set) => set.component).sort());
  });

  it("has no schema for a kind that only the other Kubernetes version serves", async () => {
    ready();
    const yaml = "apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingAdmissionPolicy\nmetadata: { name: map }\nspec: {}\n";
    const [in135] = await runKubeconform(kubeconform, schemaLocations({ store: built.store, kubernetesVersion: "1.35" }), yaml);
    const [in136] = await runKubeconform(kubeconform, schemaLocations({ store: built.store, kubernetesVersion: "1.36" }), yaml);
    expect(in135).toMatchObject({ status: "statusError", msg: "could not find schema for MutatingAdmissionPolicy" });
    expect(in136?.status).not.toBe("statusError");
  });

  it("has schemas that all compile in kubeconform: a minimal object of every kind is checked, never 'could not find schema'", async () => {
    ready();
    const stamp = JSON.parse(readFileSync(join(built.store, "schema-store.json"), "utf8")) as { components: { kinds: string[] }[] };
    const kubernetesKinds = (version: string): string[] =>
      readdirSync(join(built.store, `v${version}-standalone-strict`)).map((file) => {
        const schema = JSON.parse(readFileSync(join(built.store, `v${version}-standalone-strict`, file), "utf8")) as { properties: { apiVersion: { enum: [string] }; kind: { enum: [string] } } };
        return `${schema.properties.apiVersion.enum[0]} ${schema.properties.kind.enum[0]}`;
      });
    const runs = [
      { version: "1.35", kinds: kubernetesKinds("1.35") },
      { version: "1.36", kinds: kubernetesKinds("1.36") },
      { version: "1.36", kinds: stamp.components.flatMap((component) => component.kinds) },
    ];
    const outputs = await Promise.all(
      runs.map(({ version, kinds }) =>
        runKubeconform(
          kubeconform,
          schemaLocations({ store: built.store, kubernetesVersion: version }),
          kinds.map((entry) => `apiVersion: ${entry.split(" ")[0]}\nkind: ${entry.split(" ")[1]}\nmetadata: { name: minimal }\n`).join("---\n"),
        ),
      ),
    );
    runs.forEach(({ kinds }, index) => expect(outputs[index]).toHaveLength(kinds.length));
    expect(outputs.flat().filter((resource) => resource.status === "statusError").map((resource) => `${resource.version} ${resource.kind}: ${resource.msg}`)).toEqual([]);
  });

  it("builds from the mirror (its size and time are printed)", () => {
    ready();
    expect(built.outcome).toBe("built");
    console.info(`schema store: ${built.files} files, ${(built.bytes / 1024 / 1024).toFixed(1)} MiB, built in ${(built.ms / 1000).toFixed(1)} s`);
  });
});
