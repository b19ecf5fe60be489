/**
 * Running the pinned kubeconform binary, strict and offline, and reading
 * its JSON report per object.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** One object kubeconform did not accept. */
export interface KubeconformResult {
  /** The file, as passed to kubeconform. */
  readonly filename: string;
  /** The object's kind. */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /** The object's apiVersion. */
  readonly version: string;
  /** `invalid`: the schema rejects it; `missing-schema`: no schema found; `error`: anything else. */
  readonly status: "invalid" | "missing-schema" | "error";
  /** kubeconform's message. */
  readonly message: string;
  /** The schema violations, each with a field path such as `spec.replicas`. */
  readonly errors: readonly { readonly field: string; readonly message: string }[];
}

interface RawResource {
  readonly filename?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly version?: string;
  readonly status?: string;
  readonly msg?: string;
  readonly validationErrors?: readonly { readonly path?: string; readonly msg?: string }[];
}

/** Turns a JSON pointer (`/spec/containers/0/image`) into a field path (`spec.containers[0].image`). */
export function pointerToField(pointer: string): string {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^[0-9]+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Reads kubeconform's `-output json` report. */
export function parseKubeconformReport(stdout: string): KubeconformResult[] {
  const report = JSON.parse(stdout) as { resources?: readonly RawResource[] };
  const results: KubeconformResult[] = [];
  for (const resource of report.resources ?? []) {
    if (resource.status === "statusValid" || resource.status === "statusSkipped" || resource.status === "statusEmpty") continue;
    const message = resource.msg ?? "";
    const status = resource.status === "statusInvalid" ? "invalid" : /could not find schema/i.test(message) ? "missing-schema" : "error";
    results.push({
      filename: resource.filename ?? "",
      kind: resource.kind ?? "",
      name: resource.name ?? "",
      version: resource.version ?? "",
      status,
      message,
      errors: (resource.validationErrors ?? []).map((error) => ({ field: pointerToField(error.path ?? ""), message: error.msg ?? "" })),
    });
  }
  return results;
}

/** Options of {@link runKubeconform}. */
export interface KubeconformOptions {
  /** The kubeconform binary. */
  readonly binary: string;
  /** `-schema-location` values, in lookup order. */
  readonly schemaLocations: readonly string[];
  /** The files to validate. */
  readonly files: readonly string[];
  /**
   * Worker goroutines.
   * @default 4
   */
  readonly workers?: number;
}

/**
 * Runs kubeconform with `-strict`, no default (remote) schema location, and
 * JSON output, and returns every object it did not accept.
 */
export async function runKubeconform(options: KubeconformOptions): Promise<KubeconformResult[]> {
  if (options.files.length === 0) return [];
  const args = ["-strict", "-output", "json", "-n", String(options.workers ?? 4)];
  for (const location of options.schemaLocations) args.push("-schema-location", location);
  args.push(...options.files);
  try {
    const { stdout } = await run(options.binary, args, { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    return parseKubeconformReport(stdout);
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    // kubeconform exits 1 when a resource is invalid; its report is still on stdout.
    if (typeof stdout === "string" && stdout.trim().startsWith("{")) return parseKubeconformReport(stdout);
    throw error;
  }
}
