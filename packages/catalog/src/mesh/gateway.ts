/**
 * The Istio Gateway (`networking.istio.io/v1`): the hosts an ingress
 * gateway serves, over HTTPS with a certificate from a Secret in the
 * gateway's namespace, and optionally over HTTP as a redirect to HTTPS.
 * VirtualServices bind their routes to it by `<namespace>/<name>`.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { Gateway } from "@kubernetes-models/istio/networking.istio.io/v1/Gateway";
import { z } from "zod";
import { ISTIO_INGRESS_NAMESPACE, ISTIO_INGRESS_SELECTOR } from "./names.ts";
import { gatewayHost, workloadSelector } from "./props.ts";

/** One HTTPS server of a Gateway. */
const serverSchema = z
  .object({
    hosts: z.array(gatewayHost).min(1, "name at least one host").describe("The hosts served, e.g. shop.example.com or *.example.com."),
    credentialName: objectName().describe("The TLS Secret (tls.crt, tls.key) in the gateway's namespace, e.g. a cert-manager Certificate's secretName (see gatewayCertificate)."),
    minProtocolVersion: z.enum(["TLSV1_2", "TLSV1_3"]).default("TLSV1_2").describe("The oldest TLS version accepted. Default: TLSV1_2."),
  })
  .strict();

/** The props of {@link gateway}. */
export const gatewayProps = z
  .object({
    name: objectName().describe("The Gateway's name."),
    namespace: namespaceName().default(ISTIO_INGRESS_NAMESPACE).describe(`The Gateway's namespace: the ingress gateway's, where its TLS Secrets live. Default: ${ISTIO_INGRESS_NAMESPACE}.`),
    selector: workloadSelector
      .default({ ...ISTIO_INGRESS_SELECTOR })
      .describe("The labels of the gateway pods that serve it. Default: istio: ingressgateway (the istio component's ingress gateway)."),
    servers: z.array(serverSchema).min(1, "name at least one server").describe("The HTTPS servers on port 443, one per certificate."),
    httpsRedirect: z.boolean().default(true).describe("Whether port 80 serves the same hosts with a redirect to HTTPS. Default: true."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const seen = new Map<string, number>();
    props.servers.forEach((server, index) => {
      const previous = seen.get(server.credentialName);
      if (previous !== undefined) ctx.addIssue({ code: "custom", path: ["servers", index, "credentialName"], message: `is already used by servers[${previous}]: give each certificate one server, with all its hosts` });
      else seen.set(server.credentialName, index);
    });
  });

/** The input of {@link gateway}. */
export type GatewayInput = z.input<typeof gatewayProps>;

/**
 * Builds an Istio Gateway with one HTTPS server per certificate (port 443,
 * TLS mode SIMPLE, named `https-<credentialName>`) and, unless turned off,
 * an HTTP server on port 80 that redirects every host to HTTPS.
 *
 * @example
 * gateway({ name: "shop", servers: [{ hosts: ["shop.example.com"], credentialName: "shop-tls" }] });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function gateway(input: GatewayInput): Gateway {
  const props = parseProps(gatewayProps, input, "gateway");
  const https = props.servers.map((server) => ({
    port: { number: 443, name: `https-${server.credentialName}`.slice(0, 63), protocol: "HTTPS" },
    hosts: server.hosts,
    tls: { mode: "SIMPLE" as const, credentialName: server.credentialName, minProtocolVersion: server.minProtocolVersion },
  }));
  const allHosts = [...new Set(props.servers.flatMap((server) => server.hosts))];
  const http = props.httpsRedirect ? [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: allHosts, tls: { httpsRedirect: true } }] : [];
  return new Gateway({
    metadata: { name: props.name, namespace: props.namespace },
    spec: { selector: props.selector, servers: [...http, ...https] },
  });
}
