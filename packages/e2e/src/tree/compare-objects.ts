/**
 * Comparing what the tree renders with what the API server holds.
 *
 * Every field the tree sets must be in the live object with the same value
 * (the server adds defaults, so the live object may have more); labels and
 * annotations likewise; and the object must carry kustomize-controller's
 * ownership labels naming the Flux Kustomization that applied it. SOPS
 * Secrets are compared by their keys, and their values must be decrypted.
 */
import type { KubeObject } from "../kube/client.ts";

/** Fields that are not part of what the tree declares. */
const SKIPPED_TOP_LEVEL = new Set(["apiVersion", "kind", "metadata", "status", "sops"]);

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? "undefined" : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;
const SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The value of a Kubernetes quantity such as `250m`, `128Mi` or `1e3`; undefined for anything else. */
export function quantityValue(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (match === null) return undefined;
  const suffix = match[2] ?? "";
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return scale === undefined ? undefined : Number(match[1]) * scale;
}

/** Whether two scalars are the same value as the API server stores it. */
function sameScalar(expected: unknown, live: unknown): boolean {
  if (expected === live) return true;
  if (!(typeof expected === "number" || typeof expected === "string") || !(typeof live === "number" || typeof live === "string")) return false;
  // an int-or-string may come back as the other type (3 and "3")
  if (String(expected) === String(live)) return true;
  // a quantity comes back in canonical form ("1000m" as "1", "1000" as "1k")
  const want = quantityValue(String(expected));
  const got = quantityValue(String(live));
  return want !== undefined && got !== undefined && Math.abs(want - got) <= Math.abs(want) * 1e-12;
}

/** Lists where `expected` is not contained in `live`, as `path: want X, got Y`. */
export function notContained(expected: unknown, live: unknown, path: string, out: string[]): void {
  if (expected === null || typeof expected !== "object") {
    if (!sameScalar(expected, live)) out.push(`${path}: want ${describe(expected)}, got ${describe(live)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(live)) {
      // an empty list the server dropped
      if (expected.length > 0 || live !== undefined) out.push(`${path}: want ${describe(expected)}, got ${describe(live)}`);
      return;
    }
    if (expected.length !== live.length) {
      out.push(`${path}: want ${expected.length} items, got ${live.length}`);
      return;
    }
    expected.forEach((item, index) => notContained(item, live[index], `${path}[${index}]`, out));
    return;
  }
  if (live === null || typeof live !== "object" || Array.isArray(live)) {
    // an empty map the server dropped
    if (Object.keys(expected).length > 0 || live !== undefined) out.push(`${path}: want ${describe(expected)}, got ${describe(live)}`);
    return;
  }
  for (const [key, value] of Object.entries(expected)) {
    notContained(value, (live as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`, out);
  }
}

/** The owner a Flux Kustomization's objects are labelled with. */
export interface Owner {
  readonly name: string;
  readonly namespace: string;
}

/**
 * Lists the differences between a rendered object and the live one; empty
 * when the live object holds everything the tree declares.
 */
export function compareObject(expected: KubeObject, live: KubeObject | undefined, owner: Owner): string[] {
  if (live === undefined) return ["missing from the API server"];
  const problems: string[] = [];
  if (live.metadata.deletionTimestamp !== undefined) problems.push("is being deleted");
  const labels = live.metadata.labels ?? {};
  if (labels["kustomize.toolkit.fluxcd.io/name"] !== owner.name || labels["kustomize.toolkit.fluxcd.io/namespace"] !== owner.namespace) {
    problems.push(
      `not owned by Kustomization ${owner.namespace}/${owner.name} (labels name=${describe(labels["kustomize.toolkit.fluxcd.io/name"])}, namespace=${describe(labels["kustomize.toolkit.fluxcd.io/namespace"])})`,
    );
  }
  notContained(expected.metadata.labels ?? {}, labels, "metadata.labels", problems);
  notContained(expected.metadata.annotations ?? {}, live.metadata.annotations ?? {}, "metadata.annotations", problems);
  const encrypted = "sops" in expected;
  if (expected.kind === "Secret" && expected.apiVersion === "v1") {
    const data = (live.data ?? {}) as Record<string, string>;
    const declared = { ...((expected.data ?? {}) as Record<string, string>) };
    for (const [key, value] of Object.entries((expected.stringData ?? {}) as Record<string, string>)) declared[key] = Buffer.from(value).toString("base64");
    for (const [key, value] of Object.entries(declared)) {
      if (!(key in data)) problems.push(`data.${key}: missing`);
      else if (encrypted) {
        if (Buffer.from(data[key]!, "base64").toString("utf8").includes("ENC[")) problems.push(`data.${key}: still SOPS-encrypted`);
      } else if (data[key] !== value) problems.push(`data.${key}: differs`);
    }
    if (expected.type !== undefined && expected.type !== live.type) problems.push(`type: want ${describe(expected.type)}, got ${describe(live.type)}`);
    return problems;
  }
  for (const [key, value] of Object.entries(expected)) {
    if (SKIPPED_TOP_LEVEL.has(key)) continue;
    notContained(value, live[key], key, problems);
  }
  return problems;
}
