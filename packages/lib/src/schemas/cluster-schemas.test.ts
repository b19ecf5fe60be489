/**
 * The CRDs a cluster's rendered tree installs itself: found in
 * generated/<cluster>/**, written to a per-cluster schema folder, and used
 * by kubeconform before the store.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchemaStore } from "./build-store.ts";
import { findCrds } from "./crd-documents.ts";
import { schemaLocations } from "./layout.ts";
import { sha256Hex } from "./read-sources.ts";
import { FIXTURE_MIRROR, fixtureSources, pinnedKubeconform, runKubeconform, type KubeconformResource } from "./test-support.ts";
import { readObjectMetaSchema, writeCrdSchemas } from "./cluster-schemas.ts";

const crd = (kind: string, plural: string, specProperties: string): string => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: ${plural}.example.com }
spec:
  group: example.com
  names: { kind: ${kind}, plural: ${plural} }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties: ${specProperties}
`;

const scratch = mkdtempSync(join(tmpdir(), "cluster-schemas-test-"));
const tree = join(scratch, "generated", "production");
let store: string;
let clusterSchemas: string;
let kubeconform: string;
let results: Map<string, KubeconformResource>;

beforeAll(async () => {
  const root = join(scratch, "project");
  mkdirSync(join(root, "schemas"), { recursive: true });
  writeFileSync(join(root, "schemas", "sources.json"), fixtureSources((path) => sha256Hex(readFileSync(join(FIXTURE_MIRROR, path)))));
  store = (await buildSchemaStore({ root, mirror: FIXTURE_MIRROR })).store;

  // The cluster installs a newer Widget CRD (with a color) than the store's, and a Gizmo CRD the store lacks.
  mkdirSync(join(tree, "infrastructure", "widgets"), { recursive: true });
  writeFileSync(join(tree, "kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [infrastructure/widgets]\n");
  writeFileSync(join(tree, "infrastructure", "widgets", "customresourcedefinition-widgets.example.com.yaml"), crd("Widget", "widgets", "{ size: { type: integer }, color: { type: string } }"));
  writeFileSync(
    join(tree, "infrastructure", "widgets", "gizmos.yaml"),
    `apiVersion: v1\nkind: Namespace\nmetadata: { name: gizmos }\n---\n${crd("Gizmo", "gizmos", "{ port: { x-kubernetes-int-or-string: true } }")}`,
  );

  clusterSchemas = join(scratch, "cluster-schemas", "production");
  await writeCrdSchemas({ crds: findCrds(tree), out: clusterSchemas, objectMeta: readObjectMetaSchema(store) });
  kubeconform = await pinnedKubeconform();
  const manifests = [
    "apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: widget-with-color }\nspec: { size: 3, color: blue }\n",
    "apiVersion: example.com/v1\nkind: Gizmo\nmetadata: { name: gizmo-valid }\nspec: { port: http }\n",
    "apiVersion: example.com/v1\nkind: Gizmo\nmetadata: { name: gizmo-invalid, lables: {} }\nspec: { port: 1.5 }\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: config }\ndata: { a: b }\n",
  ];
  const output = await runKubeconform(kubeconform, schemaLocations({ store, kubernetesVersion: "1.36", clusterSchemas: [clusterSchemas] }), manifests.join("---\n"));
  results = new Map(output.map((resource) => [resource.name, resource]));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("findCrds", () => {
  it("finds every CRD document in a rendered tree, in any folder and beside other documents", () => {
    expect(findCrds(tree).map((found) => `${found.source} ${found.name}`)).toEqual([
      "infrastructure/widgets/customresourcedefinition-widgets.example.com.yaml#0 widgets.example.com",
      "infrastructure/widgets/gizmos.yaml#1 gizmos.example.com",
    ]);
  });
});

describe("writeCrdSchemas", () => {
  it("writes the cluster's CRD schemas with the store's layout", () => {
    expect(existsSync(join(clusterSchemas, "crds", "example.com", "widget_v1.json"))).toBe(true);
    expect(existsSync(join(clusterSchemas, "crds", "example.com", "gizmo_v1.json"))).toBe(true);
  });

  it.each([
    ["a custom resource valid only under the cluster's newer CRD passes, because the cluster's schemas come first", "widget-with-color", "statusValid", []],
    ["a custom resource whose CRD only the cluster installs is validated", "gizmo-valid", "statusValid", []],
    [
      "an invalid custom resource of the cluster's CRD fails, metadata included",
      "gizmo-invalid",
      "statusInvalid",
      ["at '/metadata': additional properties 'lables' not allowed", "at '/spec/port': got number, want integer or string"],
    ],
    ["a Kubernetes kind still comes from the store", "config", "statusValid", []],
  ] as const)("%s", (_, name, status, messages) => {
    const result = results.get(name);
    expect(result?.status).toBe(status);
    for (const message of messages) expect(result?.msg).toContain(message);
  });

  it("reports a kind defined by two CRDs of the tree, naming both files", async () => {
    const duplicate = join(scratch, "generated", "duplicate");
    mkdirSync(duplicate, { recursive: true });
    writeFileSync(join(duplicate, "a.yaml"), crd("Widget", "widgets", "{}"));
    writeFileSync(join(duplicate, "b.yaml"), crd("Widget", "widgets", "{}"));
    await expect(writeCrdSchemas({ crds: findCrds(duplicate), out: join(scratch, "duplicate-schemas") })).rejects.toThrow("b.yaml#0: example.com/v1 Widget is also defined by a.yaml#0");
  });

  it("replaces its own folder as a whole when the CRDs change", async () => {
    const out = join(scratch, "replaced");
    await writeCrdSchemas({ crds: findCrds(tree), out });
    const result = await writeCrdSchemas({ crds: [], out });
    expect(result.kinds).toEqual([]);
    expect(existsSync(join(out, "crds"))).toBe(false);
  });
});
