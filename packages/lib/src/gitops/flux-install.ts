/**
 * The Flux install manifests vendored under `vendor/flux/<version>/`, made
 * into API objects for a cluster's `flux-system` folder: namespaced objects
 * in `flux-system`, images from the chosen registry, and the labels the
 * Flux CLI puts on its installs.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ApiObject } from "../resource/api-object.ts";

/** The vendored Flux version. */
export const FLUX_VERSION = "v2.9.4";

/** The namespace Flux runs in (its manifests address each other there). */
export const FLUX_NAMESPACE = "flux-system";

/** The Flux controllers that can be installed. */
export const FLUX_CONTROLLERS = [
  "source-controller",
  "kustomize-controller",
  "helm-controller",
  "notification-controller",
  "image-reflector-controller",
  "image-automation-controller",
  "source-watcher",
] as const;

/** A Flux controller name. */
export type FluxController = (typeof FLUX_CONTROLLERS)[number];

/** The controllers installed by default, as `flux install` does. */
export const DEFAULT_FLUX_CONTROLLERS: readonly FluxController[] = [
  "source-controller",
  "kustomize-controller",
  "helm-controller",
  "notification-controller",
];

/** Kinds in the vendored manifests that are cluster-scoped. */
const CLUSTER_SCOPED = new Set(["CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Namespace"]);

type Manifest = ApiObject & { metadata: { name: string; namespace?: string; labels?: Record<string, string> } } & Record<string, unknown>;

let manifests: Record<string, readonly Manifest[]> | undefined;

/** The vendored manifests by file, read from their JSON form (see `vendor/flux/to-json.ts`). */
function readManifests(file: string): readonly Manifest[] {
  manifests ??= JSON.parse(readFileSync(fileURLToPath(new URL(`../../vendor/flux/${FLUX_VERSION}.json`, import.meta.url)), "utf8")) as Record<string, readonly Manifest[]>;
  const documents = manifests[file];
  if (documents === undefined) throw new Error(`vendor/flux/${FLUX_VERSION}.json has no ${file}`);
  return documents;
}

/** Options of {@link fluxInstallObjects}. */
export interface FluxInstallOptions {
  /**
   * The controllers to install.
   * @default DEFAULT_FLUX_CONTROLLERS (source, kustomize, helm, notification)
   */
  readonly controllers?: readonly FluxController[];
  /**
   * The registry the controller images come from.
   * @default "ghcr.io/fluxcd"
   */
  readonly registry?: string;
}

/**
 * Returns the objects that install Flux: its namespace, the CRDs,
 * deployments, services and service accounts of each chosen controller, the
 * shared RBAC and the network policies. Each call returns fresh copies.
 */
export function fluxInstallObjects(options: FluxInstallOptions = {}): ApiObject[] {
  const controllers = options.controllers ?? DEFAULT_FLUX_CONTROLLERS;
  const registry = (options.registry ?? "ghcr.io/fluxcd").replace(/\/+$/, "");
  const labels = {
    "app.kubernetes.io/instance": FLUX_NAMESPACE,
    "app.kubernetes.io/part-of": "flux",
    "app.kubernetes.io/version": FLUX_VERSION,
  };
  const objects: ApiObject[] = [
    {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: FLUX_NAMESPACE,
        labels: { ...labels, "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/warn-version": "latest" },
      },
    } as ApiObject,
  ];
  const files = [...FLUX_CONTROLLERS.filter((controller) => controllers.includes(controller)), "rbac", "policies"];
  for (const file of files) {
    for (const manifest of readManifests(file)) {
      const copy = structuredClone(manifest);
      copy.metadata.labels = { ...copy.metadata.labels, ...labels };
      if (!CLUSTER_SCOPED.has(copy.kind)) copy.metadata.namespace = FLUX_NAMESPACE;
      if (copy.kind === "Deployment") rewriteImages(copy, registry);
      objects.push(copy);
    }
  }
  return objects;
}

function rewriteImages(deployment: Manifest, registry: string): void {
  const spec = deployment.spec as { template: { spec: { containers: { image: string }[] } } };
  for (const container of spec.template.spec.containers) {
    container.image = container.image.replace(/^(?:docker\.io\/)?fluxcd\//, `${registry}/`);
  }
}
