import { describe, expect, it } from "vitest";
import { changeDefinition } from "./change-definition.ts";

const definition = () => ({
  name: "c",
  components: {
    "apps/a": [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "a" }, data: { k: "v" } }],
    "apps/b": [{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "b", namespace: "b" }, spec: { replicas: 2 } }],
  },
});

describe("changeDefinition", () => {
  it("removes components and sets fields, creating the objects on the way", () => {
    const changed = changeDefinition(definition(), {
      removeComponents: ["apps/a"],
      setFields: [
        { apiVersion: "apps/v1", kind: "Deployment", namespace: "b", name: "b", path: ["spec", "replicas"], value: 3 },
        { apiVersion: "apps/v1", kind: "Deployment", namespace: "b", name: "b", path: ["metadata", "annotations", "x/y"], value: "z" },
      ],
    });
    expect(Object.keys(changed.components)).toEqual(["apps/b"]);
    expect(changed.components["apps/b"]).toEqual([{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "b", namespace: "b", annotations: { "x/y": "z" } }, spec: { replicas: 3 } }]);
  });

  it("refuses a component or an object the definition does not have", () => {
    expect(() => changeDefinition(definition(), { removeComponents: ["apps/x"], setFields: [] })).toThrow('the definition has no component "apps/x"');
    expect(() => changeDefinition(definition(), { removeComponents: [], setFields: [{ apiVersion: "v1", kind: "ConfigMap", namespace: "b", name: "a", path: ["data"], value: {} }] })).toThrow("the definition has no ConfigMap b/a");
  });
});
