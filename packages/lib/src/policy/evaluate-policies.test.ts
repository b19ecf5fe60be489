import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Secret } from "kubernetes-models/v1/Secret";
import type { IContainer } from "kubernetes-models/v1/Container";
import { describe, expect, it } from "vitest";
import type { ApiObject } from "../resource/api-object.ts";
import { evaluatePolicies, policyProblems, suppress } from "./evaluate-policies.ts";
import type { PolicySubject } from "./rules.ts";

const labels = { app: "web" };

function container(overrides: Partial<IContainer> = {}): IContainer {
  return {
    name: "web",
    image: "ghcr.io/example/web:1.2.3",
    readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
    livenessProbe: { httpGet: { path: "/live", port: 8080 } },
    resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "64Mi" } },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    ...overrides,
  };
}

function deployment(overrides: Partial<IContainer> = {}, replicas = 1): Deployment {
  return new Deployment({
    metadata: { name: "web", namespace: "web" },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container(overrides)] } } },
  });
}

const denyAll = new NetworkPolicy({ metadata: { name: "default-deny", namespace: "web" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });

function subjects(...objects: ApiObject[]): PolicySubject[] {
  return objects.map((object) => ({ component: "apps/web", object }));
}

function messages(...objects: ApiObject[]): string[] {
  return policyProblems(evaluatePolicies(subjects(...objects)), "clusters/test").map((problem) => `${problem.where} | ${problem.what}`);
}

const at = 'clusters/test: components["apps/web"]: ';

describe("the policies", () => {
  it("pass a workload with secure defaults, a PDB and a default-deny policy", () => {
    const pdb = new PodDisruptionBudget({ metadata: { name: "web", namespace: "web" }, spec: { minAvailable: 1, selector: { matchLabels: labels } } });
    expect(messages(deployment({}, 3), pdb, denyAll)).toEqual([]);
  });

  it.each([
    ["a plaintext Secret", [new Secret({ metadata: { name: "db", namespace: "web" }, stringData: { password: "x" } }), denyAll], `${at}Secret web/db | is a Secret without SOPS encryption (no sops.mac) [policy no-plaintext-secret]`],
    ["an untagged image", [deployment({ image: "nginx" }), denyAll], `${at}Deployment web/web | spec.template.spec.containers[0].image: image "nginx" has no tag; pin a version (and ideally a digest) [policy pinned-images]`],
    ["the latest tag", [deployment({ image: "registry:5000/nginx:latest" }), denyAll], `${at}Deployment web/web | spec.template.spec.containers[0].image: image "registry:5000/nginx:latest" uses the tag latest; pin a version [policy pinned-images]`],
    ["missing requests and limits", [deployment({ resources: { requests: { cpu: "1" } } }), denyAll], `${at}Deployment web/web | spec.template.spec.containers[0].resources: sets no requests.memory, limits.memory [policy resources]`],
    ["missing probes", [deployment({ readinessProbe: undefined, livenessProbe: undefined }), denyAll], `${at}Deployment web/web | spec.template.spec.containers[0]: has no readinessProbe or livenessProbe [policy probes]`],
    [
      "a permissive security context",
      [deployment({ securityContext: { runAsNonRoot: true, capabilities: { drop: ["NET_RAW"] } } }), denyAll],
      `${at}Deployment web/web | spec.template.spec.containers[0].securityContext: needs allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities.drop: ["ALL"] [policy security-context]`,
    ],
    ["several replicas without a PDB", [deployment({}, 2), denyAll], `${at}Deployment web/web | spec.replicas: runs 2 replicas but no PodDisruptionBudget in web selects its pods [policy pod-disruption-budget]`],
    [
      "an autoscaler floor above one without a PDB",
      [deployment({}, 1), denyAll, new HorizontalPodAutoscaler({ metadata: { name: "web", namespace: "web" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 3, maxReplicas: 5 } })],
      `${at}Deployment web/web | spec.replicas: runs 3 replicas but no PodDisruptionBudget in web selects its pods [policy pod-disruption-budget]`,
    ],
    ["an app namespace without default deny", [deployment()], `${at}Deployment web/web | metadata.namespace: namespace web has no default-deny ingress NetworkPolicy [policy default-deny]`],
    [
      "two Ingresses for one host",
      [
        new Ingress({ metadata: { name: "a", namespace: "web" }, spec: { rules: [{ host: "shop.example.com" }] } }),
        new Ingress({ metadata: { name: "b", namespace: "web" }, spec: { rules: [{ host: "Shop.example.com" }] } }),
      ],
      `${at}Ingress web/b | spec.rules[0].host: host Shop.example.com is already routed by Ingress web/a (components["apps/web"]) [policy unique-hosts]`,
    ],
  ])("catch %s", (_case, objects, expected) => {
    expect(messages(...(objects as ApiObject[]))).toEqual([expected]);
  });

  it("accept a SOPS-encrypted Secret", () => {
    const encrypted = { apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "web" }, data: { password: "ENC[AES256_GCM,data:abc]" }, sops: { mac: "ENC[AES256_GCM,data:xyz]" } } as ApiObject;
    expect(messages(encrypted)).toEqual([]);
  });

  it("need no probes on a CronJob's containers", () => {
    const cron = new CronJob({
      metadata: { name: "backup", namespace: "web" },
      spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [container({ readinessProbe: undefined, livenessProbe: undefined })] } } } } },
    });
    expect(messages(cron, denyAll)).toEqual([]);
  });

  it("honour a suppression with a reason, and keep it visible in the report", () => {
    const probeless = suppress(deployment({ readinessProbe: undefined, livenessProbe: undefined }), "probes", "a batch worker with no HTTP endpoint");
    const second = evaluatePolicies(subjects(probeless, denyAll));
    expect(second.findings).toEqual([]);
    expect(second.suppressed.map((finding) => [finding.rule, finding.reason])).toEqual([["probes", "a batch worker with no HTTP endpoint"]]);
    expect(probeless.metadata?.annotations).toEqual({ "suppress.policy.typed-gitops.dev/probes": "a batch worker with no HTTP endpoint" });
  });

  it("reject a suppression without a real reason or for an unknown rule", () => {
    const lazy = suppress(deployment({ readinessProbe: undefined, livenessProbe: undefined }), "probes", "todo");
    suppress(lazy, "no-such-rule", "because it is fine here");
    expect(messages(lazy, denyAll)).toEqual([
      `${at}Deployment web/web | spec.template.spec.containers[0]: has no readinessProbe or livenessProbe [policy probes]`,
      `${at}Deployment web/web | metadata.annotations["suppress.policy.typed-gitops.dev/probes"] suppresses probes without a reason; write why in the annotation's value (10 characters or more)`,
      `${at}Deployment web/web | metadata.annotations["suppress.policy.typed-gitops.dev/no-such-rule"] suppresses unknown policy "no-such-rule"; known: no-plaintext-secret, pinned-images, resources, probes, security-context, pod-disruption-budget, default-deny, unique-hosts`,
    ]);
  });
});
