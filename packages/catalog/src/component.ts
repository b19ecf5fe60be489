/**
 * A catalog component: the objects one piece of infrastructure needs,
 * split by the GitOps layer they belong to. Controllers (operators, their
 * CRDs and HelmReleases) are reconciled before configs (the custom
 * resources that need those CRDs), and configs before apps, so a
 * component never has to order its own objects.
 */
import { UserError, type ComponentOutput } from "@typed-gitops/lib";

/** One component's objects, by layer. */
export interface Component {
  /**
   * The component's folder name in each layer it uses, a DNS-1123 label
   * such as `cert-manager`: its objects go to
   * `infrastructure/controllers/<name>/`, `infrastructure/configs/<name>/`
   * and `apps/<name>/`.
   */
  readonly name: string;
  /** Operators, controllers and their HelmReleases: reconciled first. @default none */
  readonly controllers?: ComponentOutput;
  /** Custom resources and settings that need the controllers' CRDs. @default none */
  readonly configs?: ComponentOutput;
  /** Workloads of the component that belong with the applications. @default none */
  readonly apps?: ComponentOutput;
}

/** The layer folders of a {@link Component}, in reconcile order. */
export const COMPONENT_LAYERS = [
  { key: "controllers", folder: "infrastructure/controllers" },
  { key: "configs", folder: "infrastructure/configs" },
  { key: "apps", folder: "apps" },
] as const;

/**
 * Places components in a cluster's `components`, one folder per component
 * and layer, leaving out empty layers:
 *
 * ```ts
 * components: { ...install(certManager(), traefik({ ... })), "apps/web": web() }
 * ```
 *
 * @throws {UserError} when two components share a name.
 */
export function install(...components: readonly Component[]): Record<string, ComponentOutput> {
  const folders: Record<string, ComponentOutput> = {};
  const seen = new Set<string>();
  for (const component of components) {
    if (seen.has(component.name)) {
      throw new UserError({
        where: `install(): component "${component.name}"`,
        what: "is installed twice",
        hint: "install each component once, or give the second one another name (most components take a `name` prop)",
      });
    }
    seen.add(component.name);
    for (const { key, folder } of COMPONENT_LAYERS) {
      const objects = component[key];
      if (objects !== undefined && objects.length > 0) folders[`${folder}/${component.name}`] = objects;
    }
  }
  return folders;
}
