/**
 * Kubernetes name rules, checked before a name becomes part of a file path.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Returns why `value` is not a DNS-1123 label (lower-case letters, digits
 * and `-`, starting and ending with a letter or digit, at most 63
 * characters), or `undefined` when it is one.
 */
export function dns1123LabelProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return `expected a string, got ${describe(value)}`;
  if (value.length === 0) return "must not be empty";
  if (value.length > 63) return `must be at most 63 characters, got ${value.length}`;
  if (!DNS1123_LABEL.test(value)) {
    return `${JSON.stringify(value)} is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`;
  }
  return undefined;
}

/**
 * Returns why `value` is not a DNS-1123 subdomain (DNS-1123 labels joined by
 * `.`, at most 253 characters), or `undefined` when it is one. This is the
 * rule for `metadata.name` of most kinds.
 */
export function dns1123SubdomainProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return `expected a string, got ${describe(value)}`;
  if (value.length === 0) return "must not be empty";
  if (value.length > 253) return `must be at most 253 characters, got ${value.length}`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return `${JSON.stringify(value)} is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/**
 * Returns why `value` is not a kind name (`PascalCase` ASCII letters and
 * digits), or `undefined` when it is one.
 */
export function kindProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return `expected a string, got ${describe(value)}`;
  if (!KIND.test(value)) return `${JSON.stringify(value)} is not a kind: use ASCII letters and digits, starting with an upper-case letter`;
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? JSON.stringify(value) : typeof value;
}
