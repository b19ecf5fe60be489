/**
 * An app's workload: the pod template with secure defaults, and the
 * Deployment or Argo Rollouts canary (with its AnalysisTemplate) that runs
 * it.
 */
import { AnalysisTemplate } from "@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate";
import { Rollout } from "@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout";
import type { ApiObject } from "@typed-gitops/lib";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import type { AppProps } from "./props.ts";

/** The name of the container port the Service targets. */
export const HTTP_PORT_NAME = "http";

/** The name of a separate metrics container port. */
export const METRICS_PORT_NAME = "metrics";

/** The volumes and mounts of an app, by kind. */
interface Mounts {
  readonly volumes: NonNullable<NonNullable<IPodTemplateSpec["spec"]>["volumes"]>;
  readonly volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}

/** The pod's volumes: the config files, the writable paths and the persistent claims. */
function mountsOf(props: AppProps, configMapName: string | undefined): Mounts {
  const volumes: Mounts["volumes"] = [];
  const volumeMounts: Mounts["volumeMounts"] = [];
  if (configMapName !== undefined) {
    volumes.push({ name: "config", configMap: { name: configMapName } });
    volumeMounts.push({ name: "config", mountPath: props.configPath, readOnly: true });
  }
  props.writablePaths.forEach((path, index) => {
    volumes.push({ name: `writable-${index}`, emptyDir: {} });
    volumeMounts.push({ name: `writable-${index}`, mountPath: path });
  });
  for (const volume of props.volumes) {
    volumes.push({ name: `data-${volume.name}`, persistentVolumeClaim: { claimName: `${props.name}-${volume.name}` } });
    volumeMounts.push({ name: `data-${volume.name}`, mountPath: volume.mountPath });
  }
  return { volumes, volumeMounts };
}

/** Compares strings by code unit, so ordering never depends on the locale. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The pod template: one container, non-root, read-only, no capabilities, probes and resources set. */
export function podTemplate(props: AppProps, selector: Record<string, string>, labels: Record<string, string>, configMapName: string | undefined): IPodTemplateSpec {
  const { volumes, volumeMounts } = mountsOf(props, configMapName);
  const metricsPort = props.metrics?.port;
  const env = [
    ...Object.keys(props.env).sort(byCodeUnit).map((name) => ({ name, value: props.env[name]! })),
    ...Object.keys(props.secretEnv)
      .sort(byCodeUnit)
      .map((name) => ({ name, valueFrom: { secretKeyRef: { name: props.secretEnv[name]!.secret, key: props.secretEnv[name]!.key } } })),
  ];
  const probe = (path: string) => ({ httpGet: { path, port: HTTP_PORT_NAME }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 });
  const memory = props.resources.memory;
  return {
    metadata: { labels: { ...labels, ...selector } },
    spec: {
      serviceAccountName: props.name,
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: props.runAsUser,
        runAsGroup: props.runAsUser,
        ...(props.volumes.length > 0 ? { fsGroup: props.runAsUser, fsGroupChangePolicy: "OnRootMismatch" } : {}),
        seccompProfile: { type: "RuntimeDefault" },
      },
      containers: [
        {
          name: props.name,
          image: props.image,
          ...(props.command === undefined ? {} : { command: props.command }),
          ...(props.args === undefined ? {} : { args: props.args }),
          ports: [
            { name: HTTP_PORT_NAME, containerPort: props.port, protocol: "TCP" as const },
            ...(metricsPort !== undefined && metricsPort !== props.port ? [{ name: METRICS_PORT_NAME, containerPort: metricsPort, protocol: "TCP" as const }] : []),
          ],
          ...(env.length > 0 ? { env } : {}),
          ...(props.envFromSecrets.length > 0 ? { envFrom: props.envFromSecrets.map((name) => ({ secretRef: { name } })) } : {}),
          readinessProbe: probe(props.probes.readiness),
          livenessProbe: probe(props.probes.liveness),
          resources: {
            requests: { cpu: props.resources.cpu, memory },
            limits: { memory, ...(props.resources.cpuLimit === undefined ? {} : { cpu: props.resources.cpuLimit }) },
          },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } },
          ...(volumeMounts.length > 0 ? { volumeMounts } : {}),
        },
      ],
      ...(volumes.length > 0 ? { volumes } : {}),
    },
  };
}

/** The default success-rate query of a canary's analysis, on the app's own request metrics. */
export const DEFAULT_SUCCESS_RATE_QUERY =
  'sum(rate(http_requests_total{namespace="{{args.namespace}}",service="{{args.service}}",code!~"5.."}[2m])) / sum(rate(http_requests_total{namespace="{{args.namespace}}",service="{{args.service}}"}[2m]))';

/**
 * The workload objects: a Deployment, or a Rollout with its
 * AnalysisTemplate. Replicas are left to the autoscaler when there is one.
 */
export function workloadObjects(props: AppProps, namespace: string, selector: Record<string, string>, labels: Record<string, string>, template: IPodTemplateSpec): ApiObject[] {
  const replicas = props.autoscaling === undefined ? { replicas: props.replicas } : {};
  const metadata = { name: props.name, namespace, labels };
  const singleWriter = props.volumes.some((volume) => volume.accessMode !== "ReadWriteMany");
  if (props.workload.kind === "Deployment") {
    return [
      new Deployment({
        metadata,
        spec: {
          ...replicas,
          revisionHistoryLimit: 5,
          selector: { matchLabels: selector },
          strategy: singleWriter ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
          template,
        },
      }),
    ];
  }
  const workload = props.workload;
  const analysisName = `${props.name}-success-rate`;
  const analysisArgs = [
    { name: "service", value: props.name },
    { name: "namespace", value: namespace },
  ];
  const steps = workload.steps.map((step) => {
    if ("setWeight" in step) return { setWeight: step.setWeight };
    if ("analysis" in step) return { analysis: { templates: [{ templateName: analysisName }], args: analysisArgs } };
    return { pause: step.pause === undefined ? {} : { duration: step.pause } };
  });
  const istio = workload.trafficRouting === "istio";
  const analysis = workload.analysis;
  return [
    new AnalysisTemplate({
      metadata: { name: analysisName, namespace, labels },
      spec: {
        args: [{ name: "service" }, { name: "namespace" }],
        metrics: [
          {
            name: "success-rate",
            interval: analysis.interval,
            count: analysis.count,
            failureLimit: analysis.failureLimit,
            // No traffic yet gives NaN, which is not a failure.
            successCondition: `isNaN(result[0]) || result[0] >= ${analysis.successRate}`,
            provider: { prometheus: { address: analysis.prometheus, query: analysis.query ?? DEFAULT_SUCCESS_RATE_QUERY } },
          },
        ],
      },
    }),
    new Rollout({
      metadata,
      spec: {
        ...replicas,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector },
        template: template as never,
        strategy: {
          canary: {
            ...(istio
              ? { stableService: props.name, canaryService: `${props.name}-canary`, trafficRouting: { istio: { virtualService: { name: props.name, routes: ["primary"] } } } }
              : {}),
            steps,
          },
        },
      },
    }),
  ];
}
