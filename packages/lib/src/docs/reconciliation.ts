/**
 * The page's reconciliation section: how the engine applies the tree — the
 * Flux Kustomizations and their `dependsOn` graph, or the Argo CD
 * Applications and their sync waves.
 */
import { asArray, asObject, asString, at } from "../resource/json-fields.ts";
import { Flowchart } from "./mermaid.ts";
import { byCodeUnit, code, table } from "./markdown.ts";
import { label, type PageObject } from "./page-objects.ts";

const FLUX_KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io";
const FLUX_HELM_GROUP = "helm.toolkit.fluxcd.io";
const SYNC_WAVE = "argocd.argoproj.io/sync-wave";

/** The folder of the tree a Flux or Argo CD path points at, relative to `generated/<cluster>/`, or `undefined` for another repository path. */
export function treeFolderOf(path: string, cluster: string): string | undefined {
  const normalized = path.replace(/^\.\//, "").replace(/\/+$/, "");
  const prefix = `generated/${cluster}`;
  if (normalized === prefix) return "";
  return normalized.startsWith(`${prefix}/`) ? normalized.slice(prefix.length + 1) : undefined;
}

/** Whether the file `path` of the tree lies in `folder` (`""` is the root). */
export function inFolder(path: string, folder: string): boolean {
  return folder === "" || path.startsWith(`${folder}/`);
}

function dependsOn(object: PageObject): { namespace: string; name: string }[] {
  return asArray(at(object.json, "spec", "dependsOn"))
    .map((entry) => ({ name: asString(at(entry, "name")), namespace: asString(at(entry, "namespace")) ?? object.namespace }))
    .filter((entry): entry is { name: string; namespace: string } => entry.name !== undefined);
}

function fluxSection(kustomizations: readonly PageObject[], releases: readonly PageObject[], cluster: string): string {
  const chart = new Flowchart();
  const key = (namespace: string, name: string, kind: string) => `${kind}|${namespace}|${name}`;
  for (const ks of kustomizations) {
    const path = asString(at(ks.json, "spec", "path")) ?? "./";
    chart.node(key(ks.namespace, ks.name, "ks"), [`Kustomization ${ks.name}`, path], "box");
  }
  const chained = releases.filter((release) => dependsOn(release).length > 0 || releases.some((other) => dependsOn(other).some((dep) => dep.name === release.name && dep.namespace === release.namespace)));
  for (const release of chained) chart.node(key(release.namespace, release.name, "hr"), [`HelmRelease ${release.namespace}/${release.name}`], "stadium");
  for (const ks of kustomizations) {
    for (const dep of dependsOn(ks)) chart.edge(key(dep.namespace, dep.name, "ks"), key(ks.namespace, ks.name, "ks"), "before");
    const folder = treeFolderOf(asString(at(ks.json, "spec", "path")) ?? "", cluster);
    if (folder === undefined) continue;
    for (const other of kustomizations) {
      if (other !== ks && inFolder(other.path, folder)) chart.edge(key(ks.namespace, ks.name, "ks"), key(other.namespace, other.name, "ks"), "applies", { dotted: true });
    }
  }
  for (const release of chained) for (const dep of dependsOn(release)) chart.edge(key(dep.namespace, dep.name, "hr"), key(release.namespace, release.name, "hr"), "before");
  let out = "Flux reconciles the tree through these Kustomizations. A solid arrow points from a Kustomization to one that waits for it (`dependsOn`); a dotted one to the Kustomizations it applies.\n\n";
  out += `${chart.render("LR")}\n`;
  const rows = kustomizations.map((ks) => {
    const spec = asObject(ks.json.spec) ?? {};
    const decryption = asString(at(spec, "decryption", "provider"));
    const decryptionRef = asString(at(spec, "decryption", "secretRef", "name"));
    return [
      code(`${ks.namespace}/${ks.name}`),
      code(asString(spec.path) ?? "./"),
      dependsOn(ks).map((dep) => code(dep.name)).join(", "),
      asString(spec.interval) ?? "",
      asString(spec.timeout) ?? "",
      spec.prune === true ? "yes" : "no",
      spec.wait === true ? "yes" : "no",
      decryption === undefined ? "" : `${decryption}${decryptionRef === undefined ? "" : ` (${code(decryptionRef)})`}`,
    ];
  });
  out += table(["Kustomization", "path", "depends on", "interval", "timeout", "prune", "wait", "decryption"], rows);
  return out;
}

function argoSection(applications: readonly PageObject[], cluster: string): string {
  const wave = (app: PageObject): number => Number.parseInt(asString(at(app.json, "metadata", "annotations", SYNC_WAVE)) ?? "0", 10) || 0;
  const chart = new Flowchart();
  const waves = [...new Set(applications.map(wave))].sort((a, b) => a - b);
  const pathOf = (app: PageObject): string => asString(at(app.json, "spec", "source", "path")) ?? asString(at(app.json, "spec", "sources", "0", "path")) ?? "";
  for (const app of applications) chart.node(app.name, [`Application ${app.name}`, `wave ${wave(app)}`, pathOf(app)], "box");
  for (let i = 1; i < waves.length; i++) {
    for (const before of applications.filter((app) => wave(app) === waves[i - 1])) {
      for (const after of applications.filter((app) => wave(app) === waves[i])) chart.edge(before.name, after.name, "before");
    }
  }
  for (const app of applications) {
    const folder = treeFolderOf(pathOf(app), cluster);
    if (folder === undefined) continue;
    for (const other of applications) if (other !== app && inFolder(other.path, folder)) chart.edge(app.name, other.name, "applies", { dotted: true });
  }
  let out = "Argo CD reconciles the tree through these Applications, in the order of their sync waves; a dotted arrow points to the Applications an Application applies.\n\n";
  out += `${chart.render("LR")}\n`;
  out += table(
    ["Application", "path", "sync wave", "project"],
    applications.map((app) => [code(app.name), code(pathOf(app)), String(wave(app)), code(asString(at(app.json, "spec", "project")) ?? "")]),
  );
  return out;
}

/** Renders the reconciliation section. */
export function reconciliationSection(objects: readonly PageObject[], cluster: string): string {
  let out = "## Reconciliation\n\n";
  const sorted = (list: PageObject[]) => list.sort((a, b) => byCodeUnit(label(a), label(b)));
  const kustomizations = sorted(objects.filter((object) => object.group === FLUX_KUSTOMIZE_GROUP && object.kind === "Kustomization"));
  const releases = sorted(objects.filter((object) => object.group === FLUX_HELM_GROUP && object.kind === "HelmRelease"));
  const applications = sorted(objects.filter((object) => object.group === "argoproj.io" && object.kind === "Application"));
  if (kustomizations.length > 0) out += fluxSection(kustomizations, releases, cluster);
  if (applications.length > 0) out += `${kustomizations.length > 0 ? "\n" : ""}${argoSection(applications, cluster)}`;
  if (kustomizations.length === 0 && applications.length === 0) {
    out += `The cluster's definition has no \`gitops\` engine: the tree is applied as it is, e.g. \`kubectl apply -k generated/${cluster}\`.\n`;
  }
  return out;
}
