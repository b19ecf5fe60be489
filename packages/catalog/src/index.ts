/**
 * The typed-gitops infrastructure catalog: components for the platforms
 * real teams run, each a function from validated props to the objects of
 * its layers, placed in a cluster with {@link install}.
 */
export { install, COMPONENT_LAYERS } from "./component.ts";
export type { Component } from "./component.ts";
export { CATALOG_GROUPS } from "./catalog-entry.ts";
export type { CatalogEntry, CatalogGroup } from "./catalog-entry.ts";
export { CATALOG } from "./registry.ts";
export type { PinnedChart, PinnedImage } from "./versions.ts";
export { issuerRefSchema, metricsSchema, middlewareRefSchema, secretStoreRefSchema } from "./wiring.ts";
export type { IssuerRef, Metrics, MetricsInput, MiddlewareRef, SecretStoreRef } from "./wiring.ts";
export { monitorsFor, podMonitor, podMonitorProps, prometheusRule, prometheusRuleProps, serviceMonitor, serviceMonitorProps } from "./monitoring/monitors.ts";
export type { PodMonitorInput, PrometheusRuleInput, ServiceMonitorInput } from "./monitoring/monitors.ts";
// Sections: each exports its components from its own index.
export * from "./traffic/index.ts";
export * from "./certificates/index.ts";
export * from "./mesh/index.ts";
export * from "./gitops/index.ts";
export * from "./secrets/index.ts";
export * from "./identity/index.ts";
export * from "./edge/index.ts";
export * from "./data/index.ts";
export * from "./observability/index.ts";
export * from "./scaling-storage/index.ts";
export * from "./app/index.ts";
