/**
 * Comparing the recipients a file is encrypted for with those it should be
 * encrypted for.
 */

/** How a file's recipients differ from the expected ones. */
export interface RecipientDiff {
  /** Recipients of the file that are not expected, in code-unit order. */
  readonly extra: readonly string[];
  /** Expected recipients the file is not encrypted for, in code-unit order. */
  readonly missing: readonly string[];
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Compares two recipient lists as sets (order and duplicates carry no meaning). */
export function diffRecipients(actual: readonly string[], expected: readonly string[]): RecipientDiff {
  const want = new Set(expected);
  const have = new Set(actual);
  return { extra: sorted(actual.filter((recipient) => !want.has(recipient))), missing: sorted(expected.filter((recipient) => !have.has(recipient))) };
}

/** Whether a {@link RecipientDiff} is empty. */
export function sameRecipients(diff: RecipientDiff): boolean {
  return diff.extra.length === 0 && diff.missing.length === 0;
}

/** Describes a non-empty {@link RecipientDiff}, e.g. `extra age1…; missing age1…`. */
export function describeRecipientDiff(diff: RecipientDiff): string {
  const parts: string[] = [];
  if (diff.extra.length > 0) parts.push(`extra ${diff.extra.join(", ")}`);
  if (diff.missing.length > 0) parts.push(`missing ${diff.missing.join(", ")}`);
  return parts.join("; ");
}

/** Returns the recipients in code-unit order, without duplicates. */
export function normalizeRecipients(recipients: readonly string[]): string[] {
  return sorted(recipients);
}
