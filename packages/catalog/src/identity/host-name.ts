/**
 * The host-name prop of the identity components: a fully qualified name
 * such as `auth.example.org`, checked like a DNS-1123 subdomain.
 */
import { dns1123SubdomainProblem, requiredString } from "@typed-gitops/lib";

/** A fully qualified host name such as `auth.example.org` (lower case, no wildcard, no port). */
export function identityHostName() {
  return requiredString().superRefine((value, ctx) => {
    const problem = dns1123SubdomainProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem.replace("DNS-1123 subdomain", "host name") });
    else if (!value.includes(".")) ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} is not a fully qualified host name such as auth.example.org` });
  });
}
