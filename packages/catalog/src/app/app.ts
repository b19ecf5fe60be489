/**
 * The application builder: a typed service definition rendered to its
 * Namespace, ServiceAccount, workload (Deployment or Argo Rollouts canary),
 * Service, exposure with TLS, autoscaler, disruption budget, network
 * policies, ServiceMonitor, configuration, secrets and volumes, all with
 * defaults that pass the policy rules without suppressions.
 */
import { createHash } from "node:crypto";
import { externalSecret, parseProps, UserError, type ApiObject } from "@typed-gitops/lib";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { Component } from "../component.ts";
import { monitorsFor } from "../monitoring/monitors.ts";
import { mergeValues } from "../shared/merge-values.ts";
import { exposureObjects, ingressNamespaceOf } from "./exposure.ts";
import { acmeSolverPolicy, APP_NAME_LABEL, appNetworkPolicy, defaultDeny } from "./network-policy.ts";
import { appProps, type AppInput, type AppProps } from "./props.ts";
import { HTTP_PORT_NAME, METRICS_PORT_NAME, podTemplate, workloadObjects } from "./workload.ts";

/** The ConfigMap of the config files, named with a hash of its content so a change rolls the pods. */
function configMapOf(props: AppProps, namespace: string, labels: Record<string, string>): ConfigMap | undefined {
  if (props.config === undefined) return undefined;
  const keys = Object.keys(props.config).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const data = Object.fromEntries(keys.map((key) => [key, props.config![key]!]));
  const hash = createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 10);
  return new ConfigMap({ metadata: { name: `${props.name}-config-${hash}`, namespace, labels }, data });
}

/** Problems of combinations the schema alone cannot see. */
function checkCombinations(props: AppProps): void {
  const where = `app "${props.name}"`;
  const singleWriter = props.volumes.find((volume) => volume.accessMode !== "ReadWriteMany");
  if (singleWriter !== undefined && (props.replicas > 1 || props.autoscaling !== undefined)) {
    throw new UserError({
      where: `${where}: volumes[${JSON.stringify(singleWriter.name)}]`,
      what: `is ${singleWriter.accessMode}, which one pod at a time can write, but the app runs ${props.autoscaling === undefined ? `${props.replicas} replicas` : "with an autoscaler"}`,
      hint: "set replicas: 1 and no autoscaling, or use a ReadWriteMany volume",
    });
  }
  if (singleWriter !== undefined && props.workload.kind === "Rollout") {
    throw new UserError({ where: `${where}: workload`, what: "a canary runs two versions at once, which a ReadWriteOnce volume does not allow", hint: 'use workload: { kind: "Deployment" } (it rolls with Recreate)' });
  }
  if (props.autoscaling !== undefined && props.autoscaling.maxReplicas < props.replicas) {
    throw new UserError({ where: `${where}: autoscaling.maxReplicas`, what: `${props.autoscaling.maxReplicas} is below replicas (${props.replicas})`, hint: "raise maxReplicas to at least replicas" });
  }
  for (const name of Object.keys(props.secretEnv)) {
    if (name in props.env) throw new UserError({ where: `${where}: secretEnv.${name}`, what: "is also set in env", hint: "set each variable once" });
  }
}

/**
 * Renders an app as a {@link Component} whose objects go to `apps/<name>/`.
 *
 * @throws {UserError} naming every invalid prop, and for combinations
 *   that cannot work (a ReadWriteOnce volume with several replicas, a
 *   canary with Istio routing but no Istio exposure…).
 */
export function app(input: AppInput): Component {
  const named = typeof (input as { name?: unknown }).name === "string" ? `app "${(input as { name: string }).name}"` : "app";
  const props = parseProps(appProps, input, named);
  checkCombinations(props);
  const namespace = props.namespace ?? props.name;
  const selector = { [APP_NAME_LABEL]: props.name };
  const labels = { ...props.labels, ...selector, "app.kubernetes.io/managed-by": "typed-gitops" };
  const objects: ApiObject[] = [];
  if (props.createNamespace) {
    const namespaceLabels: Record<string, string> = { "pod-security.kubernetes.io/enforce": "restricted" };
    if (props.mesh === "istio") namespaceLabels["istio-injection"] = "enabled";
    objects.push(new Namespace({ metadata: { name: namespace, labels: namespaceLabels } }));
    objects.push(defaultDeny(namespace, labels));
  }
  objects.push(new ServiceAccount({ metadata: { name: props.name, namespace, labels }, automountServiceAccountToken: false }));
  const configMap = configMapOf(props, namespace, labels);
  if (configMap !== undefined) objects.push(configMap);
  for (const secret of props.externalSecrets) {
    objects.push(
      externalSecret({
        name: secret.name,
        namespace,
        secretStoreRef: { name: secret.store.name, kind: secret.store.kind ?? "ClusterSecretStore" },
        refreshInterval: secret.refreshInterval,
        data: secret.data.map((entry) => ({ secretKey: entry.secretKey, remoteRef: { key: entry.key, ...(entry.property === undefined ? {} : { property: entry.property }) } })),
      }),
    );
  }
  objects.push(...(props.secretObjects as ApiObject[]));
  for (const volume of props.volumes) {
    objects.push(
      new PersistentVolumeClaim({
        metadata: { name: `${props.name}-${volume.name}`, namespace, labels },
        spec: { accessModes: [volume.accessMode], resources: { requests: { storage: volume.size } }, ...(volume.storageClassName === undefined ? {} : { storageClassName: volume.storageClassName }) },
      }),
    );
  }
  const template = podTemplate(props, selector, labels, configMap?.metadata?.name);
  objects.push(...workloadObjects(props, namespace, selector, labels, template));
  const canary = props.workload.kind === "Rollout" && props.workload.trafficRouting === "istio";
  const metricsPort = props.metrics?.port !== undefined && props.metrics.port !== props.port ? props.metrics.port : undefined;
  const ports = [
    { name: HTTP_PORT_NAME, port: props.servicePort, targetPort: HTTP_PORT_NAME, protocol: "TCP" as const },
    ...(metricsPort === undefined ? [] : [{ name: METRICS_PORT_NAME, port: metricsPort, targetPort: METRICS_PORT_NAME, protocol: "TCP" as const }]),
  ];
  for (const serviceName of canary ? [props.name, `${props.name}-canary`] : [props.name]) {
    objects.push(new Service({ metadata: { name: serviceName, namespace, labels }, spec: { type: "ClusterIP", selector, ports } }));
  }
  objects.push(...exposureObjects(props, namespace, labels, canary));
  if (props.autoscaling !== undefined) {
    objects.push(
      new HorizontalPodAutoscaler({
        metadata: { name: props.name, namespace, labels },
        spec: {
          scaleTargetRef: props.workload.kind === "Rollout" ? { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: props.name } : { apiVersion: "apps/v1", kind: "Deployment", name: props.name },
          minReplicas: props.replicas,
          maxReplicas: props.autoscaling.maxReplicas,
          metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: props.autoscaling.cpuUtilization } } }],
        },
      }),
    );
  }
  if (props.replicas > 1 || props.autoscaling !== undefined) {
    objects.push(new PodDisruptionBudget({ metadata: { name: props.name, namespace, labels }, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } }));
  }
  objects.push(appNetworkPolicy(props, namespace, selector, labels));
  // A certificate issued in the app's namespace may be solved over HTTP-01 there.
  const expose = props.expose;
  if (props.createNamespace && expose !== undefined && expose.tls !== undefined && "issuer" in expose.tls && (expose.via === "ingress" || expose.via === "traefik")) {
    objects.push(acmeSolverPolicy(namespace, ingressNamespaceOf(expose), labels));
  }
  if (props.metrics !== undefined) {
    objects.push(...monitorsFor(props.metrics, { name: props.name, namespace, selector, port: metricsPort === undefined ? HTTP_PORT_NAME : METRICS_PORT_NAME, path: props.metrics.path }));
  }
  return { name: props.name, apps: objects };
}

/** What a cluster may change of an app defined with {@link defineApp}. */
export interface AppOverrides extends Partial<Omit<AppInput, "name" | "image" | "expose">> {
  /** Exposure settings merged into the base's, e.g. only `tls` or `protect`. @default the base's */
  readonly expose?: Partial<NonNullable<AppInput["expose"]>>;
  /** The image tag (or `@sha256:…` digest) that replaces the base image's. @default the base image's */
  readonly tag?: string;
  /** The public host, replacing `expose.host`. @default the base's */
  readonly host?: string;
}

/** Replaces the tag (or digest) of an image reference. */
function withTag(image: string, tag: string): string {
  const at = image.indexOf("@");
  const base = at >= 0 ? image.slice(0, at) : image;
  const colon = base.lastIndexOf(":");
  const repository = colon > base.lastIndexOf("/") ? base.slice(0, colon) : base;
  return tag.startsWith("sha256:") ? `${repository}@${tag}` : `${repository}:${tag}`;
}

/**
 * Defines an app once, with the per-cluster differences (replicas,
 * resources, hosts, image tags…) applied by each cluster in one place:
 *
 * ```ts
 * export const web = defineApp({ name: "web", image: "ghcr.io/acme/web:1.4.2", expose: { host: "web.example.org" } });
 * // clusters/staging/cluster.ts
 * install(web({ replicas: 1, host: "web.staging.example.org", tag: "1.5.0-rc.1" }))
 * ```
 *
 * Overrides merge into the base: objects key by key, arrays replaced.
 */
export function defineApp(base: AppInput): (overrides?: AppOverrides) => Component {
  return (overrides = {}) => {
    const { tag, host, ...rest } = overrides;
    const merged = mergeValues(base, rest) as AppInput;
    if (rest.expose !== undefined && base.expose === undefined && rest.expose.host === undefined && host === undefined) {
      throw new UserError({ where: `app "${base.name}": overrides.expose`, what: "has no host, and the base definition has no expose settings", hint: "give expose.host (or host) with the override, or expose settings in the base" });
    }
    const image = tag === undefined ? merged.image : withTag(merged.image, tag);
    if (host !== undefined && merged.expose === undefined) {
      throw new UserError({ where: `app "${base.name}": overrides.host`, what: "is set, but the app has no expose settings", hint: "give the base definition an expose: { host, … }" });
    }
    const expose = host === undefined || merged.expose === undefined ? merged.expose : { ...merged.expose, host };
    return app({ ...merged, image, ...(expose === undefined ? {} : { expose }) });
  };
}
