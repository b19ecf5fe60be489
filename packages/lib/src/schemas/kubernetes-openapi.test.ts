import { describe, expect, it } from "vitest";
import { convertKubernetesSpec } from "./kubernetes-openapi.ts";
import type { JsonObject } from "./json.ts";
import { QUANTITY_PATTERN } from "./keywords.ts";

const META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
const ref = (name: string): JsonObject => ({ $ref: `#/definitions/${name}` });

/** A small spec with the shapes the converter must handle. */
const SPEC = {
  definitions: {
    [`${META}ObjectMeta`]: { type: "object", properties: { name: { type: "string" }, labels: { type: "object", additionalProperties: { type: "string" } } } },
    [`${META}ListMeta`]: { type: "object", properties: { resourceVersion: { type: "string" } } },
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": { type: "string", format: "int-or-string", description: "IntOrString" },
    "io.k8s.apimachinery.pkg.api.resource.Quantity": { type: "string", description: "Quantity" },
    "io.k8s.apimachinery.pkg.runtime.RawExtension": { type: "object", description: "anything" },
    "io.example.v1.WidgetSpec": {
      type: "object",
      required: ["size"],
      properties: {
        size: { type: "integer", format: "int32" },
        port: ref("io.k8s.apimachinery.pkg.util.intstr.IntOrString"),
        memory: ref("io.k8s.apimachinery.pkg.api.resource.Quantity"),
        raw: ref("io.k8s.apimachinery.pkg.runtime.RawExtension"),
        mode: { type: "string", enum: ["a", "b"], "x-kubernetes-list-type": "atomic" },
        schema: ref("io.example.v1.Props"),
      },
    },
    "io.example.v1.Props": { type: "object", properties: { properties: { type: "object", additionalProperties: ref("io.example.v1.Props") } } },
    "io.example.v1.Widget": {
      type: "object",
      properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: ref(`${META}ObjectMeta`), spec: ref("io.example.v1.WidgetSpec") },
      "x-kubernetes-group-version-kind": [
        { group: "example.k8s.io", version: "v1", kind: "Widget" },
        { group: "example.k8s.io", version: "v1beta1", kind: "Widget" },
      ],
    },
    "io.example.v1.WidgetList": {
      type: "object",
      properties: { items: { type: "array", items: ref("io.example.v1.Widget") }, metadata: ref(`${META}ListMeta`) },
      "x-kubernetes-group-version-kind": [{ group: "example.k8s.io", version: "v1", kind: "WidgetList" }],
    },
    "io.example.v1.Thing": {
      type: "object",
      properties: { metadata: ref(`${META}ObjectMeta`) },
      "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Thing" }],
    },
  },
};

const converted = convertKubernetesSpec(SPEC, "spec.json");
const widget = converted.kinds.find((kind) => kind.file === "widget-example-v1.json")!.schema as {
  properties: { apiVersion: JsonObject; kind: JsonObject; spec: { properties: Record<string, JsonObject> } & JsonObject };
} & JsonObject;
const spec = widget.properties.spec;

describe("convertKubernetesSpec", () => {
  it("writes one file per group/version/kind of a definition with ObjectMeta, and none for lists", () => {
    expect(converted.kinds.map((kind) => `${kind.apiVersion} ${kind.kind} ${kind.file}`)).toEqual([
      "v1 Thing thing-v1.json",
      "example.k8s.io/v1 Widget widget-example-v1.json",
      "example.k8s.io/v1beta1 Widget widget-example-v1beta1.json",
    ]);
  });

  it("fixes apiVersion and kind to the exact values with enum, as kubeconform's schemas do", () => {
    expect(widget.properties.apiVersion).toEqual({ type: "string", enum: ["example.k8s.io/v1"] });
    expect(widget.properties.kind).toEqual({ type: "string", enum: ["Widget"] });
  });

  it("rejects unknown fields in every object that declares properties, and keeps objects without properties open", () => {
    expect(widget.additionalProperties).toBe(false);
    expect(spec.additionalProperties).toBe(false);
    expect(spec.properties.raw).toEqual({ type: ["object", "null"], description: "anything" });
  });

  it("accepts null in optional fields and not in required ones", () => {
    expect(spec.properties.size).toEqual({ type: "integer", format: "int32" });
    expect(spec.properties.mode).toEqual({ type: ["string", "null"], enum: ["a", "b", null] });
  });

  it("accepts an integer or a string for IntOrString, and a number or a quantity string for Quantity", () => {
    expect(spec.properties.port).toEqual({ description: "IntOrString", type: ["integer", "string", "null"] });
    expect(spec.properties.memory).toEqual({ description: "Quantity", type: ["number", "string", "null"], pattern: QUANTITY_PATTERN });
  });

  it("drops extensions that are not JSON Schema", () => {
    expect(JSON.stringify(converted.kinds)).not.toMatch(/x-kubernetes/);
  });

  it("keeps a recursive definition in the file's own definitions and refers to it locally instead of inlining it forever", () => {
    expect(spec.properties.schema).toEqual({ anyOf: [{ type: "null" }, { $ref: "#/definitions/io.example.v1.Props" }] });
    expect(widget.definitions).toEqual({
      "io.example.v1.Props": {
        type: "object",
        properties: { properties: { type: ["object", "null"], additionalProperties: { $ref: "#/definitions/io.example.v1.Props" } } },
        additionalProperties: false,
      },
    });
  });

  it("returns the strict ObjectMeta for custom resource schemas", () => {
    expect(converted.objectMeta).toMatchObject({ type: "object", additionalProperties: false, properties: { name: { type: ["string", "null"] } } });
  });

  it("reports a $ref to a missing definition with the spec's file", () => {
    const broken = { definitions: { ...SPEC.definitions, "io.example.v1.Thing": { ...SPEC.definitions["io.example.v1.Thing"], properties: { metadata: ref(`${META}ObjectMeta`), x: ref("nowhere") } } } };
    expect(() => convertKubernetesSpec(broken, "spec.json")).toThrow('spec.json: $ref to a missing definition "nowhere"');
  });

  it("reports a file that is not an OpenAPI v2 spec", () => {
    expect(() => convertKubernetesSpec({ openapi: "3.0.0" }, "spec.json")).toThrow("spec.json: not an OpenAPI v2 spec: it has no `definitions` object");
  });
});
