/**
 * Reading a secret source file as exactly one YAML document.
 */
import { lazyModel } from "../resource/lazy-model.ts";
import { UserError } from "../errors/user-error.ts";

/** The `yaml` package, loaded on first use. */
const yaml = lazyModel<typeof import("yaml")>(import.meta.resolve("yaml"));

/**
 * Parses `text` as one YAML document (YAML 1.2, as sops and kubeseal write
 * it) and returns its value.
 *
 * @param where - the file, for messages.
 * @throws {UserError} on a syntax error, or when the text holds no document
 *   or more than one. Messages give the line, never the content.
 */
export function parseSingleDocument(text: string, where: string): unknown {
  const documents = yaml().parseAllDocuments(text, { prettyErrors: false });
  if (!Array.isArray(documents)) throw new UserError({ where, what: "is not YAML" });
  const errors = documents.flatMap((document) => document.errors);
  if (errors.length > 0) {
    const first = errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new UserError({ where: line === undefined ? where : `${where}:${line}`, what: `is not valid YAML (${first.code})` });
  }
  if (documents.length !== 1) {
    throw new UserError({ where, what: `holds ${documents.length} YAML documents; expected exactly one` });
  }
  return documents[0]!.toJS({ maxAliasCount: 100 });
}

/** Whether `value` is a plain object (a YAML mapping). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
