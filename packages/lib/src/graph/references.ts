/**
 * The references that GitOps objects make to other objects, read from
 * their fields: sources, charts, dependencies, values, decryption keys,
 * notification providers, image repositories and Argo CD projects.
 */
import { asArray, asObject, asString, type JsonMap } from "../resource/json-fields.ts";
import { groupOf, type ApiObject } from "../resource/api-object.ts";
import type { ObjectRef } from "./object-index.ts";
import { externalSecretReferences } from "../external-secrets/references.ts";

/** A reference found in an object, with the field it came from. */
export interface FieldRef {
  /** The field path, e.g. `spec.dependsOn[1]`. */
  readonly field: string;
  /** What it refers to. */
  readonly ref: ObjectRef;
  /** Whether the field itself says the target may be missing (`optional: true`). */
  readonly optional: boolean;
}

type Json = JsonMap;

const SOURCE_GROUP = "source.toolkit.fluxcd.io";

/** Reads a `{kind, name, namespace?}` reference; the namespace defaults to the object's own. */
function crossRef(value: unknown, namespace: string, defaults: { kind?: string; group?: string } = {}): ObjectRef | undefined {
  const object = asObject(value);
  const name = asString(object?.name);
  const kind = asString(object?.kind) ?? defaults.kind;
  if (object === undefined || name === undefined || kind === undefined) return undefined;
  return { kind, group: defaults.group, namespace: asString(object.namespace) ?? namespace, name };
}

function fluxKustomizationRefs(spec: Json, namespace: string): FieldRef[] {
  const refs: FieldRef[] = [];
  const source = crossRef(spec.sourceRef, namespace, { group: SOURCE_GROUP });
  if (source !== undefined) refs.push({ field: "spec.sourceRef", ref: source, optional: false });
  asArray(spec.dependsOn).forEach((item, i) => {
    const ref = crossRef(item, namespace, { kind: "Kustomization", group: "kustomize.toolkit.fluxcd.io" });
    if (ref !== undefined) refs.push({ field: `spec.dependsOn[${i}]`, ref, optional: false });
  });
  const decryption = asObject(spec.decryption);
  const keyName = asString(asObject(decryption?.secretRef)?.name);
  if (keyName !== undefined) refs.push({ field: "spec.decryption.secretRef", ref: { kind: "Secret", group: "", namespace, name: keyName }, optional: false });
  asArray(asObject(spec.postBuild)?.substituteFrom).forEach((item, i) => {
    const ref = crossRef(item, namespace, { group: "" });
    if (ref !== undefined) refs.push({ field: `spec.postBuild.substituteFrom[${i}]`, ref, optional: asObject(item)?.optional === true });
  });
  return refs;
}

function helmReleaseRefs(spec: Json, namespace: string): FieldRef[] {
  const refs: FieldRef[] = [];
  const chartSource = crossRef(asObject(asObject(spec.chart)?.spec)?.sourceRef, namespace, { group: SOURCE_GROUP });
  if (chartSource !== undefined) refs.push({ field: "spec.chart.spec.sourceRef", ref: chartSource, optional: false });
  const chartRef = crossRef(spec.chartRef, namespace, { group: SOURCE_GROUP });
  if (chartRef !== undefined) refs.push({ field: "spec.chartRef", ref: chartRef, optional: false });
  asArray(spec.dependsOn).forEach((item, i) => {
    const ref = crossRef(item, namespace, { kind: "HelmRelease", group: "helm.toolkit.fluxcd.io" });
    if (ref !== undefined) refs.push({ field: `spec.dependsOn[${i}]`, ref, optional: false });
  });
  asArray(spec.valuesFrom).forEach((item, i) => {
    const ref = crossRef(item, namespace, { group: "" });
    if (ref !== undefined) refs.push({ field: `spec.valuesFrom[${i}]`, ref: { ...ref, namespace }, optional: asObject(item)?.optional === true });
  });
  return refs;
}

/**
 * Returns the references an object makes. Kinds that refer to nothing
 * return an empty list.
 */
export function referencesOf(object: ApiObject): FieldRef[] {
  const source = object as unknown as Json;
  const spec = asObject(source.spec) ?? {};
  const namespace = object.metadata?.namespace ?? "";
  const group = groupOf(object.apiVersion);
  if (group === "external-secrets.io") return externalSecretReferences(object);
  if (group === SOURCE_GROUP) {
    const secret = asString(asObject(spec.secretRef)?.name);
    return secret === undefined ? [] : [{ field: "spec.secretRef", ref: { kind: "Secret", group: "", namespace, name: secret }, optional: false }];
  }
  if (group === "kustomize.toolkit.fluxcd.io" && object.kind === "Kustomization") return fluxKustomizationRefs(spec, namespace);
  if (group === "helm.toolkit.fluxcd.io" && object.kind === "HelmRelease") return helmReleaseRefs(spec, namespace);
  if (group === "notification.toolkit.fluxcd.io" && object.kind === "Alert") {
    const ref = crossRef(spec.providerRef, namespace, { kind: "Provider", group });
    return ref === undefined ? [] : [{ field: "spec.providerRef", ref, optional: false }];
  }
  if (group === "image.toolkit.fluxcd.io" && object.kind === "ImagePolicy") {
    const ref = crossRef(spec.imageRepositoryRef, namespace, { kind: "ImageRepository", group });
    return ref === undefined ? [] : [{ field: "spec.imageRepositoryRef", ref, optional: false }];
  }
  if (group === "image.toolkit.fluxcd.io" && object.kind === "ImageUpdateAutomation") {
    const ref = crossRef(spec.sourceRef, namespace, { group: SOURCE_GROUP });
    return ref === undefined ? [] : [{ field: "spec.sourceRef", ref, optional: false }];
  }
  if (group === "argoproj.io" && object.kind === "Application") {
    const project = asString(spec.project);
    return project === undefined ? [] : [{ field: "spec.project", ref: { kind: "AppProject", group, namespace, name: project }, optional: false }];
  }
  return [];
}
