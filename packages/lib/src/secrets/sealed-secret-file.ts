/**
 * SealedSecret sources (`clusters/<cluster>/sealed/<name>.yaml`): their
 * checks, their scope, and the object gen copies through unchanged.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { basename, relative } from "node:path";
import { isUserError, UserError, type Problem } from "../errors/user-error.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { rawManifest, unavailableManifest } from "../resource/raw-manifest.ts";
import { manifestShapeProblems } from "./secret-manifest.ts";
import { isMapping, parseSingleDocument } from "./yaml-document.ts";

/** The apiVersion of SealedSecret. */
export const SEALED_SECRET_API_VERSION = "bitnami.com/v1alpha1";

/** The scopes of a sealed secret: what the ciphertext is bound to. */
export const SEALING_SCOPES = ["strict", "namespace-wide", "cluster-wide"] as const;

/**
 * A sealing scope: `strict` (bound to the name and namespace),
 * `namespace-wide` (to the namespace: the Secret may be renamed) or
 * `cluster-wide` (to nothing: any name, any namespace).
 */
export type SealingScope = (typeof SEALING_SCOPES)[number];

const NAMESPACE_WIDE = "sealedsecrets.bitnami.com/namespace-wide";
const CLUSTER_WIDE = "sealedsecrets.bitnami.com/cluster-wide";

function annotations(value: unknown): Record<string, unknown> {
  return isMapping(value) && isMapping(value.annotations) ? value.annotations : {};
}

/**
 * Returns the scope of a parsed SealedSecret, from the annotations kubeseal
 * sets on it (`sealedsecrets.bitnami.com/namespace-wide` or `cluster-wide`
 * set to `"true"`; neither means strict).
 */
export function sealedSecretScope(document: unknown): SealingScope {
  const own = annotations(isMapping(document) ? document.metadata : undefined);
  if (own[CLUSTER_WIDE] === "true") return "cluster-wide";
  if (own[NAMESPACE_WIDE] === "true") return "namespace-wide";
  return "strict";
}

/**
 * Checks the text of a SealedSecret source: one SealedSecret of
 * `bitnami.com/v1alpha1`, named like its file, with non-empty encrypted
 * values.
 *
 * @param where - how the file is named in messages.
 * @returns every problem found; empty when the file is fine.
 */
export function checkSealedSecretText(text: string, where: string): Problem[] {
  let document: unknown;
  try {
    document = parseSingleDocument(text, where);
  } catch (error) {
    if (isUserError(error)) return [...error.problems];
    throw error;
  }
  const problems: Problem[] = [];
  const shape = manifestShapeProblems(document, { apiVersion: SEALED_SECRET_API_VERSION, kind: "SealedSecret" });
  if (shape.length > 0) problems.push({ where, what: `is not a SealedSecret manifest: ${shape.join("; ")}` });
  if (!isMapping(document)) return problems;
  const name = isMapping(document.metadata) ? document.metadata.name : undefined;
  if (typeof name === "string" && basename(where) !== `${name}.yaml`) {
    problems.push({ where: `${where}: metadata.name`, what: `is ${JSON.stringify(name)} but the file is named ${basename(where)}`, hint: `rename the file to ${name}.yaml` });
  }
  const spec = isMapping(document.spec) ? document.spec : {};
  const encrypted = spec.encryptedData;
  if (!isMapping(encrypted) || Object.keys(encrypted).length === 0) {
    problems.push({ where: `${where}: spec.encryptedData`, what: "is missing or empty" });
  } else {
    for (const [key, value] of Object.entries(encrypted)) {
      if (typeof value !== "string" || !/^[A-Za-z0-9+/]+=*$/.test(value)) problems.push({ where: `${where}: spec.encryptedData.${key}`, what: "is not a kubeseal ciphertext (base64)" });
    }
  }
  return problems;
}

/** Options of {@link sealedSecretObject}. */
export interface SealedSecretObjectOptions {
  /**
   * The project root: messages name the file relative to it.
   * @default process.cwd()
   */
  readonly root?: string;
}

/**
 * Reads a SealedSecret source (`clusters/<cluster>/sealed/<name>.yaml`) as an
 * object whose file gen copies unchanged. In a cluster definition:
 * `sealedSecretObject(new URL("./sealed/api-token.yaml", import.meta.url))`.
 * When the file does not exist yet, a stand-in is returned that `gen`
 * reports, so the definition still loads for `secrets seal` to create it.
 *
 * @throws {UserError} with every problem {@link checkSealedSecretText} finds.
 */
export function sealedSecretObject(source: string | URL, options: SealedSecretObjectOptions = {}): ApiObject {
  const file = typeof source === "string" ? source : fileURLToPath(source);
  const where = relative(options.root ?? process.cwd(), file).split("\\").join("/");
  if (!existsSync(file)) {
    const ref = /(?:^|\/)clusters\/([^/]+)\/sealed\/([^/]+)\.yaml$/.exec(where);
    return unavailableManifest("SealedSecret", ref?.[2] ?? where, {
      where,
      what: "does not exist",
      hint: ref === null ? "create it with `typed-gitops secrets seal`" : `create it with \`pnpm secrets seal ${ref[1]}/${ref[2]} --namespace <namespace> --scope strict --key <key> --stdin\``,
    });
  }
  const text = readFileSync(file, "utf8");
  const problems = checkSealedSecretText(text, where);
  if (problems.length > 0) throw new UserError(problems);
  return rawManifest(text, parseSingleDocument(text, where) as ApiObject, where);
}
