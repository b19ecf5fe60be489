/**
 * The controllers-layer objects of a chart-based component: its Namespace,
 * the chart's source (a HelmRepository, or an OCIRepository that pins the
 * chart artifact) and the HelmRelease, whose values are the component's
 * with the user's `values` override merged last.
 */
import { helmRelease, helmRepository, ociRepository, type ApiObject, type HelmReleaseInput } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import type { PinnedChart } from "../versions.ts";
import { mergeValues } from "./merge-values.ts";

/** The media type of a Helm chart's content layer in an OCI artifact. */
export const HELM_CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

/** What {@link helmChart} installs; any other HelmRelease field (timeout, install, upgrade, dependsOn, …) is passed on. */
export interface HelmChartInput<V extends object> extends Omit<HelmReleaseInput<V>, "name" | "namespace" | "chart" | "values"> {
  /** The HelmRelease's name (and the Helm release's). */
  readonly name: string;
  /** The namespace of the source and of the HelmRelease. */
  readonly namespace: string;
  /** Whether the Namespace is rendered too; false when the component shares one (e.g. kube-system). @default true */
  readonly createNamespace?: boolean;
  /** The pinned chart: its name and repository URL. */
  readonly chart: PinnedChart;
  /** The exact chart version to install (the component's `version` prop). */
  readonly version: string;
  /** The name of the chart's source object. */
  readonly source: string;
  /**
   * `HelmRepository` (an index or registry the chart is pulled from by name
   * and version) or `OCIRepository` (the chart artifact at exactly
   * `version`, fetched every 12h, which the HelmRelease references by
   * `chartRef`). @default "HelmRepository"
   */
  readonly sourceKind?: "HelmRepository" | "OCIRepository";
  /** The chart values the component sets. */
  readonly values: V;
  /** The user's `values` prop, merged last (see `mergeValues()`). @default none */
  readonly overrides?: object;
}

/** The Namespace (unless `createNamespace: false`), the chart's source and the HelmRelease, in that order. */
export function helmChart<V extends object>(input: HelmChartInput<V>): ApiObject[] {
  const { name, namespace, createNamespace, chart, version, source, sourceKind, values, overrides, ...release } = input;
  const objects: ApiObject[] = createNamespace === false ? [] : [new Namespace({ metadata: { name: namespace } })];
  if (sourceKind === "OCIRepository") {
    objects.push(
      ociRepository({ name: source, namespace, url: chart.repository, ref: { tag: version }, interval: "12h", layerSelector: { mediaType: HELM_CHART_LAYER, operation: "copy" } }),
      helmRelease<V>({ ...release, name, namespace, chart: { chartRef: { name: source } }, values: mergeValues(values, overrides) }),
    );
  } else {
    objects.push(
      helmRepository({ name: source, namespace, url: chart.repository }),
      helmRelease<V>({ ...release, name, namespace, chart: { name: chart.chart, version, sourceRef: { name: source } }, values: mergeValues(values, overrides) }),
    );
  }
  return objects;
}
