/**
 * A cert-manager Certificate (`cert-manager.io/v1`) with cert-manager's own
 * defaults for the key, the duration and the renewal: the one a web UI's
 * route, an Istio Gateway or an in-cluster TLS listener needs. (The
 * certificates section's `certificate()` builder sets key, duration and
 * renewal explicitly.)
 */
import { Certificate, type ICertificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import type { z } from "zod";
import type { issuerRefSchema } from "../wiring.ts";

/** A parsed `issuerRefSchema`: the issuer's name and kind. */
export type ParsedIssuerRef = z.output<typeof issuerRefSchema>;

/** The `issuerRef` of a Certificate signed by `issuer`. */
export function certificateIssuerRef(issuer: ParsedIssuerRef): { readonly group: "cert-manager.io"; readonly kind: ParsedIssuerRef["kind"]; readonly name: string } {
  return { group: "cert-manager.io", kind: issuer.kind, name: issuer.name };
}

/** What {@link tlsCertificate} issues. */
export interface TlsCertificateInput {
  /** The Certificate's name. */
  readonly name: string;
  /** The namespace of the Certificate and of its Secret. */
  readonly namespace: string;
  /** The Secret cert-manager writes the key pair to. @default the Certificate's name */
  readonly secretName?: string;
  /** The DNS names the certificate is for. */
  readonly dnsNames: readonly string[];
  /** The issuer that signs it. */
  readonly issuer: ParsedIssuerRef;
  /** The subject's common name. @default none */
  readonly commonName?: string;
  /** The key usages. @default cert-manager's (digital signature, key encipherment, server auth) */
  readonly usages?: NonNullable<ICertificate["spec"]>["usages"];
}

/** A Certificate for `dnsNames`, signed by `issuer`, written to `secretName`. */
export function tlsCertificate(input: TlsCertificateInput): Certificate {
  return new Certificate({
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      secretName: input.secretName ?? input.name,
      ...(input.commonName === undefined ? {} : { commonName: input.commonName }),
      dnsNames: [...input.dnsNames],
      ...(input.usages === undefined ? {} : { usages: input.usages }),
      issuerRef: certificateIssuerRef(input.issuer),
    },
  });
}
