/**
 * Test support: renders components into a throwaway cluster tree and runs
 * the project's full validation on it, with the real pinned tools: the
 * models' schemas, the graph checks and the policy rules while rendering;
 * kubeconform -strict against the pinned schema store, the CRDs' CEL rules
 * and `kustomize build` of the tree afterwards.
 */
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { emitDocument, formatProblem, isUserError, renderCluster, writeTree, type ApiObject, type ClusterInput, type ComponentOutput } from "@typed-gitops/lib";
import { validateCluster } from "@typed-gitops/lib/tooling";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { install, type Component } from "../src/component.ts";

/** The repository root, whose `.tools/` holds the pinned tools and the schema store. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Options of {@link validateComponents}. */
export interface ValidateComponentsOptions {
  /** Extra component folders (e.g. a prerequisite's objects). @default none */
  readonly extra?: Record<string, ComponentOutput>;
  /** Fields of the test cluster's definition, such as `kubernetesVersion` or `preexisting`. @default a plain tree on 1.35 */
  readonly cluster?: Partial<Omit<ClusterInput, "components">>;
}

/** What {@link validateComponents} found. */
export interface ComponentsValidation {
  /** Every problem, formatted as the CLI prints it; empty when everything passed. */
  readonly problems: readonly string[];
  /** The rendered files, keyed by path in the tree. */
  readonly files: ReadonlyMap<string, string>;
  /** How many folders kustomize built. */
  readonly builds: number;
}

/**
 * Renders the components as one cluster and validates the tree like
 * `pnpm validate` does. Rendering problems are returned, not thrown.
 */
export async function validateComponents(components: readonly Component[], options: ValidateComponentsOptions = {}): Promise<ComponentsValidation> {
  const root = mkdtempSync(join(tmpdir(), "catalog-validate-"));
  try {
    symlinkSync(join(PROJECT_ROOT, ".tools"), join(root, ".tools"));
    symlinkSync(join(PROJECT_ROOT, "schemas"), join(root, "schemas"));
    const definition = { name: "catalog-test", kubernetesVersion: "1.35", ...options.cluster, components: { ...install(...components), ...options.extra } };
    let tree;
    try {
      tree = renderCluster(definition, { source: "clusters/catalog-test", root });
    } catch (error) {
      if (isUserError(error)) return { problems: error.problems.map(formatProblem), files: new Map(), builds: 0 };
      throw error;
    }
    writeTree(join(root, "generated"), tree);
    const validation = await validateCluster(root, tree, "clusters/catalog-test");
    return { problems: validation.problems.map(formatProblem), files: tree.files, builds: validation.builds };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A component's objects as one multi-document YAML text, as golden files hold them. */
export function emitComponent(component: Component): string {
  const sections: string[] = [];
  for (const layer of ["controllers", "configs", "apps"] as const) {
    const objects = component[layer];
    if (objects === undefined || objects.length === 0) continue;
    sections.push(`# ${layer}\n${objects.map((object: ApiObject) => emitDocument(object as unknown as Record<string, unknown>)).join("---\n")}`);
  }
  return sections.join("---\n");
}

/** The message of the UserError a call throws; fails the test when it does not throw one. */
export function thrownMessage(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    if (!isUserError(error)) throw error;
    return error.message;
  }
  throw new Error("expected the props to be rejected");
}

/**
 * Renders the components as one cluster (see {@link validateComponents})
 * and expects the tree to be valid: no problems, and at least one folder
 * built by kustomize. Returns the validation for further checks.
 */
export async function expectValidTree(components: readonly Component[], options: ValidateComponentsOptions = {}): Promise<ComponentsValidation> {
  const result = await validateComponents(components, options);
  expect(result.problems).toEqual([]);
  expect(result.builds).toBeGreaterThan(0);
  return result;
}

/** One object as the YAML document golden files of single builders hold. */
export function emitObject(object: object): string {
  return emitDocument(object as Record<string, unknown>);
}

/**
 * A component named `name` whose configs layer holds `objects`, for tests
 * of builders that return objects rather than components.
 *
 * @param namespace - the namespace the objects live in, rendered in the controllers layer: its name, or the Namespace object itself (e.g. a labelled one). @default none
 */
export function configsComponent(name: string, objects: ComponentOutput, namespace?: string | ApiObject): Component {
  if (namespace === undefined) return { name, configs: objects };
  return { name, controllers: [typeof namespace === "string" ? new Namespace({ metadata: { name: namespace } }) : namespace], configs: objects };
}

/**
 * Registers a test per case that compares the case's YAML, as `emit`
 * writes it, with the golden file `__golden__/<file>.yaml` beside the test
 * file.
 *
 * @example
 * itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));
 */
export function itMatchesGoldenFiles<C extends { readonly file: string }>(cases: readonly C[], emit: (testCase: C) => string): void {
  it.each(cases)("renders $file as its golden file", async (testCase) => {
    await expect(emit(testCase)).toMatchFileSnapshot(`__golden__/${testCase.file}.yaml`);
  });
}

/**
 * Registers a test per case that renders the case's components into a
 * tree and expects it to validate (see {@link expectValidTree}).
 *
 * @example
 * itRendersValidTrees(renders, ({ build }) => [build()]);
 */
export function itRendersValidTrees<C extends { readonly file: string }>(cases: readonly C[], components: (testCase: C) => readonly Component[], options: ValidateComponentsOptions = {}): void {
  it.each(cases)("renders $file as a tree that validates with kubeconform, the CRDs' CEL rules, the policies and kustomize", async (testCase) => {
    await expectValidTree(components(testCase), options);
  });
}

/** A case of a props-rejection table: what is wrong, a build that must throw, and the exact message of the UserError. */
export interface RejectionCase {
  /** What is wrong, completing "rejects …". */
  readonly label: string;
  /** Builds with the bad props. */
  readonly build: () => unknown;
  /** The UserError's whole message. */
  readonly message: string;
}

/** Registers `describe("<subject> rejects bad props")` with a test per case that expects exactly its message. */
export function describeRejections(subject: string, cases: readonly RejectionCase[]): void {
  describe(`${subject} rejects bad props`, () => {
    it.each(cases)("rejects $label, naming every problem", ({ build, message }) => {
      expect(thrownMessage(build)).toBe(message);
    });
  });
}

/** The `values` of the component's HelmRelease (the first in any layer), to assert on. */
export function releaseValues(component: Component): Record<string, any> {
  const objects = [...(component.controllers ?? []), ...(component.configs ?? []), ...(component.apps ?? [])] as readonly { kind?: unknown; spec?: { values?: Record<string, unknown> } }[];
  const release = objects.find((object) => object.kind === "HelmRelease");
  if (release === undefined) throw new Error(`component ${component.name} has no HelmRelease`);
  return release.spec?.values ?? {};
}
