/**
 * One kind of each generated CRD set, imported by its package path: a valid
 * object passes `.validate()`, and an object with a field of the wrong type
 * fails with the exact message and errors of the model's schema.
 */
import { describe, expect, it } from "vitest";
import type { Model } from "@kubernetes-models/base";
import ValidationError from "@kubernetes-models/validate/runtime/validation_error";
import { FluxInstance } from "@typed-gitops/models/fluxcd.controlplane.io/v1/FluxInstance";
import { OnePasswordItem } from "@typed-gitops/models/onepassword.com/v1/OnePasswordItem";
import { PostgresCluster } from "@typed-gitops/models/postgres-operator.crunchydata.com/v1beta1/PostgresCluster";
import { Kafka } from "@typed-gitops/models/kafka.strimzi.io/v1/Kafka";
import { VerticalPodAutoscaler } from "@typed-gitops/models/autoscaling.k8s.io/v1/VerticalPodAutoscaler";

interface Case {
  readonly set: string;
  readonly valid: () => Model<unknown>;
  readonly json: unknown;
  readonly invalid: () => Model<unknown>;
  readonly message: string;
  readonly errors: unknown[];
}

const cases: Case[] = [
  {
    set: "crunchydata-pgo (PostgresCluster)",
    valid: () =>
      new PostgresCluster({
        metadata: { name: "db", namespace: "data" },
        spec: {
          postgresVersion: 17,
          instances: [{ name: "main", replicas: 2, dataVolumeClaimSpec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } }],
          backups: { pgbackrest: { repos: [{ name: "repo1", volume: { volumeClaimSpec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } } }] } },
        },
      }),
    json: {
      apiVersion: "postgres-operator.crunchydata.com/v1beta1",
      kind: "PostgresCluster",
      metadata: { name: "db", namespace: "data" },
      spec: {
        postgresVersion: 17,
        instances: [{ name: "main", replicas: 2, dataVolumeClaimSpec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } }],
        backups: { pgbackrest: { repos: [{ name: "repo1", volume: { volumeClaimSpec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } } }] } },
      },
    },
    invalid: () =>
      new PostgresCluster({
        metadata: { name: "db", namespace: "data" },
        // @ts-expect-error postgresVersion is a number
        spec: { postgresVersion: "17", instances: [{ dataVolumeClaimSpec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } }] },
      }),
    message: "data/spec/postgresVersion must be integer",
    errors: [{ instancePath: "/spec/postgresVersion", schemaPath: "#/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }],
  },
  {
    set: "flux-operator (FluxInstance)",
    valid: () =>
      new FluxInstance({
        metadata: { name: "flux", namespace: "flux-system" },
        spec: { distribution: { version: "2.x", registry: "ghcr.io/fluxcd" }, components: ["source-controller", "kustomize-controller"] },
      }),
    json: {
      apiVersion: "fluxcd.controlplane.io/v1",
      kind: "FluxInstance",
      metadata: { name: "flux", namespace: "flux-system" },
      spec: { distribution: { version: "2.x", registry: "ghcr.io/fluxcd" }, components: ["source-controller", "kustomize-controller"] },
    },
    invalid: () =>
      new FluxInstance({
        metadata: { name: "flux", namespace: "flux-system" },
        // @ts-expect-error distribution.version is a string
        spec: { distribution: { version: 2, registry: "ghcr.io/fluxcd" } },
      }),
    message: "data/spec/distribution/version must be string",
    errors: [{ instancePath: "/spec/distribution/version", schemaPath: "#/type", keyword: "type", params: { type: "string" }, message: "must be string" }],
  },
  {
    set: "onepassword-operator (OnePasswordItem)",
    valid: () => new OnePasswordItem({ metadata: { name: "token", namespace: "apps" }, spec: { itemPath: "vaults/platform/items/token" } }),
    json: { apiVersion: "onepassword.com/v1", kind: "OnePasswordItem", metadata: { name: "token", namespace: "apps" }, spec: { itemPath: "vaults/platform/items/token" } },
    invalid: () =>
      new OnePasswordItem({
        metadata: { name: "token", namespace: "apps" },
        // @ts-expect-error itemPath is a string
        spec: { itemPath: 42 },
      }),
    message: "data/spec/itemPath must be string",
    errors: [{ instancePath: "/spec/itemPath", schemaPath: "#/type", keyword: "type", params: { type: "string" }, message: "must be string" }],
  },
  {
    set: "strimzi (Kafka, with a 1.2.0 tlsroute listener)",
    valid: () =>
      new Kafka({
        metadata: { name: "events", namespace: "kafka" },
        spec: { kafka: { listeners: [{ name: "tls", port: 9093, type: "tlsroute", tls: true }] } },
      }),
    json: {
      apiVersion: "kafka.strimzi.io/v1",
      kind: "Kafka",
      metadata: { name: "events", namespace: "kafka" },
      spec: { kafka: { listeners: [{ name: "tls", port: 9093, type: "tlsroute", tls: true }] } },
    },
    invalid: () =>
      new Kafka({
        metadata: { name: "events", namespace: "kafka" },
        // @ts-expect-error port is a number
        spec: { kafka: { listeners: [{ name: "tls", port: "9093", type: "internal", tls: true }] } },
      }),
    message: "data/spec/kafka/listeners/0/port must be integer",
    errors: [{ instancePath: "/spec/kafka/listeners/0/port", schemaPath: "#/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }],
  },
  {
    set: "vertical-pod-autoscaler (VerticalPodAutoscaler)",
    valid: () =>
      new VerticalPodAutoscaler({
        metadata: { name: "web", namespace: "web" },
        spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, updatePolicy: { updateMode: "Off" } },
      }),
    json: {
      apiVersion: "autoscaling.k8s.io/v1",
      kind: "VerticalPodAutoscaler",
      metadata: { name: "web", namespace: "web" },
      spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, updatePolicy: { updateMode: "Off" } },
    },
    invalid: () =>
      new VerticalPodAutoscaler({
        metadata: { name: "web", namespace: "web" },
        // @ts-expect-error targetRef.name is a string
        spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: 7 } },
      }),
    message: "data/spec/targetRef/name must be string",
    errors: [{ instancePath: "/spec/targetRef/name", schemaPath: "#/type", keyword: "type", params: { type: "string" }, message: "must be string" }],
  },
];

function validationError(model: Model<unknown>): Error & { errors?: unknown } {
  try {
    model.validate();
  } catch (error) {
    return error as Error & { errors?: unknown };
  }
  throw new Error("expected .validate() to throw");
}

describe.each(cases)("the $set model", ({ valid, json, invalid, message, errors }) => {
  it("accepts a valid object and serializes it with apiVersion and kind", () => {
    const model = valid();
    expect(() => model.validate()).not.toThrow();
    expect(model.toJSON()).toEqual(json);
  });

  it("rejects a field of the wrong type with the exact validation error", () => {
    const error = validationError(invalid());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(message);
    expect(error.errors).toEqual(errors);
  });
});
