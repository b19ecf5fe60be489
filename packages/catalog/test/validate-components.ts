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
import { emitDocument, formatProblem, isUserError, renderCluster, validateCluster, writeTree, type ApiObject, type ClusterInput, type ComponentOutput } from "@typed-gitops/lib";
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
