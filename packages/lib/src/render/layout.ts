/**
 * Where each object goes: one file per object, named from its kind and
 * name, in the folder of the component that made it, with a
 * `kustomization.yaml` in every folder.
 */
import type { Problem } from "../errors/user-error.ts";
import { describeObject, type ApiObject } from "../resource/api-object.ts";
import { dns1123LabelProblem } from "../resource/names.ts";
import { compareKinds } from "./kind-order.ts";

/** The name of the kustomize file written in every folder. */
export const KUSTOMIZATION_FILE = "kustomization.yaml";

/** An object placed in the tree. */
export interface PlacedObject {
  /** The folder, relative to the cluster root, `/`-separated, `""` for the root. */
  readonly folder: string;
  /** The file name inside the folder. */
  readonly fileName: string;
  /** The object. */
  readonly object: ApiObject;
}

/**
 * Returns why `folder` cannot be a component folder, or `undefined` when it
 * can: one or more DNS-1123 labels separated by `/`, relative, with no `.`
 * or `..` segments, so no folder can leave the cluster's tree.
 */
export function folderProblem(folder: string): string | undefined {
  if (folder.length === 0) return "must not be empty";
  const segments = folder.split("/");
  for (const segment of segments) {
    const problem = dns1123LabelProblem(segment);
    if (problem !== undefined) {
      return `segment ${JSON.stringify(segment)}: ${problem} (a folder is DNS-1123 labels joined by '/', such as "apps/web")`;
    }
  }
  return undefined;
}

function stemOf(object: ApiObject): string {
  return `${object.kind.toLowerCase()}-${object.metadata?.name ?? ""}`;
}

/**
 * Names the file of each object of one folder: `<kind>-<name>.yaml`, or
 * `<kind>-<namespace>-<name>.yaml` for objects that would otherwise share a
 * file name (the same kind and name in several namespaces).
 *
 * @returns the placed objects, sorted by kind order then file name, and the
 *   problems when two objects still map to one file.
 */
export function placeFolder(folder: string, objects: readonly ApiObject[], where: string): { placed: PlacedObject[]; problems: Problem[] } {
  const stemCounts = new Map<string, number>();
  for (const object of objects) {
    const stem = stemOf(object);
    stemCounts.set(stem, (stemCounts.get(stem) ?? 0) + 1);
  }
  const byFile = new Map<string, ApiObject>();
  const problems: Problem[] = [];
  const placed: PlacedObject[] = [];
  for (const object of objects) {
    const stem = stemOf(object);
    const namespace = object.metadata?.namespace;
    const fileName = (stemCounts.get(stem)! > 1 && namespace !== undefined
      ? `${object.kind.toLowerCase()}-${namespace}-${object.metadata?.name ?? ""}`
      : stem) + ".yaml";
    const other = byFile.get(fileName);
    if (other !== undefined) {
      problems.push({
        where: `${where}: ${folder}`,
        what: `${describeObject(object)} and ${describeObject(other)} would both be written to ${fileName}`,
        hint: "give one of them another name, or put them in separate component folders",
      });
      continue;
    }
    byFile.set(fileName, object);
    placed.push({ folder, fileName, object });
  }
  placed.sort((a, b) => compareKinds(a.object.kind, b.object.kind) || (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  return { placed, problems };
}

/**
 * Lists the resources of every folder's `kustomization.yaml`: its files in
 * kind order, then its direct sub-folders in code-unit order.
 *
 * @param placed - every placed object of the cluster, already in order per folder.
 * @returns a map from folder (`""` for the root) to its resource entries.
 */
export function kustomizationEntries(placed: readonly PlacedObject[]): Map<string, string[]> {
  const files = new Map<string, string[]>();
  const children = new Map<string, Set<string>>();
  const ensure = (folder: string): void => {
    if (files.has(folder)) return;
    files.set(folder, []);
    children.set(folder, new Set());
    if (folder === "") return;
    const slash = folder.lastIndexOf("/");
    const parent = slash === -1 ? "" : folder.slice(0, slash);
    ensure(parent);
    children.get(parent)!.add(folder.slice(slash + 1));
  };
  ensure("");
  for (const entry of placed) {
    ensure(entry.folder);
    files.get(entry.folder)!.push(entry.fileName);
  }
  const result = new Map<string, string[]>();
  for (const [folder, list] of files) {
    const subfolders = [...children.get(folder)!].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    result.set(folder, [...list, ...subfolders]);
  }
  return result;
}
