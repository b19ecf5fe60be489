import { describe, expect, it } from "vitest";
import { podTemplateOf } from "./pod-template.ts";

const podSpec = { containers: [{ name: "app", image: "ghcr.io/acme/app:1.0.0" }] };
const template = { metadata: { labels: { app: "web" } }, spec: podSpec };

describe("podTemplateOf", () => {
  it.each([
    ["a Deployment", { apiVersion: "apps/v1", kind: "Deployment", spec: { template } }, "spec.template.spec", false],
    ["a StatefulSet", { apiVersion: "apps/v1", kind: "StatefulSet", spec: { template } }, "spec.template.spec", false],
    ["a DaemonSet", { apiVersion: "apps/v1", kind: "DaemonSet", spec: { template } }, "spec.template.spec", false],
    ["a ReplicaSet", { apiVersion: "apps/v1", kind: "ReplicaSet", spec: { template } }, "spec.template.spec", false],
    ["an Argo Rollout", { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", spec: { template } }, "spec.template.spec", false],
    ["a Job", { apiVersion: "batch/v1", kind: "Job", spec: { template } }, "spec.template.spec", true],
    ["a CronJob", { apiVersion: "batch/v1", kind: "CronJob", spec: { jobTemplate: { spec: { template } } } }, "spec.jobTemplate.spec.template.spec", true],
    ["a bare Pod", { apiVersion: "v1", kind: "Pod", metadata: { labels: { app: "web" } }, spec: podSpec }, "spec", false],
  ])("finds the pod spec, its path and its pods' labels in %s", (_, object, path, runsToCompletion) => {
    expect(podTemplateOf(object)).toEqual({ path, spec: podSpec, labels: { app: "web" }, runsToCompletion });
  });

  it("gives pods without labels an empty set", () => {
    expect(podTemplateOf({ apiVersion: "apps/v1", kind: "Deployment", spec: { template: { spec: podSpec } } })?.labels).toEqual({});
  });

  it.each([
    ["a Service", { apiVersion: "v1", kind: "Service", spec: { template } }],
    ["a Pod of another API group", { apiVersion: "example.com/v1", kind: "Pod", spec: podSpec }],
    ["a kind named like an Object property", { apiVersion: "v1", kind: "toString", spec: { template } }],
    ["a Deployment without a pod spec", { apiVersion: "apps/v1", kind: "Deployment", spec: { template: { metadata: {} } } }],
    ["a Deployment whose pod spec is not a mapping", { apiVersion: "apps/v1", kind: "Deployment", spec: { template: { spec: ["containers"] } } }],
    ["something that is not an object", "Deployment"],
  ])("finds none in %s", (_, object) => {
    expect(podTemplateOf(object)).toBeUndefined();
  });
});
