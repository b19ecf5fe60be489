/**
 * The warm-up of the start-up snapshot: a small sample platform, rendered
 * and described a few times while the snapshot is built, so that the
 * functions every `gen` runs are already compiled when a process starts
 * from it. The sample is generic (a web app, a database, a batch job) and
 * made of the kinds nearly every platform has; it is not the user's
 * project, which the snapshot never sees.
 */
import type { IContainer } from "kubernetes-models/v1/Container";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import type { ApiObject } from "../resource/api-object.ts";
import { defineCluster } from "../cluster/define-cluster.ts";
import { architecturePage } from "../docs/architecture-page.ts";
import { renderCluster } from "../render/render-cluster.ts";

/** A hardened container spec: pinned image, probes, resources, restricted security context. */
function container(name: string, image: string, port: number): IContainer {
  return {
    name,
    image,
    ports: [{ name: "http", containerPort: port, protocol: "TCP" }],
    env: [
      { name: "LOG_LEVEL", value: "info" },
      { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
    ],
    readinessProbe: { httpGet: { path: "/ready", port: "http" }, periodSeconds: 5 },
    livenessProbe: { httpGet: { path: "/live", port: "http" }, periodSeconds: 15 },
    resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
  };
}

/** The objects of one sample team: a namespace with a web app, a database and a nightly job. */
function team(index: number): ApiObject[] {
  const namespace = `team-${index}`;
  const labels = (name: string) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": namespace });
  const web = labels("web");
  const db = labels("db");
  return [
    new Namespace({ metadata: { name: namespace } }),
    new ServiceAccount({ metadata: { name: "web", namespace } }),
    new Role({ metadata: { name: "web", namespace }, rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }] }),
    new RoleBinding({
      metadata: { name: "web", namespace },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "web" },
      subjects: [{ kind: "ServiceAccount", name: "web", namespace }],
    }),
    new ConfigMap({ metadata: { name: "web", namespace }, data: { "settings.yaml": `listen: ":8080"\nteam: ${namespace}\n`, MODE: "production" } }),
    new Deployment({
      metadata: { name: "web", namespace, labels: web },
      spec: {
        replicas: 2,
        selector: { matchLabels: web },
        template: {
          metadata: { labels: web },
          spec: { serviceAccountName: "web", containers: [container("web", `ghcr.io/example/web:2.${index}.0`, 8080)], volumes: [{ name: "settings", configMap: { name: "web" } }] },
        },
      },
    }),
    new PodDisruptionBudget({ metadata: { name: "web", namespace }, spec: { minAvailable: 1, selector: { matchLabels: web } } }),
    new Service({ metadata: { name: "web", namespace, labels: web }, spec: { selector: web, ports: [{ name: "http", port: 80, targetPort: "http" }] } }),
    new HorizontalPodAutoscaler({
      metadata: { name: "web", namespace },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
        minReplicas: 2,
        maxReplicas: 6,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
      },
    }),
    new Ingress({
      metadata: { name: "web", namespace },
      spec: {
        ingressClassName: "traefik",
        rules: [{ host: `${namespace}.example.org`, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } }],
      },
    }),
    new StatefulSet({
      metadata: { name: "db", namespace, labels: db },
      spec: {
        serviceName: "db",
        replicas: 1,
        selector: { matchLabels: db },
        template: { metadata: { labels: db }, spec: { containers: [container("db", "docker.io/library/postgres:17.6", 5432)] } },
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } } }],
      },
    }),
    new Service({ metadata: { name: "db", namespace, labels: db }, spec: { clusterIP: "None", selector: db, ports: [{ name: "postgres", port: 5432 }] } }),
    new CronJob({
      metadata: { name: "report", namespace },
      spec: {
        schedule: "0 3 * * *",
        jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ ...container("report", `ghcr.io/example/report:1.${index}.0`, 9000), readinessProbe: undefined, livenessProbe: undefined }] } } } },
      },
    }),
    new NetworkPolicy({ metadata: { name: "default-deny", namespace }, spec: { podSelector: {}, policyTypes: ["Ingress"] } }),
    new NetworkPolicy({
      metadata: { name: "web-from-ingress", namespace },
      spec: { podSelector: { matchLabels: web }, policyTypes: ["Ingress"], ingress: [{ ports: [{ port: "http" }] }] },
    }),
  ] as unknown as ApiObject[];
}

/**
 * Renders the sample platform `rounds` times, with its architecture page.
 * @param rounds - how many times; default 3 (enough for every function on
 *   the path to be compiled; the optimizing tiers do not survive a snapshot).
 * @throws if the sample no longer renders: the snapshot build then fails.
 */
export function warmUpRender(rounds = 3): void {
  for (let round = 0; round < rounds; round++) {
    const components: Record<string, ApiObject[]> = {};
    for (let index = 0; index < 4; index++) components[`apps/team-${index}`] = team(index);
    const definition = defineCluster({ name: "warm-up", components });
    const tree = renderCluster(definition, { source: "clusters/warm-up", root: "/" });
    architecturePage({ cluster: "warm-up", source: "clusters/warm-up", kubernetesVersion: tree.kubernetesVersion, objects: tree.objects });
  }
}
