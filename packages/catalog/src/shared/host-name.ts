/**
 * Host name props: the names Traefik routes, certificates are issued for
 * and DNS records are kept for, checked the same way in every component.
 */
import { z } from "zod";
import { requiredError } from "./required-error.ts";

/** One DNS label: lower-case letters, digits and `-`, starting and ending with a letter or digit. */
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** What a {@link hostName} accepts besides a plain host name. */
export interface HostNameOptions {
  /** Whether a leading `*.` label is accepted, e.g. `*.example.org` for a certificate or a DNS record. @default false */
  readonly wildcard?: boolean;
  /** Whether at least two labels are required (`app.example.org`, not `app`). @default false */
  readonly fullyQualified?: boolean;
}

/**
 * Why `value` is not a host name (lower-case DNS labels joined by `.`, each
 * at most 63 characters, at most 253 in all), or `undefined` when it is one.
 *
 * @param options - whether a wildcard is accepted and whether the name must be fully qualified. @default neither
 */
export function hostNameProblem(value: string, options: HostNameOptions = {}): string | undefined {
  const wildcard = options.wildcard === true;
  const fullyQualified = options.fullyQualified === true;
  if (value.startsWith("*.") && !wildcard) return `${JSON.stringify(value)} is a wildcard: give one host name such as app.example.org`;
  const name = value.startsWith("*.") ? value.slice(2) : value;
  const labels = name.split(".");
  if (value.length > 253 || (fullyQualified && labels.length < 2) || labels.some((label) => label.length > 63 || !LABEL.test(label))) {
    const what = `${fullyQualified ? "fully qualified " : ""}host name${wildcard ? " or wildcard" : ""}`;
    const example = wildcard ? "example.org or *.example.org" : "app.example.org";
    return `${JSON.stringify(value)} is not a ${what} such as ${example}: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`;
  }
  return undefined;
}

/**
 * A host name prop, such as `app.example.org`: no port, no scheme, no
 * upper case.
 *
 * @param options - whether a wildcard is accepted and whether the name must be fully qualified. @default neither
 */
export function hostName(options: HostNameOptions = {}): z.ZodString {
  return z.string({ error: requiredError }).superRefine((value, ctx) => {
    const problem = hostNameProblem(value, options);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}
