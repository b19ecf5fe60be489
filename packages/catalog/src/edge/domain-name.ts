/**
 * The domain-name props of the edge components: a fully qualified name such
 * as `app.example.org`, or with `allowWildcard` a wildcard `*.example.org`.
 */
import { dns1123SubdomainProblem } from "@typed-gitops/lib";
import { z } from "zod";

/** Why `value` is not a fully qualified domain name (optionally `*.`-prefixed), or `undefined`. */
export function domainNameProblem(value: string, allowWildcard: boolean): string | undefined {
  const wildcard = value.startsWith("*.");
  if (wildcard && !allowWildcard) return `${JSON.stringify(value)} is a wildcard: give one host name such as app.example.org`;
  const name = wildcard ? value.slice(2) : value;
  const problem = dns1123SubdomainProblem(name);
  if (problem !== undefined || !name.includes(".")) {
    return `${JSON.stringify(value)} is not a fully qualified domain name such as ${allowWildcard ? "example.org or *.example.org" : "app.example.org"}: use lower-case letters, digits, '-' and '.'`;
  }
  return undefined;
}

/** A domain name prop; with `allowWildcard`, `*.example.org` too. */
export function domainName(allowWildcard: boolean) {
  return z.string().superRefine((value, ctx) => {
    const problem = domainNameProblem(value, allowWildcard);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}
