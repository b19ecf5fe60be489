/**
 * The page's versions section: what the tree pins — Helm chart versions,
 * OCI artifact tags and container images — and where each is used.
 */
import { asObject, asString, at } from "../resource/json-fields.ts";
import { byCodeUnit, code, table } from "./markdown.ts";
import { label, type PageObject } from "./page-objects.ts";
import { containersOf, workloadsOf } from "./workloads.ts";

/** Splits an image reference into repository, tag and digest. */
export function splitImage(image: string): { repository: string; tag: string; digest: string } {
  const [withoutDigest, digest = ""] = image.split("@") as [string, string?];
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  if (colon > slash) return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { repository: withoutDigest, tag: "", digest };
}

function sourceUrl(objects: readonly PageObject[], kind: string, namespace: string, name: string): string {
  const source = objects.find((object) => object.kind === kind && object.namespace === namespace && object.name === name);
  return source === undefined ? `${kind} ${namespace}/${name}` : (asString(at(source.json, "spec", "url")) ?? label(source));
}

/** Renders the versions section. */
export function versionsSection(objects: readonly PageObject[]): string {
  let out = "## Pinned versions\n\n";
  const charts: string[][] = [];
  for (const release of objects.filter((object) => object.group === "helm.toolkit.fluxcd.io" && object.kind === "HelmRelease")) {
    const chart = asObject(at(release.json, "spec", "chart", "spec"));
    if (chart !== undefined) {
      const ref = asObject(chart.sourceRef) ?? {};
      const source = sourceUrl(objects, asString(ref.kind) ?? "HelmRepository", asString(ref.namespace) ?? release.namespace, asString(ref.name) ?? "");
      charts.push([code(`${release.namespace}/${release.name}`), code(asString(chart.chart) ?? ""), code(asString(chart.version) ?? "*"), source]);
      continue;
    }
    const chartRef = asObject(at(release.json, "spec", "chartRef"));
    if (chartRef !== undefined) {
      const kind = asString(chartRef.kind) ?? "OCIRepository";
      const namespace = asString(chartRef.namespace) ?? release.namespace;
      const name = asString(chartRef.name) ?? "";
      const repository = objects.find((object) => object.kind === kind && object.namespace === namespace && object.name === name);
      const tag = asString(at(repository?.json, "spec", "ref", "tag")) ?? asString(at(repository?.json, "spec", "ref", "semver")) ?? asString(at(repository?.json, "spec", "ref", "digest")) ?? "";
      charts.push([code(`${release.namespace}/${release.name}`), code(name), code(tag), sourceUrl(objects, kind, namespace, name)]);
    }
  }
  charts.sort((a, b) => byCodeUnit(a.join("|"), b.join("|")));
  out += "### Helm charts\n\n";
  out += charts.length === 0 ? "No HelmRelease.\n\n" : `${table(["HelmRelease", "chart", "version", "source"], charts)}\n`;

  const images = new Map<string, Set<string>>();
  for (const workload of workloadsOf(objects)) {
    for (const container of containersOf(workload.spec)) {
      const image = asString(container.image);
      if (image === undefined) continue;
      images.set(image, (images.get(image) ?? new Set()).add(label(workload.object)));
    }
  }
  const rows = [...images]
    .sort(([a], [b]) => byCodeUnit(a, b))
    .map(([image, users]) => {
      const { repository, tag, digest } = splitImage(image);
      return [code(repository), code(tag), digest === "" ? "" : code(digest), [...users].sort(byCodeUnit).map(code).join(", ")];
    });
  out += "### Container images\n\n";
  out += rows.length === 0 ? "No workload in the tree runs a container (images of Helm charts are set by the charts).\n" : table(["image", "tag", "digest", "used by"], rows);
  const artifacts = objects
    .filter((object) => object.group === "source.toolkit.fluxcd.io" && (object.kind === "OCIRepository" || object.kind === "GitRepository"))
    .map((object) => {
      const ref = asObject(at(object.json, "spec", "ref")) ?? {};
      const pin = Object.entries(ref).filter(([, value]) => typeof value === "string").sort(([a], [b]) => byCodeUnit(a, b)).map(([key, value]) => `${key} ${String(value)}`).join(", ");
      return [code(label(object)), asString(at(object.json, "spec", "url")) ?? "", pin];
    })
    .sort((a, b) => byCodeUnit(a.join("|"), b.join("|")));
  if (artifacts.length > 0) out += `\n### Sources\n\n${table(["source", "url", "reference"], artifacts)}`;
  return out;
}
