import { describe, expect, it } from "vitest";
import { parseCrds } from "./crd-documents.ts";
import { convertCrd } from "./crd-schema.ts";
import { crdCelRules } from "./cel-rules.ts";
import type { JsonObject } from "./json.ts";

const CRD = parseCrds(
  `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: gadgets.example.com }
spec:
  group: example.com
  names: { kind: Gadget, plural: gadgets }
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: false
      storage: false
      schema: { openAPIV3Schema: { type: object } }
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: { type: string }
            kind: { type: string }
            metadata:
              type: object
              properties:
                name: { type: string, maxLength: 20 }
            spec:
              type: object
              required: [mode, count]
              x-kubernetes-validations:
                - rule: "!has(self.a) || !has(self.b)"
                  message: a and b are exclusive
              properties:
                mode: { type: string, default: fast }
                count: { type: integer }
                port:
                  anyOf: [{ type: integer }, { type: string }]
                  x-kubernetes-int-or-string: true
                values:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                template:
                  type: object
                  x-kubernetes-embedded-resource: true
                  properties:
                    spec: { type: object, properties: { replicas: { type: integer } } }
                note: { type: string, nullable: true }
                tags:
                  type: array
                  x-kubernetes-list-type: set
                  items: { type: string }
                marker: { type: object }
                address:
                  type: object
                  properties:
                    type: { type: string }
                    value: { type: string }
                  oneOf:
                    - properties: { type: { enum: [IPAddress] } }
                      required: [value]
                    - properties: { type: { enum: [Hostname] } }
                  x-kubernetes-validations:
                    - rule: self.value != ""
                      messageExpression: "'empty value for ' + self.type"
                      fieldPath: .value
                      reason: FieldValueInvalid
                rules:
                  type: array
                  items:
                    type: object
                    properties: { weight: { type: integer } }
                    x-kubernetes-validations:
                      - rule: self.weight >= 0
                labels:
                  type: object
                  additionalProperties:
                    type: string
                    x-kubernetes-validations: [{ rule: size(self) < 64, message: too long }]
`,
  "gadgets.yaml",
)[0]!;

const [entry] = convertCrd(CRD, { objectMeta: { type: "object", properties: { name: { type: "string" } }, additionalProperties: false } });
const schema = entry!.schema as JsonObject & { properties: Record<string, JsonObject> };
const spec = schema.properties.spec as JsonObject & { properties: Record<string, JsonObject> };

describe("convertCrd", () => {
  it("converts served versions only, to crds/<group>/<kind>_<version>.json", () => {
    expect(convertCrd(CRD).map((kind) => kind.file)).toEqual(["crds/example.com/gadget_v1.json"]);
  });

  it("fixes apiVersion and kind with enum and rejects unknown top-level fields", () => {
    expect(schema.properties.apiVersion).toEqual({ type: "string", enum: ["example.com/v1"] });
    expect(schema.properties.kind).toEqual({ type: "string", enum: ["Gadget"] });
    expect(schema.additionalProperties).toBe(false);
  });

  it("validates metadata as ObjectMeta plus the CRD's own constraints on it", () => {
    expect(schema.properties.metadata).toEqual({
      type: "object",
      properties: { name: { type: "string" } },
      additionalProperties: false,
      allOf: [{ properties: { name: { type: "string", maxLength: 20 } } }],
    });
  });

  it.each<[string, string, JsonObject]>([
    ["an int-or-string field accepts an integer or a string", "port", { type: ["integer", "string"] }],
    ["a field that preserves unknown fields stays open", "values", { type: "object" }],
    ["a nullable field also accepts null", "note", { type: ["string", "null"] }],
    ["a set requires unique items", "tags", { type: "array", items: { type: "string" }, uniqueItems: true }],
    ["an object without properties rejects every field, since the API server would prune them", "marker", { type: "object", additionalProperties: false }],
  ])("%s", (_, field, expected) => {
    expect(spec.properties[field]).toEqual(expected);
  });

  it("lets a required field with a default be left out, since the API server defaults before it validates", () => {
    expect(spec.required).toEqual(["count"]);
  });

  it("allows apiVersion, kind and ObjectMeta in an embedded resource, besides its declared fields", () => {
    expect(spec.properties.template).toEqual({
      type: "object",
      properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        spec: { type: "object", properties: { replicas: { type: "integer" } }, additionalProperties: false },
        metadata: { type: "object", properties: { name: { type: "string" } }, additionalProperties: false },
      },
      additionalProperties: false,
    });
  });

  it("never makes the value validations inside oneOf strict", () => {
    expect(spec.properties.address).toEqual({
      type: "object",
      properties: { type: { type: "string" }, value: { type: "string" } },
      oneOf: [{ properties: { type: { enum: ["IPAddress"] } }, required: ["value"] }, { properties: { type: { enum: ["Hostname"] } } }],
      additionalProperties: false,
    });
  });

  it("drops CEL rules and every other extension", () => {
    expect(JSON.stringify(schema)).not.toMatch(/x-kubernetes|nullable/);
  });
});

describe("crdCelRules", () => {
  it("returns the CEL rules of each served version with the path of the field they are attached to", () => {
    expect(crdCelRules(CRD)).toEqual([
      {
        group: "example.com",
        version: "v1",
        kind: "Gadget",
        rules: [
          { path: "spec", schemaPath: ["properties", "spec"], rule: "!has(self.a) || !has(self.b)", message: "a and b are exclusive" },
          {
            path: "spec.address",
            schemaPath: ["properties", "spec", "properties", "address"],
            rule: 'self.value != ""',
            messageExpression: "'empty value for ' + self.type",
            fieldPath: ".value",
            reason: "FieldValueInvalid",
          },
          { path: "spec.rules[*]", schemaPath: ["properties", "spec", "properties", "rules", "items"], rule: "self.weight >= 0" },
          { path: "spec.labels{*}", schemaPath: ["properties", "spec", "properties", "labels", "additionalProperties"], rule: "size(self) < 64", message: "too long" },
        ],
      },
    ]);
  });
});

describe("parseCrds", () => {
  it("skips the documents of a file that are not CRDs", () => {
    expect(parseCrds("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n", "mixed.yaml")).toEqual([]);
  });

  it.each([
    ["a CRD without group", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: a}\nspec: {names: {kind: A}, versions: [{name: v1, served: true}]}\n", "crd.yaml#0: spec.group"],
    ["an apiextensions.k8s.io/v1beta1 CRD", "apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata: {name: a}\nspec: {group: g, names: {kind: A}, versions: [{name: v1, served: true}]}\n", "crd.yaml#0: apiVersion: only apiextensions.k8s.io/v1 CRDs are supported"],
    ["invalid YAML", "a: [\n", "crd.yaml#0: invalid YAML"],
  ])("reports %s with the file and document", (_, text, message) => {
    expect(() => parseCrds(text, "crd.yaml")).toThrow(message);
  });
});
