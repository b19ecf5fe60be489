/**
 * What the secret scan reports: where a plaintext secret is and what kind
 * of credential it looks like, never the value itself.
 */
import type { Problem } from "../errors/user-error.ts";

/** The kinds of finding, each with the phrase messages use for it. */
export const FINDING_KINDS = {
  "plaintext-secret": "a Secret without SOPS encryption (no sops.mac)",
  "unencrypted-sops-value": "a value left unencrypted in a SOPS document",
  "pem-private-key": "a PEM private key",
  "aws-access-key-id": "an AWS access key ID",
  "github-token": "a GitHub token",
  "gitlab-token": "a GitLab personal access token",
  "slack-token": "a Slack token",
  "slack-webhook": "a Slack incoming webhook URL",
  "google-api-key": "a Google API key",
  "stripe-live-key": "a Stripe live secret key",
  "age-secret-key": "an age secret key",
  jwt: "a JSON Web Token",
  "url-credentials": "a URL with a password in it",
  "secret-assignment": "a password, token or key assigned a random-looking value",
} as const;

/** The kind of a finding: a rule about Secrets, or the credential format found. */
export type FindingKind = keyof typeof FINDING_KINDS;

/** One plaintext secret found in a rendered object. */
export interface Finding {
  /** The file, e.g. `generated/production/apps/web/configmap-web.yaml`. */
  readonly path: string;
  /** The object, e.g. `ConfigMap web/web`. */
  readonly object: string;
  /** The field path, e.g. `data["app.properties"]`; `""` for the whole object. */
  readonly field: string;
  /** What was found. */
  readonly kind: FindingKind;
  /** The line in a multi-line value, counted from 1, when the value has several lines. */
  readonly line?: number;
}

/** The sentence of a finding: `holds a GitHub token (line 3)`. Never contains the value. */
export function findingMessage(finding: Finding): string {
  if (finding.kind === "plaintext-secret") return `is ${FINDING_KINDS[finding.kind]}`;
  const line = finding.line === undefined ? "" : ` (line ${finding.line})`;
  return `holds ${FINDING_KINDS[finding.kind]}${line}`;
}

/** Formats a finding as one line: `path: object: field: holds … [secret-scan kind]`. */
export function formatFinding(finding: Finding): string {
  const field = finding.field === "" ? "" : `${finding.field}: `;
  return `${finding.path}: ${finding.object}: ${field}${findingMessage(finding)} [secret-scan ${finding.kind}]`;
}

/** How to fix each group of findings. */
function hintOf(kind: FindingKind): string {
  if (kind === "plaintext-secret") return "encrypt it with sops (the tree is committed), or replace it with an ExternalSecret or a SealedSecret";
  if (kind === "unencrypted-sops-value") return "encrypt every data and stringData value (sops --encrypted-regex '^(data|stringData)$'), then rotate the value: it is in git history";
  return "move the value into a secret store and read it with an ExternalSecret (or a SOPS-encrypted Secret), then rotate it: it may already be in git history";
}

/** Turns findings into problems for the CLI's report, each with the fix. */
export function secretScanProblems(findings: readonly Finding[]): Problem[] {
  return findings.map((finding) => ({
    where: `${finding.path}: ${finding.object}${finding.field === "" ? "" : `: ${finding.field}`}`,
    what: `${findingMessage(finding)} [secret-scan ${finding.kind}]`,
    hint: hintOf(finding.kind),
  }));
}
