/**
 * The policy rules every rendered tree is checked against. Each has an id,
 * a severity and the reason it exists; an object can opt out of one rule
 * with a written reason (see `suppression.ts`).
 */
import { describeObject, groupOf, type ApiObject } from "../resource/api-object.ts";
import { at } from "../resource/json-fields.ts";
import { hasSopsMac } from "../secret-scan/sops.ts";
import { podTemplateOf, type PodTemplate } from "../resource/pod-template.ts";
import { containersOf, type PodSpecView } from "./pod-specs.ts";
import { ScopedMemo } from "../resource/scoped-memo.ts";

/** An object under check, with the component folder it was rendered to. */
export interface PolicySubject {
  /** The component folder, e.g. `apps/web`. */
  readonly component: string;
  /** The object. */
  readonly object: ApiObject;
}

/** One violation of a rule by one object. */
export interface PolicyFinding {
  /** The rule's id. */
  readonly rule: string;
  /** The subject. */
  readonly subject: PolicySubject;
  /** The field path concerned, e.g. `spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
}

/** A policy rule. */
export interface PolicyRule {
  /** The id, used in suppressions: `suppress.policy.typed-gitops.dev/<id>`. */
  readonly id: string;
  /** `error` fails validation; `warning` is reported only. */
  readonly severity: "error" | "warning";
  /** What the rule requires, in one sentence. */
  readonly summary: string;
  /** Why it exists. */
  readonly reason: string;
  /** Returns the findings over every subject of one cluster. */
  readonly check: (subjects: readonly PolicySubject[]) => PolicyFinding[];
}

/** A workload subject with its pod template and containers. */
interface WorkloadContainers {
  readonly subject: PolicySubject;
  readonly template: PodTemplate<PodSpecView>;
  readonly containers: ReturnType<typeof containersOf>;
}

/** The workload subjects, with their pod templates and containers. */
function findWorkloads(subjects: readonly PolicySubject[]): readonly WorkloadContainers[] {
  const workloads: WorkloadContainers[] = [];
  for (const subject of subjects) {
    const template = podTemplateOf<PodSpecView>(subject.object);
    if (template !== undefined) workloads.push({ subject, template, containers: containersOf(template) });
  }
  return workloads;
}

/** The workloads of the evaluation in progress, found once for every rule that reads containers. */
const workloads = new ScopedMemo(findWorkloads);

/**
 * Runs `evaluate` with the workloads of `subjects` found once and shared by
 * every rule that reads containers, instead of once per rule. The objects
 * must not change while it runs.
 */
export function sharingWorkloads<T>(subjects: readonly PolicySubject[], evaluate: () => T): T {
  return workloads.during(subjects, evaluate);
}

function perContainer(
  rule: string,
  subjects: readonly PolicySubject[],
  test: (container: ReturnType<typeof containersOf>[number], template: PodTemplate<PodSpecView>) => { field: string; message: string }[],
): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  for (const { subject, template, containers } of workloads.of(subjects)) {
    for (const entry of containers) {
      for (const problem of test(entry, template)) findings.push({ rule, subject, ...problem });
    }
  }
  return findings;
}

/** `image:tag` or `image@digest`: is the tag missing or `latest`? */
function imageProblem(image: string | undefined): string | undefined {
  if (image === undefined || image === "") return "has no image";
  if (image.includes("@sha256:")) return undefined;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  if (colon === -1) return `image ${JSON.stringify(image)} has no tag; pin a version (and ideally a digest)`;
  if (lastSegment.slice(colon + 1) === "latest") return `image ${JSON.stringify(image)} uses the tag latest; pin a version`;
  return undefined;
}

const noPlaintextSecret: PolicyRule = {
  id: "no-plaintext-secret",
  severity: "error",
  summary: "A Secret in the tree must be SOPS-encrypted; use a SealedSecret or an ExternalSecret otherwise.",
  reason: "the tree is committed to git: a plaintext Secret is a leaked credential",
  check: (subjects) =>
    subjects
      .filter(({ object }) => object.kind === "Secret" && groupOf(object.apiVersion) === "")
      .filter(({ object }) => !hasSopsMac(object as unknown as Readonly<Record<string, unknown>>))
      .map((subject) => ({ rule: "no-plaintext-secret", subject, field: "", message: "is a Secret without SOPS encryption (no sops.mac)" })),
};

const pinnedImages: PolicyRule = {
  id: "pinned-images",
  severity: "error",
  summary: "Every container image has an explicit tag other than latest, or a digest.",
  reason: "an unpinned image changes under a cluster without a commit, so git no longer says what runs",
  check: (subjects) =>
    perContainer("pinned-images", subjects, ({ path, container }) => {
      const message = imageProblem(container.image);
      return message === undefined ? [] : [{ field: `${path}.image`, message }];
    }),
};

const resources: PolicyRule = {
  id: "resources",
  severity: "error",
  summary: "Every container requests CPU and memory and limits memory.",
  reason: "requests let the scheduler place pods; a memory limit keeps one pod from starving its node (CPU limits are left to the team: they throttle)",
  check: (subjects) =>
    perContainer("resources", subjects, ({ path, container }) => {
      const missing: string[] = [];
      if (at(container, "resources", "requests", "cpu") === undefined) missing.push("requests.cpu");
      if (at(container, "resources", "requests", "memory") === undefined) missing.push("requests.memory");
      if (at(container, "resources", "limits", "memory") === undefined) missing.push("limits.memory");
      return missing.length === 0 ? [] : [{ field: `${path}.resources`, message: `sets no ${missing.join(", ")}` }];
    }),
};

const probes: PolicyRule = {
  id: "probes",
  severity: "error",
  summary: "Every long-running container has a readiness and a liveness probe.",
  reason: "without probes, traffic reaches pods that are not ready and hung pods are never restarted",
  check: (subjects) =>
    perContainer("probes", subjects, ({ path, container, init }, template) => {
      if (init || template.runsToCompletion) return [];
      const missing = [container.readinessProbe === undefined ? "readinessProbe" : "", container.livenessProbe === undefined ? "livenessProbe" : ""].filter(Boolean);
      return missing.length === 0 ? [] : [{ field: path, message: `has no ${missing.join(" or ")}` }];
    }),
};

const restrictedSecurityContext: PolicyRule = {
  id: "security-context",
  severity: "error",
  summary: "Every container runs as non-root, without privilege escalation, with a read-only root filesystem and all capabilities dropped.",
  reason: "the Pod Security Standards' restricted profile: a compromised container should not become a compromised node",
  check: (subjects) =>
    perContainer("security-context", subjects, ({ path, container }, template) => {
      const context = container.securityContext ?? {};
      const missing: string[] = [];
      const nonRoot = context.runAsNonRoot ?? template.spec.securityContext?.runAsNonRoot;
      if (nonRoot !== true) missing.push("runAsNonRoot: true");
      if (context.allowPrivilegeEscalation !== false) missing.push("allowPrivilegeEscalation: false");
      if (context.readOnlyRootFilesystem !== true) missing.push("readOnlyRootFilesystem: true");
      if (!(context.capabilities?.drop ?? []).includes("ALL")) missing.push('capabilities.drop: ["ALL"]');
      if (context.privileged === true) missing.push("privileged: false");
      return missing.length === 0 ? [] : [{ field: `${path}.securityContext`, message: `needs ${missing.join(", ")}` }];
    }),
};

/** Groups subjects by namespace, for rules that look for a partner object in the same namespace. */
function byNamespace(subjects: readonly PolicySubject[]): Map<string | undefined, PolicySubject[]> {
  const groups = new Map<string | undefined, PolicySubject[]>();
  for (const subject of subjects) {
    const namespace = subject.object.metadata?.namespace;
    const group = groups.get(namespace);
    if (group === undefined) groups.set(namespace, [subject]);
    else group.push(subject);
  }
  return groups;
}

function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  const matchLabels = (at(selector, "matchLabels") ?? {}) as Record<string, string>;
  if (Object.keys(matchLabels).length === 0 && at(selector, "matchExpressions") === undefined) return false;
  return Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
}

const disruptionBudget: PolicyRule = {
  id: "pod-disruption-budget",
  severity: "error",
  summary: "A workload with more than one replica has a PodDisruptionBudget that selects its pods.",
  reason: "node drains and upgrades would otherwise evict every replica at once",
  check: (subjects) => {
    const budgets = byNamespace(subjects.filter(({ object }) => object.kind === "PodDisruptionBudget"));
    const autoscalers = byNamespace(subjects.filter(({ object }) => object.kind === "HorizontalPodAutoscaler"));
    const findings: PolicyFinding[] = [];
    for (const subject of subjects) {
      if (!["Deployment", "StatefulSet", "Rollout"].includes(subject.object.kind)) continue;
      const namespace = subject.object.metadata?.namespace;
      const scaler = (autoscalers.get(namespace) ?? []).find(({ object }) => at(object, "spec", "scaleTargetRef", "name") === subject.object.metadata?.name && at(object, "spec", "scaleTargetRef", "kind") === subject.object.kind);
      const replicas = Math.max(Number(at(subject.object, "spec", "replicas") ?? 1), Number(at(scaler?.object, "spec", "minReplicas") ?? 0));
      if (replicas <= 1) continue;
      const labels = podTemplateOf(subject.object)?.labels ?? {};
      const covered = (budgets.get(namespace) ?? []).some(({ object }) => selectorMatches(at(object, "spec", "selector"), labels));
      if (!covered) {
        findings.push({ rule: "pod-disruption-budget", subject, field: "spec.replicas", message: `runs ${replicas} replicas but no PodDisruptionBudget in ${namespace ?? "its namespace"} selects its pods` });
      }
    }
    return findings;
  },
};

const defaultDeny: PolicyRule = {
  id: "default-deny",
  severity: "error",
  summary: "Every namespace that holds an app has a default-deny ingress NetworkPolicy (empty podSelector, no ingress rules).",
  reason: "pods accept traffic from anywhere in the cluster unless a policy says otherwise; allows should be explicit",
  check: (subjects) => {
    const appNamespaces = new Map<string, PolicySubject>();
    for (const subject of subjects) {
      const namespace = subject.object.metadata?.namespace;
      if (namespace === undefined || !(subject.component === "apps" || subject.component.startsWith("apps/"))) continue;
      if (podTemplateOf(subject.object) === undefined) continue;
      if (!appNamespaces.has(namespace)) appNamespaces.set(namespace, subject);
    }
    const denied = new Set(
      subjects
        .filter(({ object }) => object.kind === "NetworkPolicy")
        .filter(({ object }) => {
          const selector = (at(object, "spec", "podSelector") ?? {}) as Record<string, unknown>;
          const types = (at(object, "spec", "policyTypes") ?? []) as string[];
          const ingress = at(object, "spec", "ingress") as unknown[] | undefined;
          return Object.keys(selector).length === 0 && types.includes("Ingress") && (ingress === undefined || ingress.length === 0);
        })
        .map(({ object }) => object.metadata?.namespace),
    );
    return [...appNamespaces]
      .filter(([namespace]) => !denied.has(namespace))
      .map(([namespace, subject]) => ({ rule: "default-deny", subject, field: "metadata.namespace", message: `namespace ${namespace} has no default-deny ingress NetworkPolicy` }));
  },
};

/** The hosts an exposing object routes, by kind. */
function hostsOf(object: ApiObject): { field: string; host: string }[] {
  const group = groupOf(object.apiVersion);
  const hosts: { field: string; host: string }[] = [];
  if (object.kind === "Ingress" && group === "networking.k8s.io") {
    ((at(object, "spec", "rules") ?? []) as { host?: string }[]).forEach((rule, i) => rule.host !== undefined && hosts.push({ field: `spec.rules[${i}].host`, host: rule.host }));
  } else if (object.kind === "HTTPRoute" && group === "gateway.networking.k8s.io") {
    ((at(object, "spec", "hostnames") ?? []) as string[]).forEach((host, i) => hosts.push({ field: `spec.hostnames[${i}]`, host }));
  } else if (object.kind === "VirtualService" && group === "networking.istio.io") {
    ((at(object, "spec", "hosts") ?? []) as string[]).forEach((host, i) => host.includes(".") && hosts.push({ field: `spec.hosts[${i}]`, host }));
  } else if (object.kind === "IngressRoute" && group === "traefik.io") {
    ((at(object, "spec", "routes") ?? []) as { match?: string }[]).forEach((route, i) => {
      for (const match of (route.match ?? "").matchAll(/Host\(([^)]*)\)/g)) {
        for (const host of match[1]!.matchAll(/`([^`]+)`/g)) hosts.push({ field: `spec.routes[${i}].match`, host: host[1]! });
      }
    });
  }
  return hosts;
}

const uniqueHosts: PolicyRule = {
  id: "unique-hosts",
  severity: "error",
  summary: "A host name is routed by one Ingress, HTTPRoute, IngressRoute or VirtualService per cluster.",
  reason: "two objects claiming one host make routing depend on controller internals and hide mistakes",
  check: (subjects) => {
    const owners = new Map<string, PolicySubject>();
    const findings: PolicyFinding[] = [];
    for (const subject of subjects) {
      const seenHere = new Set<string>();
      for (const { field, host } of hostsOf(subject.object)) {
        const key = host.toLowerCase();
        if (seenHere.has(key)) continue;
        seenHere.add(key);
        const owner = owners.get(key);
        if (owner === undefined) owners.set(key, subject);
        else findings.push({ rule: "unique-hosts", subject, field, message: `host ${host} is already routed by ${describeObject(owner.object)} (components[${JSON.stringify(owner.component)}])` });
      }
    }
    return findings;
  },
};

/** Every policy rule, in report order. */
export const POLICY_RULES: readonly PolicyRule[] = [
  noPlaintextSecret,
  pinnedImages,
  resources,
  probes,
  restrictedSecurityContext,
  disruptionBudget,
  defaultDeny,
  uniqueHosts,
];
