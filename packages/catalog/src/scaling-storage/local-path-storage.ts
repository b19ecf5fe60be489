/**
 * The settings of k3s's local-path provisioner that k3s users change:
 * where volumes are created on each node (the `local-path-config`
 * ConfigMap in kube-system), and a second StorageClass that retains the
 * data of deleted claims.
 *
 * The k3s caveat. k3s deploys the provisioner, its ConfigMap and the
 * `local-path` StorageClass from its packaged manifest
 * `/var/lib/rancher/k3s/server/manifests/local-storage.yaml`, which it
 * rewrites on every start and applies on startup and whenever the file
 * changes. A ConfigMap reconciled by Flux is therefore overwritten with
 * k3s's version at the next k3s (re)start, until Flux's next reconcile.
 * Choose one owner:
 *
 * - keep k3s's provisioner and hand its settings to this component: create
 *   `/var/lib/rancher/k3s/server/manifests/local-storage.yaml.skip` on
 *   every server. k3s then ignores the file; the objects it already
 *   created stay in the cluster as they are (a `.skip` neither deletes nor
 *   changes them, and k3s upgrades no longer update the provisioner), and
 *   this component's ConfigMap is the only writer;
 * - or start k3s with `--disable local-storage`: k3s then uninstalls the
 *   whole AddOn (the provisioner's Deployment too) and deletes the file, so
 *   deploy the provisioner yourself (rancher/local-path-provisioner's
 *   chart takes these settings as values); this component is then not
 *   for you, it configures k3s's bundled provisioner;
 * - if all you change is the default path, skip this component and start
 *   k3s with `--default-local-storage-path <dir>`.
 */
import { objectName, parseProps } from "@typed-gitops/lib";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { z } from "zod";
import type { Component } from "../component.ts";
import { LOCAL_PATH_HELPER_IMAGE } from "../versions.ts";
import { DEFAULT_CLASS_ANNOTATION } from "./efs-storage-class.ts";

/** The provisioner name of rancher's local-path provisioner. */
export const LOCAL_PATH_PROVISIONER = "rancher.io/local-path";

/** The ConfigMap the provisioner reads, in kube-system on k3s. */
export const LOCAL_PATH_CONFIG = { name: "local-path-config", namespace: "kube-system" } as const;

/** The nodePathMap entry for every node not listed by name. */
export const DEFAULT_NODE = "DEFAULT_PATH_FOR_NON_LISTED_NODES";

/** k3s's default storage directory (`--default-local-storage-path`). */
export const K3S_DEFAULT_STORAGE_PATH = "/var/lib/rancher/k3s/storage";

/** The StorageClass k3s creates. */
export const K3S_LOCAL_PATH_CLASS = "local-path";

const absolutePath = z.string().regex(/^\/[^\0]*[^/\0]$|^\/$/, "expected an absolute directory such as /mnt/disk1 (no trailing '/')");

/** The props of {@link localPathStorage}. */
export const localPathStorageProps = z
  .object({
    nodePathMap: z
      .array(
        z
          .object({
            node: z.string().min(1).describe(`A node name, or ${DEFAULT_NODE} for every node not listed.`),
            paths: z.array(absolutePath).min(1).describe("The directories volumes are created in on that node; the provisioner picks one per volume."),
          })
          .strict(),
      )
      .min(1)
      .default([{ node: DEFAULT_NODE, paths: [K3S_DEFAULT_STORAGE_PATH] }])
      .describe(`Where volumes are created, per node (config.json's nodePathMap); without a ${DEFAULT_NODE} entry, claims on nodes not listed stay pending. Default: ${DEFAULT_NODE} → ${K3S_DEFAULT_STORAGE_PATH}, as k3s ships it.`),
    helperImage: z
      .string()
      .regex(/^[^\s:@]+(:[\w][\w.-]{0,127})(@sha256:[0-9a-f]{64})?$/, "expected an image with a tag, such as docker.io/rancher/mirrored-library-busybox:1.37.0")
      .default(`${LOCAL_PATH_HELPER_IMAGE.repository}:${LOCAL_PATH_HELPER_IMAGE.tag}`)
      .describe(`The image of the helper Pod that creates and deletes volume directories (helperPod.yaml). Default: ${LOCAL_PATH_HELPER_IMAGE.repository}:${LOCAL_PATH_HELPER_IMAGE.tag}.`),
    retainClass: z
      .object({
        name: objectName().default("local-path-retain").describe("The StorageClass's name. Default: local-path-retain."),
        isDefault: z
          .boolean()
          .default(false)
          .describe(
            `Whether it becomes the cluster's default StorageClass; then k3s's ${K3S_LOCAL_PATH_CLASS} class is rendered too, without the default annotation, so there is one default (needs the local-storage.yaml.skip file, or k3s restores its annotation). Default: false.`,
          ),
      })
      .strict()
      .optional()
      .describe("A second local-path StorageClass with reclaimPolicy Retain (a deleted claim leaves its volume and data) and volumeBindingMode WaitForFirstConsumer. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const seen = new Set<string>();
    props.nodePathMap.forEach((entry, index) => {
      if (seen.has(entry.node)) ctx.addIssue({ code: "custom", path: ["nodePathMap", index, "node"], message: `node "${entry.node}" is listed twice` });
      seen.add(entry.node);
      if (new Set(entry.paths).size !== entry.paths.length) ctx.addIssue({ code: "custom", path: ["nodePathMap", index, "paths"], message: "a path is listed twice" });
    });
    if (props.retainClass?.name === K3S_LOCAL_PATH_CLASS) ctx.addIssue({ code: "custom", path: ["retainClass", "name"], message: `"${K3S_LOCAL_PATH_CLASS}" is k3s's own StorageClass: choose another name` });
  });

/** The input of {@link localPathStorage}; every field has a default. */
export type LocalPathStorageProps = z.input<typeof localPathStorageProps>;

/** The provisioner's setup script: creates the volume directory, world-writable inside a 0700 parent (as k3s ships it). */
const SETUP = ["#!/bin/sh", "set -eu", 'mkdir -m 0777 -p "${VOL_DIR}"', 'chmod 700 "${VOL_DIR}/.."'].join("\n");

/** The provisioner's teardown script: deletes the volume directory. */
const TEARDOWN = ["#!/bin/sh", "set -eu", 'rm -rf "${VOL_DIR}"'].join("\n");

function helperPod(image: string): string {
  return ["apiVersion: v1", "kind: Pod", "metadata:", "  name: helper-pod", "spec:", "  containers:", "    - name: helper-pod", `      image: ${JSON.stringify(image)}`, "      imagePullPolicy: IfNotPresent"].join("\n");
}

function storageClass(name: string, reclaimPolicy: "Delete" | "Retain", isDefault: boolean): StorageClass {
  return new StorageClass({
    metadata: { name, annotations: { [DEFAULT_CLASS_ANNOTATION]: String(isDefault) } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy,
    volumeBindingMode: "WaitForFirstConsumer",
  });
}

/**
 * Renders, in the controllers layer (charts there may claim volumes of its
 * class), the `local-path-config` ConfigMap of
 * kube-system with the keys k3s's provisioner reads (config.json, setup,
 * teardown, helperPod.yaml) and, with `retainClass`, a Retain StorageClass
 * (plus k3s's `local-path` class without the default annotation when the
 * new class is the default). Read the k3s caveat in this module's
 * documentation first: without `local-storage.yaml.skip` k3s overwrites
 * the ConfigMap when it restarts.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function localPathStorage(input: LocalPathStorageProps = {}): Component {
  const props = parseProps(localPathStorageProps, input, "localPathStorage");
  const config = { nodePathMap: props.nodePathMap.map((entry) => ({ node: entry.node, paths: entry.paths })) };
  const objects = [
    new ConfigMap({
      metadata: { name: LOCAL_PATH_CONFIG.name, namespace: LOCAL_PATH_CONFIG.namespace },
      data: {
        "config.json": JSON.stringify(config, null, 2),
        setup: SETUP,
        teardown: TEARDOWN,
        "helperPod.yaml": helperPod(props.helperImage),
      },
    }),
  ];
  const classes =
    props.retainClass === undefined
      ? []
      : [
          ...(props.retainClass.isDefault ? [storageClass(K3S_LOCAL_PATH_CLASS, "Delete", false)] : []),
          storageClass(props.retainClass.name, "Retain", props.retainClass.isDefault),
        ];
  return { name: "local-path-storage", controllers: [...objects, ...classes] };
}
