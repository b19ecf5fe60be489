/**
 * Field-level changes between two versions of an object, such as
 * `spec.replicas: 2 → 3`, with secret values never shown: SOPS-encrypted
 * values, SealedSecret `encryptedData` and Secret `data`/`stringData`
 * appear only as "encrypted value changed" (or "value changed, not shown").
 */
import { isSopsEncryptedValue } from "../secrets/sops-metadata.ts";
import { asArray, asObject, asString, type JsonMap } from "../resource/json-fields.ts";

/** One changed field. */
export interface FieldChange {
  /** The field path, e.g. `spec.template.spec.containers[name=web].image`. */
  readonly path: string;
  /** What happened to the field. */
  readonly change: "added" | "removed" | "changed";
  /** The old value, formatted; absent when added, or when the value is secret. */
  readonly before?: string;
  /** The new value, formatted; absent when removed, or when the value is secret. */
  readonly after?: string;
  /** Set when the value is secret and not shown: `encrypted` for ciphertexts, `hidden` for a plaintext Secret's data. */
  readonly secret?: "encrypted" | "hidden";
}

/** The longest value shown; longer ones are cut with an ellipsis. */
const MAX_VALUE = 80;

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const PLAIN_STRING = /^[A-Za-z0-9_./:@+=,-][A-Za-z0-9_./:@+=, ~^*()<>-]*$/;

function joinKey(path: string, key: string): string {
  const part = PLAIN_KEY.test(key) ? key : JSON.stringify(key);
  return path === "" ? part : PLAIN_KEY.test(key) ? `${path}.${part}` : `${path}[${part}]`;
}

/** Formats a value for one line: plain strings as they are, everything else as compact JSON, cut at 80 characters. */
export function formatValue(value: unknown): string {
  const text = typeof value === "string" && PLAIN_STRING.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value) ?? "undefined";
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** What makes a value secret in one object. */
export interface SecretRules {
  /** Whether the values under this path (from the object's root) are secret, and how. */
  readonly at: (path: readonly string[]) => "encrypted" | "hidden" | undefined;
}

/** The secret rules of an object: by kind, and SOPS ciphertexts anywhere. */
export function secretRulesOf(object: { readonly kind: string; readonly apiVersion: string; readonly json: JsonMap }): SecretRules {
  const sops = asObject(object.json.sops) !== undefined;
  return {
    at(path) {
      if (object.kind === "Secret" && object.apiVersion === "v1" && (path[0] === "data" || path[0] === "stringData") && path.length >= 2) return sops ? "encrypted" : "hidden";
      if (object.kind === "SealedSecret" && path[0] === "spec" && path[1] === "encryptedData" && path.length >= 3) return "encrypted";
      return undefined;
    },
  };
}

function isNamedList(list: readonly unknown[]): boolean {
  const names = new Set<string>();
  for (const item of list) {
    const name = asString(asObject(item)?.name);
    if (name === undefined || names.has(name)) return false;
    names.add(name);
  }
  return list.length > 0;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => same(item, other[index]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((key) => Object.hasOwn(b, key) && same((a as JsonMap)[key], (b as JsonMap)[key]));
}

/**
 * The changes from `before` to `after`, in field order (keys of `before`
 * first, then new keys). Lists of objects that all have a distinct `name`
 * (containers, ports, env…) are compared by name, other lists by index;
 * lists of scalars are compared whole. The top-level `sops` metadata is
 * summarized in one line, recipients included (they are public keys).
 */
export function fieldChanges(before: JsonMap, after: JsonMap, rules: SecretRules): FieldChange[] {
  const changes: FieldChange[] = [];
  const secretChange = (path: string, change: FieldChange["change"], secret: "encrypted" | "hidden"): void => {
    changes.push({ path, change, secret });
  };
  const holdsSecret = (value: unknown, keys: readonly string[]): boolean => {
    if (rules.at(keys) !== undefined || isSopsEncryptedValue(value)) return true;
    if (value === null || typeof value !== "object") return false;
    const children = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value as JsonMap);
    return children.some(([key, child]) => holdsSecret(child, [...keys, key]));
  };
  const walk = (a: unknown, b: unknown, keys: readonly string[], path: string): void => {
    if (same(a, b)) return;
    const secret = rules.at(keys) ?? (isSopsEncryptedValue(a) || isSopsEncryptedValue(b) ? "encrypted" : undefined);
    if (secret !== undefined && (isScalar(a) || a === undefined) && (isScalar(b) || b === undefined)) {
      secretChange(path, a === undefined ? "added" : b === undefined ? "removed" : "changed", secret);
      return;
    }
    if (a === undefined || b === undefined) {
      const present = a === undefined ? b : a;
      const change = a === undefined ? "added" : "removed";
      if (secret !== undefined && isScalar(present)) return secretChange(path, change, secret);
      if (holdsSecret(present, keys)) {
        // Added or removed as a whole, but with secret values inside: one line per value, none shown.
        const children = Array.isArray(present) ? present.map((item, index) => [String(index), item] as const) : Object.entries(present as JsonMap);
        for (const [key, child] of children) {
          walk(a === undefined ? undefined : child, a === undefined ? child : undefined, [...keys, key], Array.isArray(present) ? `${path}[${key}]` : joinKey(path, key));
        }
        return;
      }
      changes.push(a === undefined ? { path, change, after: formatValue(b) } : { path, change, before: formatValue(a) });
      return;
    }
    const objectA = asObject(a);
    const objectB = asObject(b);
    if (objectA !== undefined && objectB !== undefined) {
      const all = [...Object.keys(objectA), ...Object.keys(objectB).filter((key) => !Object.hasOwn(objectA, key))];
      for (const key of all) walk(objectA[key], objectB[key], [...keys, key], joinKey(path, key));
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && !(a.every(isScalar) && b.every(isScalar))) {
      if (isNamedList(a) && isNamedList(b)) {
        const byName = (list: unknown[]) => new Map(list.map((item) => [asString(asObject(item)!.name)!, item]));
        const mapA = byName(a);
        const mapB = byName(b);
        for (const name of [...mapA.keys(), ...[...mapB.keys()].filter((key) => !mapA.has(key))]) walk(mapA.get(name), mapB.get(name), [...keys, name], `${path}[name=${name}]`);
        return;
      }
      for (let index = 0; index < Math.max(a.length, b.length); index++) walk(a[index], b[index], [...keys, String(index)], `${path}[${index}]`);
      return;
    }
    if (secret !== undefined) return secretChange(path, "changed", secret);
    changes.push({ path, change: "changed", before: formatValue(a), after: formatValue(b) });
  };
  const { sops: sopsBefore, ...restBefore } = before;
  const { sops: sopsAfter, ...restAfter } = after;
  walk(restBefore, restAfter, [], "");
  if (!same(sopsBefore, sopsAfter)) {
    const recipients = (value: unknown) => asArray(asObject(value)?.age).map((entry) => asString(asObject(entry)?.recipient) ?? "").filter((recipient) => recipient !== "").sort();
    const was = recipients(sopsBefore);
    const now = recipients(sopsAfter);
    if (sopsBefore === undefined || sopsAfter === undefined) changes.push({ path: "sops", change: sopsBefore === undefined ? "added" : "removed", secret: "encrypted" });
    else if (was.join(",") !== now.join(",")) changes.push({ path: "sops.age[*].recipient", change: "changed", before: was.join(", "), after: now.join(", ") });
    else changes.push({ path: "sops", change: "changed", secret: "encrypted" });
  }
  return changes;
}
