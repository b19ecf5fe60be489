/**
 * Running the policy rules over a cluster, honouring per-object
 * suppressions, and turning findings into problems.
 */
import type { Problem } from "../errors/user-error.ts";
import { describeObject, type ApiObject } from "../resource/api-object.ts";
import { POLICY_RULES, sharingWorkloads, type PolicyFinding, type PolicyRule, type PolicySubject } from "./rules.ts";

/** The annotation prefix of a suppression: `suppress.policy.typed-gitops.dev/<rule-id>: <reason>`. */
export const SUPPRESSION_PREFIX = "suppress.policy.typed-gitops.dev/";

/** The shortest reason a suppression may give. */
export const MINIMUM_REASON_LENGTH = 10;

/**
 * Exempts `object` from one policy rule, with the reason written into the
 * rendered object as an annotation (so it is reviewed with the object).
 *
 * @returns the same object, for chaining.
 */
export function suppress<T extends ApiObject>(object: T, rule: string, reason: string): T {
  const metadata = (object.metadata ??= {});
  metadata.annotations = { ...metadata.annotations, [`${SUPPRESSION_PREFIX}${rule}`]: reason };
  return object;
}

/** A finding with its rule's severity. */
export interface RatedFinding extends PolicyFinding {
  /** The rule's severity. */
  readonly severity: PolicyRule["severity"];
}

/** The outcome of the policies on one cluster. */
export interface PolicyReport {
  /** Findings not suppressed. */
  readonly findings: readonly RatedFinding[];
  /** Findings suppressed, with the reason given. */
  readonly suppressed: readonly (RatedFinding & { readonly reason: string })[];
  /** Suppressions that are not valid: unknown rule or no real reason. */
  readonly invalidSuppressions: readonly { readonly subject: PolicySubject; readonly annotation: string; readonly message: string }[];
}

function suppressionsOf(object: ApiObject): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(object.metadata?.annotations ?? {})) {
    if (key.startsWith(SUPPRESSION_PREFIX)) found.set(key.slice(SUPPRESSION_PREFIX.length), value);
  }
  return found;
}

/** Runs every rule (or the given ones) over the subjects of one cluster. */
export function evaluatePolicies(subjects: readonly PolicySubject[], rules: readonly PolicyRule[] = POLICY_RULES): PolicyReport {
  const known = new Set(POLICY_RULES.map((rule) => rule.id));
  const invalidSuppressions: PolicyReport["invalidSuppressions"][number][] = [];
  const valid = new Map<ApiObject, Map<string, string>>();
  for (const subject of subjects) {
    const suppressions = suppressionsOf(subject.object);
    if (suppressions.size === 0) continue;
    const accepted = new Map<string, string>();
    for (const [rule, reason] of suppressions) {
      const annotation = `${SUPPRESSION_PREFIX}${rule}`;
      if (!known.has(rule)) invalidSuppressions.push({ subject, annotation, message: `suppresses unknown policy ${JSON.stringify(rule)}; known: ${[...known].join(", ")}` });
      else if (reason.trim().length < MINIMUM_REASON_LENGTH) invalidSuppressions.push({ subject, annotation, message: `suppresses ${rule} without a reason; write why in the annotation's value (${MINIMUM_REASON_LENGTH} characters or more)` });
      else accepted.set(rule, reason.trim());
    }
    valid.set(subject.object, accepted);
  }
  const findings: RatedFinding[] = [];
  const suppressed: (RatedFinding & { reason: string })[] = [];
  const checked = sharingWorkloads(subjects, () => rules.map((rule) => ({ rule, found: rule.check(subjects) })));
  for (const { rule, found } of checked) {
    for (const finding of found) {
      const rated = { ...finding, severity: rule.severity };
      const reason = valid.get(finding.subject.object)?.get(rule.id);
      if (reason === undefined) findings.push(rated);
      else suppressed.push({ ...rated, reason });
    }
  }
  return { findings, suppressed, invalidSuppressions };
}

/**
 * Turns a report's errors into problems: each unsuppressed error finding
 * and each invalid suppression. Warnings are left to the caller.
 *
 * @param source - the cluster folder for messages, e.g. `clusters/production`.
 * @param declaredAt - where an object was declared, when known.
 */
export function policyProblems(report: PolicyReport, source: string, declaredAt?: (object: ApiObject) => string | undefined): Problem[] {
  const where = (subject: PolicySubject) => `${source}: components[${JSON.stringify(subject.component)}]: ${describeObject(subject.object)}`;
  const problems: Problem[] = [];
  for (const finding of report.findings) {
    if (finding.severity !== "error") continue;
    problems.push({
      where: where(finding.subject),
      what: `${finding.field === "" ? "" : `${finding.field}: `}${finding.message} [policy ${finding.rule}]`,
      hint: `fix it, or suppress it for this object with a reason: suppress(object, "${finding.rule}", "why")`,
      source: declaredAt?.(finding.subject.object),
    });
  }
  for (const invalid of report.invalidSuppressions) {
    problems.push({ where: where(invalid.subject), what: `metadata.annotations["${invalid.annotation}"] ${invalid.message}`, source: declaredAt?.(invalid.subject.object) });
  }
  return problems;
}
