/**
 * An ACME ClusterIssuer (`cert-manager.io/v1`), such as Let's Encrypt, with
 * its solvers: DNS-01 through Cloudflare and/or HTTP-01 through an Ingress
 * class or a Gateway.
 */
import { ClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import { hostName } from "../shared/host-name.ts";
import { secretKey } from "../shared/secret-ref.ts";

/** The Let's Encrypt ACME directories. */
export const LETS_ENCRYPT_SERVERS = {
  staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
  production: "https://acme-v02.api.letsencrypt.org/directory",
} as const;

/** The Cloudflare DNS-01 solver: an API token with Zone:DNS:Edit, from a Secret the user creates. */
export const cloudflareSolverSchema = z
  .object({
    apiToken: z
      .object({
        secretName: objectName().describe("The Secret holding the token, in cert-manager's namespace (created by you: SOPS, SealedSecret or ExternalSecret)."),
        key: secretKey().describe("The key of the token in the Secret, e.g. api-token."),
      })
      .strict()
      .describe("The Cloudflare API token (Zone:DNS:Edit on the zones) that DNS-01 uses."),
    dnsZones: z
      .array(hostName())
      .min(1, "give at least one zone, or leave dnsZones out to use DNS-01 for every name")
      .optional()
      .describe("The DNS zones DNS-01 is used for (and their subdomains); other names use HTTP-01. Default: every name."),
  })
  .strict()
  .describe("DNS-01 through Cloudflare: the only way to get wildcard certificates. Default: none.");

/** A Gateway that cert-manager attaches its HTTP-01 challenge HTTPRoutes to. */
export const gatewayParentRefSchema = z
  .object({
    name: objectName().describe("The Gateway's name."),
    namespace: namespaceName().describe("The Gateway's namespace."),
    sectionName: z.string().min(1).optional().describe("The Gateway listener (port 80, HTTP) the challenge routes attach to. Default: every listener that accepts them."),
  })
  .strict();

/** The HTTP-01 solver: through an Ingress class, or through a Gateway. */
export const http01SolverSchema = z
  .object({
    ingressClassName: objectName().optional().describe("The IngressClass of the challenge Ingresses, e.g. traefik or nginx. Default: none (give it or gateway)."),
    gateway: gatewayParentRefSchema.optional().describe("The Gateway whose HTTP listener serves the challenge HTTPRoutes (needs cert-manager's Gateway API support, which certManager() then turns on). Default: none (give it or ingressClassName)."),
  })
  .strict()
  .superRefine((value, ctx) => {
    const given = [value.ingressClassName, value.gateway].filter((part) => part !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: "custom", message: given === 0 ? "give one of ingressClassName or gateway" : "ingressClassName and gateway cannot be given together: give one of them" });
  })
  .describe("HTTP-01 through an Ingress class or a Gateway: no wildcards. Default: none.");

/** The solvers of an ACME issuer. */
export const acmeSolversShape = {
  cloudflare: cloudflareSolverSchema.optional(),
  http01: http01SolverSchema.optional(),
};

/** The props of {@link acmeClusterIssuer}. */
export const acmeClusterIssuerProps = z
  .object({
    name: objectName().describe("The ClusterIssuer's name, e.g. letsencrypt-production."),
    server: z.string().regex(/^https:\/\/\S+$/, "expected an https:// URL").describe("The ACME directory URL, e.g. Let's Encrypt's production directory."),
    email: z.email("expected an email address").describe("The ACME account's contact email: expiry and policy notices go there."),
    accountKeySecretName: objectName().describe("The Secret cert-manager creates in its namespace for the ACME account's private key."),
    ...acmeSolversShape,
  })
  .strict()
  .superRefine((props, ctx) => acmeSolverProblems(props, ctx));

/** The input of {@link acmeClusterIssuer}. */
export type AcmeClusterIssuerInput = z.input<typeof acmeClusterIssuerProps>;

/** The parsed solvers. */
type Solvers = { readonly cloudflare?: z.output<typeof cloudflareSolverSchema> | undefined; readonly http01?: z.output<typeof http01SolverSchema> | undefined };

/** Adds the problems of a solver choice: none given, or an HTTP-01 solver that DNS-01 for every name would shadow. */
export function acmeSolverProblems(props: Solvers, ctx: z.RefinementCtx, path: readonly PropertyKey[] = []): void {
  if (props.cloudflare === undefined && props.http01 === undefined) {
    ctx.addIssue({ code: "custom", path: [...path], message: "give a solver: cloudflare (DNS-01) and/or http01" });
  }
  if (props.cloudflare !== undefined && props.cloudflare.dnsZones === undefined && props.http01 !== undefined) {
    ctx.addIssue({ code: "custom", path: [...path, "http01"], message: "is never used: cloudflare without dnsZones solves every name; give cloudflare.dnsZones, or leave http01 out" });
  }
}

/** The cert-manager solvers of a parsed solver choice, DNS-01 first. */
export function acmeSolvers(props: Solvers): Record<string, unknown>[] {
  const solvers: Record<string, unknown>[] = [];
  if (props.cloudflare !== undefined) {
    const { apiToken, dnsZones } = props.cloudflare;
    solvers.push({
      ...(dnsZones === undefined ? {} : { selector: { dnsZones } }),
      dns01: { cloudflare: { apiTokenSecretRef: { name: apiToken.secretName, key: apiToken.key } } },
    });
  }
  if (props.http01 !== undefined) {
    const { ingressClassName, gateway } = props.http01;
    if (gateway !== undefined) {
      const parentRef = { group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.name, namespace: gateway.namespace, ...(gateway.sectionName === undefined ? {} : { sectionName: gateway.sectionName }) };
      solvers.push({ http01: { gatewayHTTPRoute: { parentRefs: [parentRef] } } });
    } else {
      solvers.push({ http01: { ingress: { ingressClassName } } });
    }
  }
  return solvers;
}

/**
 * Builds an ACME ClusterIssuer with the given solvers: DNS-01 through
 * Cloudflare (for `dnsZones`, or every name) and/or HTTP-01.
 *
 * @example
 * acmeClusterIssuer({ name: "letsencrypt-production", server: LETS_ENCRYPT_SERVERS.production, email: "ops@example.org",
 *   accountKeySecretName: "letsencrypt-production-account-key", http01: { ingressClassName: "traefik" } });
 * @throws {UserError} naming every invalid or unknown field, and a missing solver.
 */
export function acmeClusterIssuer(input: AcmeClusterIssuerInput): ClusterIssuer {
  const props = parseProps(acmeClusterIssuerProps, input, `acmeClusterIssuer ${JSON.stringify(input.name)}`);
  return new ClusterIssuer({
    metadata: { name: props.name },
    spec: {
      acme: {
        server: props.server,
        email: props.email,
        privateKeySecretRef: { name: props.accountKeySecretName },
        solvers: acmeSolvers(props),
      },
    },
  });
}
