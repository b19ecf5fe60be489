import { describe, expect, it } from "vitest";
import { emitDocument, emitValue, YamlEmitError } from "./yaml-emit.ts";

/** A ConfigMap holding `data`, the smallest manifest to wrap a value in. */
function configMap(data: unknown): Record<string, unknown> {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data };
}

/** The YAML `configMap(data)` emits: its header, then `data` as written. */
function configMapYaml(data: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n${data}`;
}

/** A model-like class instance whose data lives in own enumerable properties. */
class Probe {
  readonly httpGet = { path: "/healthz", port: 8080 };
  readonly periodSeconds = 10;
}

/** A value class with no own properties, written through `toJSON()`. */
class Quantity {
  toJSON(): string {
    return "512Mi";
  }
}

describe("emitDocument", () => {
  it.each([
    {
      name: "puts apiVersion, kind and metadata first, and name, namespace, labels, annotations first in metadata",
      input: {
        spec: { replicas: 2 },
        metadata: { annotations: { note: "x" }, labels: { app: "web" }, namespace: "prod", name: "web" },
        kind: "Deployment",
        apiVersion: "apps/v1",
        data: 1,
      },
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  labels:
    app: web
  annotations:
    note: x
data: 1
spec:
  replicas: 2
`,
    },
    {
      name: "writes sequences of mappings indented under their key, name first, the first key after the dash",
      input: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web" },
        spec: {
          containers: [
            { image: "nginx:1.27", args: ["--port", "80"], name: "app", ports: [{ protocol: "TCP", containerPort: 80 }] },
            { name: "sidecar", image: "busybox" },
          ],
        },
      },
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  containers:
    - name: app
      args:
        - "--port"
        - "80"
      image: nginx:1.27
      ports:
        - containerPort: 80
          protocol: TCP
    - name: sidecar
      image: busybox
`,
    },
    {
      name: "writes empty mappings and sequences in flow style",
      input: configMap({ empty: {}, none: [], nested: [[], {}] }),
      output: configMapYaml(`data:
  empty: {}
  nested:
    - []
    - {}
  none: []
`),
    },
    {
      name: "writes multi-line strings as literal blocks with strip, clip and keep chomping",
      input: configMap({ clip: "a\n", keep: "a\n\n", leading: "\n\na", strip: "a\nb", quoted: " a\nb" }),
      output: configMapYaml(`data:
  clip: |
    a
  keep: |+
    a

  leading: |-


    a
  quoted: " a\\nb"
  strip: |-
    a
    b
`),
    },
    {
      name: "writes numbers in decimal, with a point and a signed exponent when an exponent is needed",
      input: configMap({ big: 1e21, int: 42, negativeZero: -0, pi: 3.14, small: 1e-7, exact: 1e20 }),
      output: configMapYaml(`data:
  big: 1.0e+21
  exact: 100000000000000000000
  int: 42
  negativeZero: 0
  pi: 3.14
  small: 1.0e-7
`),
    },
    {
      name: "writes booleans and null, drops undefined fields and writes undefined items as null",
      input: configMap({ t: true, f: false, n: null, gone: undefined, list: [undefined, null] }),
      output: configMapYaml(`data:
  f: false
  list:
    - null
    - null
  "n": null
  t: true
`),
    },
    {
      name: "quotes keys and values that YAML 1.1 or 1.2 would read as something else",
      input: configMap({ on: "yes", "1": "0x1F", e3: "1e3", "<<": "~", "a: b": "", "app.kubernetes.io/name": "ghcr.io/a/b:1.2" }),
      output: configMapYaml(`data:
  "1": "0x1F"
  "<<": "~"
  "a: b": ""
  app.kubernetes.io/name: ghcr.io/a/b:1.2
  "e3": "1e3"
  "on": "yes"
`),
    },
    {
      name: "writes a key longer than 1024 characters as an explicit key, which no parser limits",
      input: configMap({ ["k".repeat(1025)]: "v", short: ["k".repeat(1025)] }),
      output: configMapYaml(`data:
  ? ${"k".repeat(1025)}
  : v
  short:
    - ${"k".repeat(1025)}
`),
    },
    {
      name: "reads model instances through their own properties and value classes through toJSON",
      input: configMap({ probe: new Probe(), memory: new Quantity() }),
      output: configMapYaml(`data:
  memory: 512Mi
  probe:
    httpGet:
      path: /healthz
      port: 8080
    periodSeconds: 10
`),
    },
    {
      name: "writes an empty manifest as an empty mapping",
      input: {},
      output: "{}\n",
    },
  ])("$name", ({ input, output }) => {
    expect(emitDocument(input)).toBe(output);
  });
});

describe("emitValue", () => {
  it.each([
    { name: "writes a bare string scalar on one line, quoting it when needed", input: "on", output: '"on"\n' },
    { name: "writes a bare multi-line string double-quoted, never as a block", input: "a\nb", output: '"a\\nb"\n' },
    { name: "writes a bare number", input: 1e21, output: "1.0e+21\n" },
    { name: "writes null", input: null, output: "null\n" },
    { name: "writes an empty mapping", input: {}, output: "{}\n" },
    { name: "writes an empty sequence", input: [], output: "[]\n" },
    { name: "orders a root mapping with name first and no manifest keys first", input: { kind: "K", name: "web", a: 1 }, output: "name: web\na: 1\nkind: K\n" },
    {
      name: "nests sequences in sequences on the dash line",
      input: [[1, [2, 3]], "x"],
      output: `- - 1
  - - 2
    - 3
- x
`,
    },
    {
      name: "writes sequences of mappings with nested sequences and literal blocks",
      input: [{ b: [{ c: "x\ny" }], a: 1 }, { name: "web" }],
      output: `- a: 1
  b:
    - c: |-
        x
        y
- name: web
`,
    },
    {
      name: "writes a literal block as a sequence item",
      input: ["a\nb\n"],
      output: `- |
  a
  b
`,
    },
  ])("$name", ({ input, output }) => {
    expect(emitValue(input)).toBe(output);
  });
});

describe("emitter errors", () => {
  const lone = "\ud800";
  it.each([
    { name: "NaN", emit: () => emitDocument(configMap({ x: Number.NaN })), path: "data.x", message: "number NaN cannot be represented in a Kubernetes manifest" },
    { name: "Infinity in a sequence", emit: () => emitDocument(configMap({ list: [1, Number.POSITIVE_INFINITY] })), path: "data.list[1]", message: "number Infinity cannot be represented in a Kubernetes manifest" },
    { name: "-Infinity at the root", emit: () => emitValue(Number.NEGATIVE_INFINITY), path: "", message: "number -Infinity cannot be represented in a Kubernetes manifest" },
    { name: "a function", emit: () => emitDocument(configMap({ fn: () => 1 })), path: "data.fn", message: "a function cannot be written to a manifest" },
    { name: "a bigint", emit: () => emitDocument(configMap({ n: 1n })), path: "data.n", message: "a bigint cannot be written to a manifest" },
    { name: "a symbol", emit: () => emitValue({ s: [Symbol("x")] }), path: "s[0]", message: "a symbol cannot be written to a manifest" },
    { name: "a Date", emit: () => emitDocument(configMap({ when: new Date(0) })), path: "data.when", message: "a Date has no single YAML form; pass an ISO 8601 string" },
    { name: "a Map", emit: () => emitDocument(configMap({ m: new Map([["a", 1]]) })), path: "data.m", message: "a Map instance has no JSON form" },
    { name: "a Set in a sequence", emit: () => emitValue([new Set([1])]), path: "[0]", message: "a Set instance has no JSON form" },
    { name: "a lone surrogate in a value", emit: () => emitDocument(configMap({ s: `a${lone}` })), path: "data.s", message: "string contains a lone UTF-16 surrogate, which cannot be encoded as UTF-8" },
    { name: "a lone surrogate in a key", emit: () => emitDocument(configMap({ [lone]: 1 })), path: "data", message: "key: string contains a lone UTF-16 surrogate, which cannot be encoded as UTF-8" },
    { name: "a manifest that is not a mapping", emit: () => emitDocument([] as unknown as Record<string, unknown>), path: "", message: "a manifest must be a mapping" },
  ])("rejects $name with a YamlEmitError naming its field path", ({ emit, path, message }) => {
    let caught: unknown;
    try {
      emit();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(YamlEmitError);
    expect((caught as YamlEmitError).path).toBe(path);
    expect((caught as YamlEmitError).message).toBe(`${path === "" ? "<root>" : path}: ${message}`);
  });
});
