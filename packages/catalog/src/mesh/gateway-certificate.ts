/**
 * A cert-manager Certificate for an Istio Gateway: its Secret must live in
 * the ingress gateway's namespace, where the gateway reads it by
 * `credentialName`, so this builder puts it there.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import type { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { z } from "zod";
import { hostName } from "../shared/host-name.ts";
import { tlsCertificate } from "../shared/tls-certificate.ts";
import { issuerRefSchema } from "../wiring.ts";
import { ISTIO_INGRESS_NAMESPACE } from "./names.ts";

/** The props of {@link gatewayCertificate}. */
export const gatewayCertificateProps = z
  .object({
    name: objectName().describe("The Certificate's name, and its Secret's: the Gateway server's credentialName."),
    namespace: namespaceName().default(ISTIO_INGRESS_NAMESPACE).describe(`The ingress gateway's namespace. Default: ${ISTIO_INGRESS_NAMESPACE}.`),
    hosts: z.array(hostName({ wildcard: true, fullyQualified: true })).min(1, "name at least one host").describe("The DNS names of the certificate."),
    issuer: issuerRefSchema,
  })
  .strict();

/** The input of {@link gatewayCertificate}. */
export type GatewayCertificateInput = z.input<typeof gatewayCertificateProps>;

/**
 * Builds the Certificate whose Secret (named like the Certificate) an
 * Istio Gateway server names as `credentialName`.
 *
 * @example
 * gatewayCertificate({ name: "shop-tls", hosts: ["shop.example.com"], issuer: { name: "letsencrypt-production" } });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function gatewayCertificate(input: GatewayCertificateInput): Certificate {
  const props = parseProps(gatewayCertificateProps, input, "gatewayCertificate");
  return tlsCertificate({ name: props.name, namespace: props.namespace, dnsNames: props.hosts, issuer: props.issuer });
}
