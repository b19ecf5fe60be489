/**
 * The synthetic workload of the gen benchmark: every cluster runs `apps`
 * apps, each five objects in its own namespace `app-<i>` (no Namespace
 * object): a Deployment, a Service, a ConfigMap, a HorizontalPodAutoscaler
 * and a default-deny NetworkPolicy. The objects pass the library's schema
 * validation, graph checks and policies.
 *
 * This file is copied into the temporary benchmark project (its
 * `kubernetes-models` imports rewritten to absolute file URLs, since that
 * folder has no node_modules), where both cluster files import it; the
 * reference runners import this original. Every measurement therefore builds
 * the same objects with the same code. It must not import anything but
 * `kubernetes-models`.
 */
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";

/** The clusters of the benchmark project, in name order. */
export const CLUSTERS = ["a", "b"] as const;

/** How many objects each app is made of. */
export const OBJECTS_PER_APP = 5;

/** One object of the workload. */
export type WorkloadObject = Deployment | Service | ConfigMap | HorizontalPodAutoscaler | NetworkPolicy;

/** The component folder of app `index`, relative to `generated/<cluster>/`. */
export function appFolder(index: number): string {
  return `apps/app-${index}`;
}

/**
 * The namespaces of the apps. The workload holds no Namespace objects, so
 * cluster definitions declare these as existing outside the tree.
 */
export function appNamespaces(apps: number): string[] {
  return Array.from({ length: apps }, (_, index) => `app-${index}`);
}

/** The application config file of one app: a multi-line ConfigMap value. */
function configFile(name: string, cluster: string, index: number): string {
  return [
    "server:",
    "  port: 8080",
    "  shutdownTimeout: 25s",
    "logging:",
    `  level: ${index % 7 === 0 ? "debug" : "info"}`,
    "  format: json",
    "upstream:",
    `  url: http://${name}-backend.${name}.svc.cluster.local:8080`,
    "  timeout: 5s",
    `cluster: ${cluster}`,
    "",
  ].join("\n");
}

/** The five objects of app `index` in `cluster`. */
export function appObjects(cluster: string, index: number): WorkloadObject[] {
  const name = `app-${index}`;
  const namespace = name;
  const selector = { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name };
  const labels = {
    ...selector,
    "app.kubernetes.io/version": `1.${index % 10}.0`,
    "app.kubernetes.io/part-of": "bench",
    "app.kubernetes.io/managed-by": "typed-gitops",
    "bench.typed-gitops.dev/cluster": cluster,
  };
  return [
    deployment(name, namespace, labels, selector, index),
    new Service({
      metadata: { name, namespace, labels },
      spec: {
        type: "ClusterIP",
        selector,
        ports: [
          { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
          { name: "metrics", port: 9090, targetPort: "metrics", protocol: "TCP" },
        ],
      },
    }),
    new ConfigMap({
      metadata: { name: `${name}-config`, namespace, labels },
      data: { LOG_FORMAT: "json", FEATURE_FLAGS: index % 2 === 0 ? "search,beta-ui" : "search", "config.yaml": configFile(name, cluster, index) },
    }),
    new HorizontalPodAutoscaler({
      metadata: { name, namespace, labels },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 75 } } }],
        behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
      },
    }),
    new NetworkPolicy({
      // Named after the app (not just "default-deny") so that cdk8s's flat
      // FILE_PER_RESOURCE layout, which names files `<kind>.<name>`, does not
      // collapse the policies of one cluster into one file.
      metadata: { name: `${name}-default-deny`, namespace, labels },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    }),
  ];
}

/** The Deployment of one app: one hardened container with probes and resources. */
function deployment(name: string, namespace: string, labels: Record<string, string>, selector: Record<string, string>, index: number): Deployment {
  return new Deployment({
    metadata: { name, namespace, labels },
    spec: {
      // One replica, scaled by the autoscaler: with more, the library's
      // policies require a PodDisruptionBudget, a sixth object.
      replicas: 1,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: { labels, annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": "9090" } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: "app",
              image: `registry.example.com/team-${index % 20}/${name}:1.${index % 10}.0`,
              imagePullPolicy: "IfNotPresent",
              args: ["--config=/etc/app/config.yaml"],
              ports: [
                { name: "http", containerPort: 8080, protocol: "TCP" },
                { name: "metrics", containerPort: 9090, protocol: "TCP" },
              ],
              env: [
                { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                { name: "GOMAXPROCS", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
              ],
              envFrom: [{ configMapRef: { name: `${name}-config` } }],
              readinessProbe: { httpGet: { path: "/readyz", port: "http" }, periodSeconds: 10, failureThreshold: 3 },
              livenessProbe: { httpGet: { path: "/healthz", port: "http" }, initialDelaySeconds: 10, periodSeconds: 20 },
              resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "256Mi" } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              volumeMounts: [
                { name: "config", mountPath: "/etc/app", readOnly: true },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            { name: "config", configMap: { name: `${name}-config` } },
            { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
          ],
        },
      },
    },
  });
}

/** The components of one cluster: one folder per app. */
export function clusterComponents(cluster: string, apps: number): Record<string, WorkloadObject[]> {
  const components: Record<string, WorkloadObject[]> = {};
  for (let index = 0; index < apps; index++) components[appFolder(index)] = appObjects(cluster, index);
  return components;
}
