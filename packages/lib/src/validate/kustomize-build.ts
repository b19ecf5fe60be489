/**
 * Building, with the pinned kustomize, every folder that the GitOps engine
 * will build: the cluster root and the path of each Flux Kustomization or
 * Argo CD Application that reads this repository.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Problem } from "../errors/user-error.ts";
import { groupOf } from "../resource/api-object.ts";
import { resolveTool } from "../tools/install-tools.ts";

const run = promisify(execFile);

/** A folder to build, and which object points at it. */
export interface BuildTarget {
  /** The folder relative to the project root, e.g. `generated/production/apps`. */
  readonly folder: string;
  /** Who builds it: `the cluster root` or `Kustomization flux-system/apps`. */
  readonly by: string;
}

/**
 * Lists the folders the engine builds, read from the rendered manifests of
 * one cluster: the cluster root, then each Flux Kustomization `spec.path`
 * and Argo CD Application `spec.source.path` inside `generated/<cluster>/`,
 * without duplicates, in code-unit order after the root.
 *
 * @param manifests - the rendered objects of the cluster (parsed YAML).
 */
export function buildTargets(cluster: string, manifests: readonly Record<string, unknown>[]): BuildTarget[] {
  const root = `generated/${cluster}`;
  const targets = new Map<string, string>([[root, "the cluster root"]]);
  for (const manifest of manifests) {
    const kind = manifest.kind;
    const apiVersion = typeof manifest.apiVersion === "string" ? manifest.apiVersion : "";
    const metadata = (manifest.metadata ?? {}) as { name?: string; namespace?: string };
    const spec = (manifest.spec ?? {}) as { path?: unknown; source?: { path?: unknown } };
    let path: unknown;
    if (kind === "Kustomization" && groupOf(apiVersion) === "kustomize.toolkit.fluxcd.io") path = spec.path;
    else if (kind === "Application" && groupOf(apiVersion) === "argoproj.io") path = spec.source?.path;
    if (typeof path !== "string") continue;
    const folder = path.replace(/^\.\//, "").replace(/\/+$/, "");
    if (folder !== root && !folder.startsWith(`${root}/`)) continue;
    if (!targets.has(folder)) targets.set(folder, `${kind} ${metadata.namespace ?? ""}/${metadata.name ?? ""}`);
  }
  const [first, ...rest] = [...targets].map(([folder, by]) => ({ folder, by }));
  return [first!, ...rest.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0))];
}

/** The result of building one folder. */
export interface BuildResult {
  /** The target. */
  readonly target: BuildTarget;
  /** How many objects the build produced (0 when it failed). */
  readonly objects: number;
  /** The problem, when kustomize failed. */
  readonly problem?: Problem;
}

/**
 * Runs `kustomize build` (the pinned binary) on each target, two at a time.
 *
 * @param root - the project root; targets are relative to it.
 * @param options.toolsRoot - the project whose `.tools/` holds kustomize; default `root`.
 * @throws {EnvironmentError} when kustomize is not installed.
 */
export async function buildWithKustomize(root: string, targets: readonly BuildTarget[], options: { readonly toolsRoot?: string } = {}): Promise<BuildResult[]> {
  const kustomize = resolveTool(options.toolsRoot ?? root, "kustomize");
  const results: BuildResult[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < targets.length; i = next++) {
      const target = targets[i]!;
      try {
        const { stdout } = await run(kustomize, ["build", join(root, target.folder)], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
        results[i] = { target, objects: stdout.split(/^kind: /m).length - 1 };
      } catch (error) {
        const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
        results[i] = {
          target,
          objects: 0,
          problem: { where: `${target.folder} (built by ${target.by})`, what: `kustomize build failed: ${stderr.split("\n").slice(-3).join(" ")}` },
        };
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}
