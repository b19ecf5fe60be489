/**
 * Helpers for the schema tests (not part of the library): the project's
 * pinned kubeconform, the offline upstream mirror, and running kubeconform
 * on YAML text.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installTools, resolveTool } from "../tools/install-tools.ts";

/** The project root (the workspace root, with `schemas/sources.json` and `.tools/`). */
export const PROJECT_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** The offline mirror of the upstream files, beside the project. */
export const UPSTREAM_MIRROR = resolve(PROJECT_ROOT, "..", "shared", "upstream");

/** The fixtures of the schema tests. */
export const FIXTURES = fileURLToPath(new URL("../../test/fixtures/schemas/", import.meta.url));

/**
 * Returns the upstream mirror folder.
 *
 * @throws {Error} when it is missing: the tests need it and must fail, not skip.
 */
export function requireMirror(): string {
  if (!existsSync(resolve(UPSTREAM_MIRROR, "SOURCES.md"))) {
    throw new Error(
      `the schema tests need the offline upstream mirror at ${UPSTREAM_MIRROR} (kubernetes/, crds/, flux-install/ with the files of schemas/sources.json); it is missing`,
    );
  }
  return UPSTREAM_MIRROR;
}

/** Returns the project's pinned kubeconform, building it first when it is missing. */
export async function pinnedKubeconform(): Promise<string> {
  try {
    return resolveTool(PROJECT_ROOT, "kubeconform");
  } catch {
    await installTools(PROJECT_ROOT, { only: ["kubeconform"] });
    return resolveTool(PROJECT_ROOT, "kubeconform");
  }
}

/** One resource in kubeconform's `-output json`. */
export interface KubeconformResource {
  readonly kind: string;
  readonly name: string;
  readonly version: string;
  readonly status: "statusValid" | "statusInvalid" | "statusError" | "statusSkipped";
  readonly msg: string;
  readonly validationErrors?: readonly { readonly path: string; readonly msg: string }[];
}

/**
 * Runs kubeconform `-strict -output json -verbose` on YAML text with the
 * given schema locations.
 *
 * @returns every resource's result, valid ones included.
 */
export async function runKubeconform(binary: string, locations: readonly string[], yaml: string): Promise<KubeconformResource[]> {
  const args = ["-strict", "-output", "json", "-verbose", ...locations.flatMap((location) => ["-schema-location", location]), "-"];
  const stdout = await new Promise<string>((resolvePromise, reject) => {
    const child = execFile(binary, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      // kubeconform exits 1 when a resource is invalid; only a missing output is a failure here.
      if (out.trim() === "") reject(new Error(`kubeconform printed nothing: ${error?.message ?? ""} ${err}`));
      else resolvePromise(out);
    });
    child.stdin?.end(yaml);
  });
  return (JSON.parse(stdout) as { resources: KubeconformResource[] }).resources;
}

/** The small mirror of the store tests: a Kubernetes spec excerpt (version 1.36) and one CRD. */
export const FIXTURE_MIRROR = resolve(FIXTURES, "mirror");

/** The files of {@link FIXTURE_MIRROR}. */
export const FIXTURE_FILES = { kubernetes: "kubernetes/swagger-mini.json", crd: "crds/example/widgets.example.com.yaml" } as const;

/** Options of {@link fixtureSources}. */
export interface FixtureSourcesOptions {
  /**
   * The URL the files are served from.
   * @default "https://example.invalid/mirror" (never fetched in tests that read the mirror)
   */
  readonly baseUrl?: string;
  /**
   * sha256 values to pin instead of the real ones, by mirror path.
   * @default {}
   */
  readonly sha256?: Readonly<Record<string, string>>;
}

/** A `schemas/sources.json` text for {@link FIXTURE_MIRROR}, with the real sha256 of each file unless overridden. */
export function fixtureSources(sha256Of: (path: string) => string, options: FixtureSourcesOptions = {}): string {
  const base = options.baseUrl ?? "https://example.invalid/mirror";
  const pin = (path: string): { url: string; sha256: string; path: string } => ({ url: `${base}/${path}`, sha256: options.sha256?.[path] ?? sha256Of(path), path });
  return `${JSON.stringify(
    {
      kubernetes: [{ version: "1.36", repository: "example/kubernetes", ref: "v0.0.1", ...pin(FIXTURE_FILES.kubernetes) }],
      crds: [{ component: "example", version: "v0.0.1", repository: "example/widgets", ref: "v0.0.1", files: [pin(FIXTURE_FILES.crd)] }],
    },
    null,
    2,
  )}\n`;
}
