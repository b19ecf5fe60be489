/**
 * The public entry of the mesh: one Istio Gateway on the ingress gateway
 * that `istio()` installs, with an HTTPS server per certificate and an HTTP
 * server that redirects every host to HTTPS, and the cert-manager
 * Certificates whose Secrets the gateway reads from its own namespace.
 * VirtualServices of the apps bind to it as `istio-ingress/public-gateway`.
 */
import { DEFAULT_ISTIO_GATEWAY, gateway, gatewayCertificate, issuerRefSchema, type Component, type IssuerRef } from "@typed-gitops/catalog";
import { objectName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";

const HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

/** One certificate and the hosts it covers. */
const siteSchema = z
  .object({
    certificate: objectName().describe("The Certificate's name, also its Secret's and the Gateway server's credentialName, e.g. blog-production-tls."),
    hosts: z.array(z.string().regex(HOST, "expected a host name such as blog.example.org")).min(1).describe("The host names the certificate covers and the gateway serves."),
    issuer: issuerRefSchema,
  })
  .strict();

/** The props of {@link ingressGateway}. */
export const ingressGatewayProps = z
  .object({
    name: objectName().default(DEFAULT_ISTIO_GATEWAY.name).describe(`The Gateway's name. Default: ${DEFAULT_ISTIO_GATEWAY.name}, the one app() binds VirtualServices to.`),
    sites: z.array(siteSchema).min(1).describe("The certificates and their hosts, one HTTPS server each."),
  })
  .strict();

/** The input of {@link ingressGateway}. */
export type IngressGatewayProps = Omit<z.input<typeof ingressGatewayProps>, "sites"> & {
  /** The certificates and their hosts, one HTTPS server each. */
  readonly sites: readonly { readonly certificate: string; readonly hosts: readonly string[]; readonly issuer: IssuerRef }[];
};

/**
 * Renders (configs layer, after Istio's and cert-manager's CRDs) one
 * Certificate per site in `istio-ingress` and the Gateway serving them all,
 * with the HTTP → HTTPS redirect server on port 80.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function ingressGateway(input: IngressGatewayProps): Component {
  const props = parseProps(ingressGatewayProps, input, "ingressGateway");
  return {
    name: "ingress-gateway",
    configs: [
      ...props.sites.map((site) => gatewayCertificate({ name: site.certificate, namespace: DEFAULT_ISTIO_GATEWAY.namespace, hosts: site.hosts, issuer: site.issuer })),
      gateway({
        name: props.name,
        namespace: DEFAULT_ISTIO_GATEWAY.namespace,
        servers: props.sites.map((site) => ({ hosts: site.hosts, credentialName: site.certificate, minProtocolVersion: "TLSV1_2" })),
        httpsRedirect: true,
      }),
    ],
  };
}
