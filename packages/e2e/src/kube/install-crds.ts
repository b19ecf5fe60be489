/**
 * Installing CRDs from the pinned upstream copies (`../shared/upstream`):
 * Flux's own, from the Flux install manifests of the pinned Flux version,
 * and those of every component whose kinds the tree uses but the API server
 * does not serve. In a real cluster the components' Helm charts install the
 * latter; here no helm-controller runs, so the harness stands in for it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EnvironmentError, FLUX_VERSION, groupOf } from "@typed-gitops/lib";
import { parseAllDocuments } from "yaml";
import { yamlFiles } from "../tree/stage-tree.ts";
import type { KubeClient, KubeObject } from "./client.ts";

/** A CRD as read from a YAML file. */
interface Crd extends KubeObject {
  spec: { group: string; names: { kind: string; plural: string }; versions: { name: string; served: boolean }[] };
}

function readCrds(files: readonly string[]): Crd[] {
  const crds: Crd[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
      const object = document.toJS() as Crd | null;
      if (object?.kind === "CustomResourceDefinition" && object.apiVersion === "apiextensions.k8s.io/v1") crds.push(object);
    }
  }
  return crds;
}

/** The pinned CRDs: Flux's (from its install manifests) and the components'. */
export interface UpstreamCrds {
  /** Every CRD of the pinned Flux version. */
  readonly flux: readonly Crd[];
  /** Every CRD, keyed by `group/Kind`. */
  readonly byKind: ReadonlyMap<string, Crd>;
}

/**
 * Reads the pinned CRDs from the upstream folder.
 *
 * @throws {EnvironmentError} when the folder is missing.
 */
export function loadUpstreamCrds(upstreamDir: string): UpstreamCrds {
  const fluxDir = join(upstreamDir, "flux-install", FLUX_VERSION);
  if (!existsSync(fluxDir) || !existsSync(join(upstreamDir, "crds"))) {
    throw new EnvironmentError({
      where: upstreamDir,
      what: `the pinned upstream CRDs are missing (expected crds/ and flux-install/${FLUX_VERSION}/)`,
      hint: "run the test from a checkout that has ../shared/upstream beside it, as CI does",
    });
  }
  const flux = readCrds(yamlFiles(fluxDir));
  const byKind = new Map<string, Crd>();
  for (const crd of [...readCrds(yamlFiles(join(upstreamDir, "crds"))), ...flux]) byKind.set(`${crd.spec.group}/${crd.spec.names.kind}`, crd);
  return { flux, byKind };
}

/**
 * The CRDs the tree needs beyond Flux's: for every kind of `objects` whose
 * group the API server does not serve and that no CRD among `objects`
 * defines.
 *
 * @throws {Error} naming every kind no pinned CRD defines.
 */
export async function componentCrds(client: KubeClient, upstream: UpstreamCrds, objects: readonly KubeObject[]): Promise<Crd[]> {
  const served = new Set<string>([""]);
  const groups = (await client.raw("GET", "/apis")).body as { groups: { name: string }[] };
  for (const group of groups.groups) served.add(group.name);
  const fluxKinds = new Set(upstream.flux.map((crd) => `${crd.spec.group}/${crd.spec.names.kind}`));
  const inTree = new Set(objects.filter((object) => object.kind === "CustomResourceDefinition").map((object) => `${(object as Crd).spec.group}/${(object as Crd).spec.names.kind}`));
  const needed = new Map<string, Crd>();
  const missing: string[] = [];
  for (const object of objects) {
    const key = `${groupOf(object.apiVersion)}/${object.kind}`;
    if (served.has(groupOf(object.apiVersion)) || fluxKinds.has(key) || inTree.has(key) || needed.has(key)) continue;
    const crd = upstream.byKind.get(key);
    if (crd === undefined) missing.push(`${object.apiVersion} ${object.kind}`);
    else needed.set(key, crd);
  }
  if (missing.length > 0) throw new Error(`no pinned CRD defines ${[...new Set(missing)].join(", ")} (add it to ../shared/upstream/crds)`);
  return [...needed.values()];
}

/** Applies CRDs and waits until each is Established. */
export async function installCrds(client: KubeClient, crds: readonly KubeObject[], timeoutMs = 60_000): Promise<void> {
  for (const crd of crds) await client.apply(crd);
  const started = Date.now();
  for (const crd of crds) {
    for (;;) {
      const live = await client.get("apiextensions.k8s.io/v1", "CustomResourceDefinition", crd.metadata.name);
      const conditions = ((live?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
      if (conditions.some((condition) => condition.type === "Established" && condition.status === "True")) break;
      if (Date.now() - started > timeoutMs) throw new Error(`CRD ${crd.metadata.name} is not Established after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  client.forgetDiscovery();
}
